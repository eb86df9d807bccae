/**
 * Flyway support for {@code jdbc:lakebase:} URLs: {@link dev.lakebase.flyway.LakebaseDatabaseType}
 * is a Flyway database-type plugin (found by Flyway through {@code META-INF/services}) that lets
 * Flyway open such URLs with the Lakebase driver and then migrates with Flyway's own PostgreSQL
 * support. Nothing to call: put this jar where Flyway finds plugins (the Maven plugin's
 * dependencies, the command line's {@code drivers/} folder, the application's class path).
 */
package dev.lakebase.flyway;
