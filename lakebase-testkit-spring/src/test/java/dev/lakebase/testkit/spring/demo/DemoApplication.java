package dev.lakebase.testkit.spring.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application that knows nothing of the emulator: only the starter's auto-configuration. In a
 * package of its own, so its component scan does not pick up {@code LakebaseEmulatorConfiguration}.
 */
@SpringBootApplication
public class DemoApplication {

  /**
   * Production entry point.
   *
   * @param args Spring Boot arguments
   */
  public static void main(String[] args) {
    SpringApplication.run(DemoApplication.class, args);
  }
}
