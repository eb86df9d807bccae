/**
 * Spring Boot auto-configuration for Lakebase: {@link
 * dev.lakebase.spring.autoconfigure.LakebaseProperties} ({@code lakebase.*}), the pooled {@code
 * DataSource}, the workspace client, the Actuator health indicator and Micrometer meters. The
 * auto-configuration classes and the properties are API; beans can be replaced by declaring your
 * own.
 */
package dev.lakebase.spring.autoconfigure;
