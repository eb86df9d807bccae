package dev.lakebase.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against a {@link LakebaseEmulator}, injected as a parameter of
 * constructors, lifecycle methods and test methods.
 *
 * <pre>{@code
 * @EmulatedLakebase
 * class MyTest {
 *   @Test
 *   void connects(LakebaseEmulator emulator) { ... }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(LakebaseEmulatorExtension.class)
public @interface EmulatedLakebase {

  /**
   * @return true (default) to share one emulator across the whole test run, {@link LakebaseEmulator#reset()
   *     reset} before each test class and closed at the end; false for one emulator per test class
   */
  boolean shared() default true;

  /**
   * @return the token lifetime for this class: ISO-8601 ({@code PT10S}) or {@code 10s}/{@code 500ms}/
   *     {@code 2m}/{@code 1h}; empty (default) keeps 1 h
   */
  String tokenLifetime() default "";
}
