package dev.lakebase.spring.autoconfigure;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a Lakebase target is configured: a {@code lakebase.*} target property or one of
 * the environment variables the core reads (a Databricks App has {@code PGHOST}, plus {@code
 * LAKEBASE_ENDPOINT} when the app sets it).
 */
class OnLakebaseTargetCondition extends SpringBootCondition {

  private static final List<String> TARGETS = List.of(
      "lakebase.endpoint", "lakebase.project", "lakebase.branch", "lakebase.instance",
      "lakebase.host", "LAKEBASE_ENDPOINT", "LAKEBASE_PROJECT", "LAKEBASE_INSTANCE", "PGHOST");

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context,
      AnnotatedTypeMetadata metadata) {
    ConditionMessage.Builder message = ConditionMessage.forCondition("Lakebase target");
    Environment environment = context.getEnvironment();
    for (String name : TARGETS) {
      if (StringUtils.hasText(environment.getProperty(name))) {
        return ConditionOutcome.match(message.found("property").items(name));
      }
    }
    return ConditionOutcome.noMatch(message.didNotFind("property").items(TARGETS.toArray()));
  }
}
