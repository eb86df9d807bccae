package dev.lakebase.examples.ingest.imports;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The {@code ingest_id} of line {@code n} of a body or file: exactly
 * {@code UUID.nameUUIDFromBytes((seed + "/" + n).getBytes(UTF_8))}, so a resent body gets the
 * same ids, but with one reused MD5 digest instead of a provider look-up per line (a sizeable
 * share of a bulk row's CPU). Not thread-safe: one per load.
 */
final class DerivedIds {

  private final byte[] prefix;
  private final MessageDigest md5;

  DerivedIds(UUID seed) {
    this.prefix = (seed + "/").getBytes(StandardCharsets.UTF_8);
    try {
      this.md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new InternalError("MD5 not supported", e);
    }
  }

  UUID line(long line) {
    md5.update(prefix);
    md5.update(Long.toString(line).getBytes(StandardCharsets.US_ASCII));
    byte[] hash = md5.digest();
    // The version 3 and IETF variant bits, as UUID.nameUUIDFromBytes sets them.
    hash[6] &= 0x0f;
    hash[6] |= 0x30;
    hash[8] &= 0x3f;
    hash[8] |= (byte) 0x80;
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (hash[i] & 0xff);
    }
    for (int i = 8; i < 16; i++) {
      lsb = (lsb << 8) | (hash[i] & 0xff);
    }
    return new UUID(msb, lsb);
  }
}
