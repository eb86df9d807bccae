package dev.lakebase.testkit.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Runs a {@code @SpringBootTest} on a local Lakebase emulator: imports {@link
 * LakebaseEmulatorConfiguration}, whose connection details point the Lakebase starter at the
 * emulator (no {@code @DynamicPropertySource}, no host resolver bean). The emulator is a bean:
 * {@code @Autowired LakebaseEmulator emulator}. Test classes with the same configuration share
 * one application context, and so one emulator (Spring's test context cache).
 *
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureLakebaseEmulator
 * class OrdersTest {
 *   @Autowired JdbcTemplate jdbc;
 *   @Autowired LakebaseEmulator emulator;
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Import(LakebaseEmulatorConfiguration.class)
public @interface AutoConfigureLakebaseEmulator {}
