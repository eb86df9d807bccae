package dev.lakebase.jdbc;

import dev.lakebase.jdbc.internal.Connector;
import dev.lakebase.jdbc.spi.CredentialException;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.postgresql.plugin.AuthenticationPlugin;
import org.postgresql.plugin.AuthenticationRequestType;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * A pgjdbc {@link AuthenticationPlugin} for applications that keep {@code jdbc:postgresql:} URLs:
 * it supplies a Lakebase token as the password.
 *
 * <pre>
 * jdbc:postgresql://{host}/databricks_postgres?sslmode=require&amp;user=...
 *     &amp;authenticationPluginClassName=dev.lakebase.jdbc.LakebaseAuthenticationPlugin
 *     &amp;lakebase.endpoint=projects/{p}/branches/{b}/endpoints/{e}
 * </pre>
 *
 * <p>Settings use the {@code lakebase.} prefix. pgjdbc creates a new plugin object per connect;
 * all of them share the process-wide credential cache of their target and identity (kept until
 * {@link LakebaseRuntime#reset()}). This path
 * only supplies the password: pgjdbc itself resolves the host and connects, so there is no DNS or
 * cold-start retry, and a rejected token is not re-minted within the same connect. Use {@link
 * LakebaseDataSource} or {@link LakebaseDriver} for those.
 */
public final class LakebaseAuthenticationPlugin implements AuthenticationPlugin {

  private final Properties info;

  /**
   * Called by pgjdbc with the connection properties.
   *
   * @param info the connection properties ({@code user} and the {@code lakebase.*} settings)
   */
  public LakebaseAuthenticationPlugin(Properties info) {
    this.info = info;
  }

  @Override
  public char[] getPassword(AuthenticationRequestType type) throws PSQLException {
    Map<String, String> settings = new TreeMap<>();
    for (String name : info.stringPropertyNames()) {
      if (name.regionMatches(true, 0, ConfigKey.PREFIX, 0, ConfigKey.PREFIX.length())) {
        settings.put(name, info.getProperty(name));
      }
    }
    if (!settings.containsKey(ConfigKey.PREFIX + ConfigKey.USER.key())
        && info.getProperty("user") != null) {
      settings.put(ConfigKey.USER.key(), info.getProperty("user"));
    }
    try {
      Properties keyed = new Properties();
      keyed.putAll(settings);
      Connector connector = LakebaseRuntime.PLUGIN_CONNECTORS.get(
          InstanceMemo.key("auth-plugin", keyed),
          () -> new Connector(LakebaseConfig.builder().properties(settings).build()));
      return connector.credential().token().toCharArray();
    } catch (LakebaseConfigException e) {
      throw new PSQLException("Lakebase authentication plugin: " + e.getMessage(),
          PSQLState.INVALID_PARAMETER_VALUE, e);
    } catch (CredentialException e) {
      throw new PSQLException("Lakebase authentication plugin could not obtain a credential: "
          + e.getMessage(), PSQLState.CONNECTION_UNABLE_TO_CONNECT, e);
    }
  }
}
