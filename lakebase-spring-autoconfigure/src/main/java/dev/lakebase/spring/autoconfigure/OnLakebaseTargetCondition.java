package dev.lakebase.spring.autoconfigure;

import dev.lakebase.spring.autoconfigure.internal.TargetProperties;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a Lakebase target is configured: a {@code lakebase.*} target property or one of
 * the environment variables the core reads (a Databricks App has {@code PGHOST}, plus {@code
 * LAKEBASE_ENDPOINT} when the app sets it).
 */
class OnLakebaseTargetCondition extends SpringBootCondition {

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context,
      AnnotatedTypeMetadata metadata) {
    ConditionMessage.Builder message = ConditionMessage.forCondition("Lakebase target");
    Environment environment = context.getEnvironment();
    String found = TargetProperties.firstSet(environment);
    if (found != null) {
      return ConditionOutcome.match(message.found("property").items(found));
    }
    return ConditionOutcome.noMatch(message.didNotFind("property").items(TargetProperties.NAMES.toArray()));
  }
}
