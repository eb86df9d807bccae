package dev.lakebase.spring.autoconfigure.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Finds {@code lakebase.*} properties that no Lakebase module binds (a typo such as {@code
 * lakebase.endpiont} is otherwise ignored in silence), and the closest valid name for each. The
 * valid names come from the configuration metadata of every jar on the class path ({@code
 * META-INF/spring-configuration-metadata.json}), compared the way Spring's relaxed binding does
 * (case, {@code -} and {@code _} ignored; keys under a map property are valid).
 */
public final class UnknownProperties {

  /**
   * An unknown property.
   *
   * @param name the property as the application set it
   * @param closest the closest valid property, or {@code null} when none is close
   */
  public record Unknown(String name, String closest) {
    /**
     * One line for logs and reports.
     *
     * @return e.g. {@code lakebase.endpiont (did you mean lakebase.endpoint?)}
     */
    public String describe() {
      return name + (closest == null ? "" : " (did you mean " + closest + "?)");
    }
  }

  private static final String PREFIX = "lakebase.";
  private static volatile Known known;

  /** The valid names: exact properties, and map properties whose keys are free. */
  private record Known(Map<String, String> properties, List<String> maps) {}

  private UnknownProperties() {}

  /**
   * The unknown {@code lakebase.*} properties set in the environment (the process environment
   * variables are not checked: {@code LAKEBASE_*} variables are read by the core itself).
   *
   * @param environment the environment
   * @return the unknown properties with their closest valid names; empty when the metadata is
   *     not on the class path
   */
  public static List<Unknown> find(ConfigurableEnvironment environment) {
    Known k = known();
    if (k.properties().isEmpty()) {
      return List.of();
    }
    TreeSet<String> names = new TreeSet<>();
    for (PropertySource<?> source : environment.getPropertySources()) {
      if (source instanceof EnumerablePropertySource<?> e
          && !StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName())
          && !"configurationProperties".equals(source.getName())) {
        for (String name : e.getPropertyNames()) {
          if (name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            names.add(name);
          }
        }
      }
    }
    List<Unknown> unknown = new ArrayList<>();
    for (String name : names) {
      String canonical = canonical(name);
      if (k.properties().containsKey(canonical)
          || k.maps().stream().anyMatch(m -> canonical.startsWith(m + "."))) {
        continue;
      }
      unknown.add(new Unknown(name, closest(canonical, k)));
    }
    return unknown;
  }

  private static String closest(String canonical, Known k) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Map.Entry<String, String> e : k.properties().entrySet()) {
      int d = distance(canonical, e.getKey());
      if (d < bestDistance) {
        bestDistance = d;
        best = e.getValue();
      }
    }
    // Further than a few edits is a different word, not a typo of it.
    int leaf = canonical.length() - canonical.lastIndexOf('.') - 1;
    return bestDistance <= Math.max(2, leaf / 3) ? best : null;
  }

  /** Relaxed-binding form: lower case, no dashes or underscores, no list indexes. */
  static String canonical(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("\\[[^]]*]", "").replace("-", "")
        .replace("_", "");
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static Known known() {
    Known k = known;
    if (k == null) {
      k = load();
      known = k;
    }
    return k;
  }

  @SuppressWarnings("unchecked")
  private static Known load() {
    Map<String, String> properties = new LinkedHashMap<>();
    List<String> maps = new ArrayList<>();
    ClassLoader loader = UnknownProperties.class.getClassLoader();
    for (String file : List.of("META-INF/spring-configuration-metadata.json",
        "META-INF/additional-spring-configuration-metadata.json")) {
      try {
        Enumeration<URL> urls = loader.getResources(file);
        while (urls.hasMoreElements()) {
          String json;
          try (InputStream in = urls.nextElement().openStream()) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
          Object entries = JsonParserFactory.getJsonParser().parseMap(json).get("properties");
          if (!(entries instanceof List<?> list)) {
            continue;
          }
          for (Object o : list) {
            Map<String, Object> p = (Map<String, Object>) o;
            String name = String.valueOf(p.get("name"));
            if (!name.startsWith(PREFIX)) {
              continue;
            }
            properties.put(canonical(name), name);
            if (String.valueOf(p.get("type")).startsWith("java.util.Map")) {
              maps.add(canonical(name));
            }
          }
        }
      } catch (IOException | RuntimeException e) {
        // Without readable metadata nothing is reported: a warning must never stop an app.
      }
    }
    return new Known(properties, maps);
  }
}
