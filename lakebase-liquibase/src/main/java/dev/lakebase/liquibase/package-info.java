/**
 * Liquibase support for {@code jdbc:lakebase:} URLs: {@link dev.lakebase.liquibase.LakebaseDatabase}
 * (found by Liquibase through {@code META-INF/services}) tells Liquibase which driver opens such
 * URLs, so they work without {@code driver=}. Nothing to call: put this jar next to the Lakebase
 * driver where Liquibase finds extensions (the command line's {@code lib/}, the Maven plugin's
 * dependencies, the application's class path).
 */
package dev.lakebase.liquibase;
