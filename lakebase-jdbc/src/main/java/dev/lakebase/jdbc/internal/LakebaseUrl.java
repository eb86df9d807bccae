package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.LakebaseConfig;
import dev.lakebase.jdbc.LakebaseConfigException;
import dev.lakebase.jdbc.integration.Secrets;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Parses {@code jdbc:lakebase:} URLs into configuration settings:
 *
 * <pre>
 * jdbc:lakebase:projects/{p}/branches/{b}/endpoints/{e}[?k=v&amp;...]   Autoscaling endpoint
 * jdbc:lakebase:projects/{p}/branches/{b}[?k=v&amp;...]                 the branch's READ_WRITE endpoint
 * jdbc:lakebase:instances/{name}[?k=v&amp;...]                          Provisioned instance
 * jdbc:lakebase://{host}[:{port}][/{database}][?k=v&amp;...]            explicit host
 * jdbc:lakebase:[?k=v&amp;...]                                          parameters and environment only
 * </pre>
 */
public final class LakebaseUrl {

  /** The URL prefix. */
  public static final String PREFIX = "jdbc:lakebase:";

  private static final String GRAMMAR = "expected {prefix}projects/{p}/branches/{b}"
      + "/endpoints/{e}, {prefix}projects/{p}/branches/{b}, {prefix}instances/{name},"
      + " {prefix}//{host}[:{port}][/{database}] or {prefix}?{parameters}";

  private LakebaseUrl() {}

  /**
   * The first characters after the prefix that this grammar allows. Another (commercial) Lakebase
   * driver uses the same prefix with {@code key=value;} pairs ({@code
   * jdbc:lakebase:Server=...;}): those URLs start with none of these, so this driver leaves them
   * to it when both are registered with {@code DriverManager}.
   */
  private static final String[] PATH_STARTS = {"//", "projects/", "instances/", "?"};

  /**
   * Whether the URL follows this driver's grammar: the {@code jdbc:lakebase:} prefix (in any
   * case) followed by nothing, {@code ?}, {@code //}, {@code projects/} or {@code instances/}.
   *
   * @param url the URL, may be {@code null}
   * @return {@code true} for this driver's URLs, {@code false} for anything else (including the
   *     other Lakebase driver's {@code jdbc:lakebase:Server=...;} URLs)
   */
  public static boolean accepts(String url) {
    return accepts(PREFIX, url);
  }

  /**
   * Whether the URL follows this grammar under another prefix ({@code r2dbc:lakebase:}): the
   * prefix (in any case) followed by nothing, {@code ?}, {@code //}, {@code projects/} or {@code
   * instances/}.
   *
   * @param prefix the prefix, e.g. {@code r2dbc:lakebase:}
   * @param url the URL, may be {@code null}
   * @return {@code true} for URLs of this grammar
   */
  public static boolean accepts(String prefix, String url) {
    if (url == null || !url.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return false;
    }
    if (url.length() == prefix.length()) {
      return true;
    }
    for (String start : PATH_STARTS) {
      if (url.startsWith(start, prefix.length())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The configuration a {@code jdbc:lakebase:} URL describes, in the driver's precedence: URL
   * parameters, then connect properties, then environment.
   *
   * @param url the URL
   * @param info the connect properties
   * @param environment the environment variables
   * @return the configuration
   * @throws LakebaseConfigException if the URL or a setting is invalid
   */
  public static LakebaseConfig configFor(String url, Properties info,
      Map<String, String> environment) {
    return LakebaseConfig.builder(environment).properties(info).properties(parse(url)).build();
  }

  /**
   * Parses a URL into settings; query parameters are URL-decoded and override the path.
   *
   * @param url a {@code jdbc:lakebase:} URL
   * @return settings keyed by configuration key (unknown keys are pgjdbc pass-through)
   * @throws LakebaseConfigException if the URL does not follow the grammar
   */
  public static Map<String, String> parse(String url) {
    return parse(PREFIX, url);
  }

  /**
   * Parses a URL of the same grammar under another prefix ({@code r2dbc:lakebase:}).
   *
   * @param prefix the prefix
   * @param url the URL
   * @return settings keyed by configuration key (unknown keys are pass-through)
   * @throws LakebaseConfigException if the URL does not follow the grammar
   */
  public static Map<String, String> parse(String prefix, String url) {
    if (!accepts(prefix, url)) {
      throw malformed(prefix, String.valueOf(url));
    }
    String rest = url.substring(prefix.length());
    int q = rest.indexOf('?');
    String path = q < 0 ? rest : rest.substring(0, q);
    Map<String, String> settings = new LinkedHashMap<>();
    if (path.startsWith("//")) {
      parseAuthority(prefix, url, path.substring(2), settings);
    } else if (path.startsWith("projects/")) {
      String[] parts = path.split("/", -1);
      if (parts.length == 4 && parts[2].equals("branches")) {
        settings.put(ConfigKey.PROJECT.key(), parts[1]);
        settings.put(ConfigKey.BRANCH.key(), parts[3]);
      } else {
        settings.put(ConfigKey.ENDPOINT.key(), path);
      }
    } else if (path.startsWith("instances/")) {
      settings.put(ConfigKey.INSTANCE.key(), path.substring("instances/".length()));
    } else if (!path.isEmpty()) {
      throw malformed(prefix, url);
    }
    if (q >= 0) {
      for (String pair : rest.substring(q + 1).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = decode(eq < 0 ? pair : pair.substring(0, eq));
        String value = eq < 0 ? "true" : decode(pair.substring(eq + 1));
        if (!key.isEmpty()) {
          settings.put(key, value);
        }
      }
    }
    return settings;
  }

  private static void parseAuthority(String prefix, String url, String authority, Map<String, String> settings) {
    int slash = authority.indexOf('/');
    String hostPort = slash < 0 ? authority : authority.substring(0, slash);
    if (slash >= 0 && slash + 1 < authority.length()) {
      settings.put(ConfigKey.DATABASE.key(), decode(authority.substring(slash + 1)));
    }
    String host = hostPort;
    int colon = hostPort.lastIndexOf(':');
    if (colon > hostPort.lastIndexOf(']')) {
      host = hostPort.substring(0, colon);
      settings.put(ConfigKey.PORT.key(), hostPort.substring(colon + 1));
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw malformed(prefix, url);
    }
    settings.put(ConfigKey.HOST.key(), host);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static LakebaseConfigException malformed(String prefix, String url) {
    return new LakebaseConfigException("url",
        "URL '" + Secrets.redact(url.replaceAll("(?i)(password=)[^&]*", "$1" + Secrets.REDACTED))
            + "' is malformed: " + GRAMMAR.replace("{prefix}", prefix));
  }
}
