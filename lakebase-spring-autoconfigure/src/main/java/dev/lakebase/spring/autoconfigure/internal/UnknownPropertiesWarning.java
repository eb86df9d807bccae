package dev.lakebase.spring.autoconfigure.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Logs a warning at startup for each {@code lakebase.*} property that no Lakebase module binds,
 * naming the closest valid property: a misspelt key would otherwise be ignored in silence. Runs
 * once the environment is complete and logging is set up, before any bean is created, so the
 * warning is there even when the startup then fails.
 */
public final class UnknownPropertiesWarning
    implements ApplicationListener<ApplicationPreparedEvent> {

  private static final Logger log = LoggerFactory.getLogger(UnknownPropertiesWarning.class);

  /** Creates the listener (registered in {@code META-INF/spring.factories}). */
  public UnknownPropertiesWarning() {}

  @Override
  public void onApplicationEvent(ApplicationPreparedEvent event) {
    for (UnknownProperties.Unknown unknown
        : UnknownProperties.find(event.getApplicationContext().getEnvironment())) {
      log.warn("Unknown Lakebase property {}: no Lakebase setting has this name, so it is"
          + " ignored", unknown.describe());
    }
  }
}
