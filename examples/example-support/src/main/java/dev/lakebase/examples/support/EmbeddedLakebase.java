package dev.lakebase.examples.support;

import dev.lakebase.testkit.LakebaseEmulator;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Tells an application whether it runs on the embedded default, the in-process Lakebase
 * emulator started by {@link EmbeddedLakebaseEnvironmentPostProcessor}.
 */
public final class EmbeddedLakebase {

  /**
   * Property that is {@code true} when the embedded emulator is in use (set by the embedded
   * default itself, never by the user), e.g. for {@code @ConditionalOnBooleanProperty}.
   */
  public static final String ACTIVE_PROPERTY = EmbeddedLakebaseProperties.PREFIX + ".active";

  /** Name of the property source that points the starter at the emulator. */
  static final String PROPERTY_SOURCE_NAME = "embeddedLakebase";

  private EmbeddedLakebase() {}

  /**
   * @param environment the application's environment
   * @return whether the application uses the embedded emulator
   */
  public static boolean isActive(Environment environment) {
    return environment.getProperty(ACTIVE_PROPERTY, Boolean.class, false);
  }

  /**
   * @param environment the application's environment
   * @return the embedded emulator, when it is in use
   */
  public static Optional<LakebaseEmulator> emulator(ConfigurableEnvironment environment) {
    PropertySource<?> source = environment.getPropertySources().get(PROPERTY_SOURCE_NAME);
    return source instanceof EmulatorPropertySource emulatorSource
        ? Optional.of(emulatorSource.emulator) : Optional.empty();
  }

  /**
   * The settings that point the starter at the emulator. Carries the emulator itself, so the
   * auto-configuration finds the instance this environment started (one per application, also
   * when a test JVM runs several).
   */
  static final class EmulatorPropertySource extends MapPropertySource {

    private final LakebaseEmulator emulator;

    EmulatorPropertySource(LakebaseEmulator emulator) {
      super(PROPERTY_SOURCE_NAME, Map.of(
          "lakebase.endpoint", emulator.defaultEndpoint().name(),
          "lakebase.port", emulator.port(),
          "lakebase.databricks.host", emulator.workspaceUrl(),
          ACTIVE_PROPERTY, true));
      this.emulator = emulator;
    }
  }
}
