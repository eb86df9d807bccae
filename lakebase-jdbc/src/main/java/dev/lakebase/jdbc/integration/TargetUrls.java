package dev.lakebase.jdbc.integration;

import dev.lakebase.jdbc.internal.LakebaseUrl;
import java.util.Map;

/**
 * The target grammar of {@code jdbc:lakebase:} URLs for other URL schemes, so that an
 * integration's URLs ({@code r2dbc:lakebase:...}) name targets exactly as the driver's do:
 *
 * <pre>
 * {prefix}projects/{p}/branches/{b}/endpoints/{e}[?k=v&amp;...]   Autoscaling endpoint
 * {prefix}projects/{p}/branches/{b}[?k=v&amp;...]                 the branch's READ_WRITE endpoint
 * {prefix}instances/{name}[?k=v&amp;...]                          Provisioned instance
 * {prefix}//{host}[:{port}][/{database}][?k=v&amp;...]            explicit host
 * {prefix}[?k=v&amp;...]                                          parameters and environment only
 * </pre>
 */
public final class TargetUrls {

  private TargetUrls() {}

  /**
   * Whether a URL starts with the prefix (case-insensitive).
   *
   * @param prefix e.g. {@code r2dbc:lakebase:}
   * @param url the URL, may be {@code null}
   * @return {@code true} when the URL is one of the prefix's
   */
  public static boolean accepts(String prefix, String url) {
    return LakebaseUrl.accepts(prefix, url);
  }

  /**
   * Parses a URL into settings for {@code LakebaseConfig.Builder#properties(Map)}: query values are
   * URL-decoded and override the path; keys are configuration keys or pass-through names.
   *
   * @param prefix e.g. {@code r2dbc:lakebase:}
   * @param url the URL
   * @return the settings, in URL order
   * @throws dev.lakebase.jdbc.LakebaseConfigException if the URL does not follow the grammar (its
   *     message shows the URL with any password hidden)
   */
  public static Map<String, String> parse(String prefix, String url) {
    return LakebaseUrl.parse(prefix, url);
  }
}
