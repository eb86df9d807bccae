package dev.lakebase.spring.autoconfigure;

import dev.lakebase.spring.autoconfigure.internal.TargetProperties;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a Lakebase target is configured: a {@code lakebase.*} target property or one of
 * the environment variables the core reads (a Databricks App has {@code PGHOST}, plus {@code
 * LAKEBASE_ENDPOINT} when the app sets it), or a {@link LakebaseConnectionDetails} bean is defined.
 */
class OnLakebaseTargetCondition extends SpringBootCondition implements ConfigurationCondition {

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
    String found = TargetProperties.firstSet(environment);
    if (found != null) {
      return ConditionOutcome.match(message.found("property").items(found));
    }
    return ConditionOutcome.noMatch(
        message.didNotFind("property").items(TargetProperties.NAMES.toArray()));
  }
}
