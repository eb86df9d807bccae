/**
 * The Lakebase emulator in Spring Boot tests ({@link
 * dev.lakebase.testkit.spring.AutoConfigureLakebaseEmulator}) and dev-time runs ({@link
 * dev.lakebase.testkit.spring.LakebaseEmulatorConfiguration}). Test or dev scope only.
 */
package dev.lakebase.testkit.spring;
