package dev.lakebase.testkit.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 based short identifiers: how secrets appear in logs and audits instead of themselves. */
final class Fingerprints {

  private Fingerprints() {
  }

  /**
   * @param secret a token or password
   * @return the first 8 hex digits of its SHA-256 ({@code null} for {@code null})
   */
  public static String of(String secret) {
    return secret == null ? null : sha256Hex(secret, 4);
  }

  static String sha256Hex(String text, int bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
