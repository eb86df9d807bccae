/**
 * {@code lakebase doctor}: checks a Lakebase connection step by step (configuration, workspace,
 * identity, endpoint lookup and state, DNS, TCP, TLS, credential, login, {@code SELECT 1}, server
 * version) and says for the first step that fails what went wrong and how to fix it.
 *
 * <p>From code, {@link dev.lakebase.jdbc.doctor.LakebaseDoctor}; from a shell, the all-in-one
 * driver jar: {@code java -jar lakebase-jdbc-all-<version>.jar doctor '<jdbc:lakebase: URL>'}. A
 * report never contains a token or another secret.
 */
package dev.lakebase.jdbc.doctor;
