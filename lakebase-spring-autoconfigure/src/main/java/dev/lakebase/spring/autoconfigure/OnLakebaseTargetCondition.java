package dev.lakebase.spring.autoconfigure;

import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a Lakebase target is configured: a {@code lakebase.*} target property or one of
 * the environment variables the core reads (a Databricks App has {@code PGHOST}, plus {@code
 * LAKEBASE_ENDPOINT} when the app sets it), or a {@link LakebaseConnectionDetails} bean is defined.
 */
class OnLakebaseTargetCondition extends SpringBootCondition implements ConfigurationCondition {

  private static final List<String> TARGETS = List.of(
      "lakebase.endpoint", "lakebase.project", "lakebase.branch", "lakebase.instance",
      "lakebase.host", "LAKEBASE_ENDPOINT", "LAKEBASE_PROJECT", "LAKEBASE_INSTANCE", "PGHOST");

  /** When the bean definitions of the application's own configuration are registered. */
  @Override
  public ConfigurationPhase getConfigurationPhase() {
    return ConfigurationPhase.REGISTER_BEAN;
  }

  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context,
      AnnotatedTypeMetadata metadata) {
    ConditionMessage.Builder message = ConditionMessage.forCondition("Lakebase target");
    if (context.getBeanFactory() != null && context.getBeanFactory()
        .getBeanNamesForType(LakebaseConnectionDetails.class, true, false).length > 0) {
      return ConditionOutcome.match(message.found("bean").items("LakebaseConnectionDetails"));
    }
    Environment environment = context.getEnvironment();
    for (String name : TARGETS) {
      if (StringUtils.hasText(environment.getProperty(name))) {
        return ConditionOutcome.match(message.found("property").items(name));
      }
    }
    return ConditionOutcome.noMatch(message.didNotFind("property").items(TARGETS.toArray()));
  }
}
