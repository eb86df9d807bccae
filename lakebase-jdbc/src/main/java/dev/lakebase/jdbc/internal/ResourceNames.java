package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.LakebaseConfigException;
import java.util.regex.Pattern;

/**
 * The naming rules of Lakebase resources as the workspace API defines them, checked by {@link
 * dev.lakebase.jdbc.LakebaseTarget}'s constructors and by the configuration parser (which adds
 * where a bad value came from).
 */
public final class ResourceNames {

  private static final String SEGMENT_TEXT = "[a-z0-9][a-z0-9-]*";
  private static final Pattern SEGMENT = Pattern.compile(SEGMENT_TEXT);
  private static final Pattern ENDPOINT_PATH = Pattern.compile(
      "projects/" + SEGMENT_TEXT + "/branches/" + SEGMENT_TEXT + "/endpoints/" + SEGMENT_TEXT);
  /**
   * Provisioned instance names: 1-63 characters, "letters and hyphens only" in Databricks'
   * instance docs, whose own examples and real instances also have digits; no underscore (the
   * name becomes part of a DNS label). The emulator (lakebase-testkit) applies the same rule.
   */
  private static final Pattern INSTANCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,62}");

  private ResourceNames() {}

  /**
   * What is wrong with a target value, if anything.
   *
   * @param key {@link ConfigKey#ENDPOINT}, {@link ConfigKey#PROJECT}, {@link ConfigKey#BRANCH} or
   *     {@link ConfigKey#INSTANCE}
   * @param value the value
   * @return {@code null} when the value is well formed, else e.g. {@code "is malformed: expected
   *     ..."}
   */
  public static String problem(ConfigKey key, String value) {
    return switch (key) {
      case ENDPOINT -> ENDPOINT_PATH.matcher(value).matches() ? null
          : "is malformed: expected projects/{project}/branches/{branch}/endpoints/{endpoint}"
              + " (lower-case letters, digits and '-')";
      case PROJECT, BRANCH -> SEGMENT.matcher(value).matches() ? null
          : "is malformed: expected an id of lower-case letters, digits and '-'";
      case INSTANCE -> INSTANCE_NAME.matcher(value).matches() ? null
          : "is malformed: expected an instance name of 1-63 letters, digits and '-'";
      default -> null;
    };
  }

  /**
   * Checks a target value.
   *
   * @param key the target key
   * @param value the value
   * @return the value
   * @throws LakebaseConfigException naming the key when the value is malformed or missing
   */
  public static String require(ConfigKey key, String value) {
    if (value == null || value.isBlank()) {
      throw new LakebaseConfigException(key.key(), key.key() + " must not be blank");
    }
    String problem = problem(key, value);
    if (problem != null) {
      throw new LakebaseConfigException(key.key(), key.key() + " '" + value + "' " + problem);
    }
    return value;
  }
}
