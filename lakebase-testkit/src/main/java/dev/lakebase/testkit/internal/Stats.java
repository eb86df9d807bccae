package dev.lakebase.testkit.internal;

import dev.lakebase.testkit.LoginRecord;
import dev.lakebase.testkit.RejectReason;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Everything the emulator counts. Thread-safe; {@link #reset()} clears it all. */
public final class Stats {

  private final LongAdder mints = new LongAdder();
  private final Map<String, Map<String, LongAdder>> mintsByComputeAndIdentity = new ConcurrentHashMap<>();
  private final LongAdder mintFailures = new LongAdder();
  private final LongAdder apiCalls = new LongAdder();
  private final Map<String, LongAdder> apiCallsByPath = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> loginsAccepted = new ConcurrentHashMap<>();
  private final Map<RejectReason, LongAdder> loginsRejected = new EnumMap<>(RejectReason.class);
  private final Map<String, LongAdder> loginsByToken = new ConcurrentHashMap<>();
  private final LongAdder loginsWithExpiredToken = new LongAdder();
  private final Queue<String> mintedTokens = new ConcurrentLinkedQueue<>();
  private final Queue<LoginRecord> logins = new ConcurrentLinkedQueue<>();
  private final AtomicLong maxClosedSessionMillis = new AtomicLong();

  public Stats() {
    for (RejectReason reason : RejectReason.values()) {
      loginsRejected.put(reason, new LongAdder());
    }
  }

  // ---- recording --------------------------------------------------------------------------

  public void minted(TokenAuthority.MintedToken token) {
    mints.increment();
    mintsByComputeAndIdentity.computeIfAbsent(token.computeName(), k -> new ConcurrentHashMap<>())
        .computeIfAbsent(token.identity(), k -> new LongAdder()).increment();
    mintedTokens.add(token.token());
  }

  public void mintFailed() {
    mintFailures.increment();
  }

  public void apiCall(String path) {
    apiCalls.increment();
    apiCallsByPath.computeIfAbsent(path, k -> new LongAdder()).increment();
  }

  /**
   * Records a login decision.
   *
   * @param computeName routed compute, null when unrouted
   * @param user startup user
   * @param password the presented password, null when none was read
   * @param token the minted token it matched, null when unknown
   * @param reason null when accepted
   */
  public void login(String computeName, String user, String password, TokenAuthority.MintedToken token,
      RejectReason reason) {
    Instant now = Instant.now();
    if (reason == null) {
      loginsAccepted.computeIfAbsent(computeName, k -> new LongAdder()).increment();
      if (password != null) {
        loginsByToken.computeIfAbsent(password, k -> new LongAdder()).increment();
      }
    } else {
      loginsRejected.get(reason).increment();
    }
    if (token != null && token.expiredAt(now)) {
      loginsWithExpiredToken.increment();
    }
    logins.add(new LoginRecord(now, computeName, user, Fingerprints.of(password), reason == null, reason,
        token == null ? null : token.expiresAt()));
  }

  public void sessionClosed(Duration life) {
    maxClosedSessionMillis.accumulateAndGet(life.toMillis(), Math::max);
  }

  // ---- reading ----------------------------------------------------------------------------

  public long mints() {
    return mints.sum();
  }

  public long mints(String computeName) {
    return mintsByComputeAndIdentity.getOrDefault(computeName, Map.of()).values().stream()
        .mapToLong(LongAdder::sum).sum();
  }

  public long mints(String computeName, String identity) {
    LongAdder n = mintsByComputeAndIdentity.getOrDefault(computeName, Map.of()).get(identity);
    return n == null ? 0 : n.sum();
  }

  public long mintFailures() {
    return mintFailures.sum();
  }

  public long apiCalls() {
    return apiCalls.sum();
  }

  public long apiCalls(String pathPrefix) {
    return apiCallsByPath.entrySet().stream().filter(e -> e.getKey().startsWith(pathPrefix))
        .mapToLong(e -> e.getValue().sum()).sum();
  }

  public long loginsAccepted() {
    return loginsAccepted.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long loginsAccepted(String computeName) {
    LongAdder n = loginsAccepted.get(computeName);
    return n == null ? 0 : n.sum();
  }

  public long loginsRejected() {
    return loginsRejected.values().stream().mapToLong(LongAdder::sum).sum();
  }

  public long loginsRejected(RejectReason reason) {
    return loginsRejected.get(reason).sum();
  }

  public long loginsWithToken(String token) {
    LongAdder n = token == null ? null : loginsByToken.get(token);
    return n == null ? 0 : n.sum();
  }

  public long loginsWithExpiredToken() {
    return loginsWithExpiredToken.sum();
  }

  public List<String> mintedTokens() {
    return List.copyOf(mintedTokens);
  }

  public List<LoginRecord> logins() {
    return List.copyOf(logins);
  }

  public Duration maxClosedSessionAge() {
    return Duration.ofMillis(maxClosedSessionMillis.get());
  }

  public void reset() {
    mints.reset();
    mintsByComputeAndIdentity.clear();
    mintFailures.reset();
    apiCalls.reset();
    apiCallsByPath.clear();
    loginsAccepted.clear();
    loginsRejected.values().forEach(LongAdder::reset);
    loginsByToken.clear();
    loginsWithExpiredToken.reset();
    mintedTokens.clear();
    logins.clear();
    maxClosedSessionMillis.set(0);
  }
}
