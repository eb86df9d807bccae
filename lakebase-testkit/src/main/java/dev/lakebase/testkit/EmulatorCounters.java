package dev.lakebase.testkit;

import dev.lakebase.testkit.internal.Compute;
import dev.lakebase.testkit.internal.Stats;
import java.time.Duration;
import java.util.List;

/** What the emulator has seen since start (or the last {@link #reset()}), for test assertions. */
public final class EmulatorCounters {

  private final Stats stats;
  private final List<Compute> computes;

  EmulatorCounters(Stats stats, List<Compute> computes) {
    this.stats = stats;
    this.computes = List.copyOf(computes);
  }

  /** @return tokens minted (through the API and {@link LakebaseEmulator#mintToken}) */
  public long mints() {
    return stats.mints();
  }

  /**
   * @param computeName endpoint path or instance name
   * @return tokens minted for that compute
   */
  public long mints(String computeName) {
    return stats.mints(computeName);
  }

  /**
   * @param computeName endpoint path or instance name
   * @param identity user name or service principal application id
   * @return tokens minted for that compute and identity
   */
  public long mints(String computeName, String identity) {
    return stats.mints(computeName, identity);
  }

  /** @return credential API calls that answered an error (injected faults included) */
  public long mintFailures() {
    return stats.mintFailures();
  }

  /** @return HTTP requests received by the fake workspace API (discovery and OAuth included) */
  public long apiCalls() {
    return stats.apiCalls();
  }

  /**
   * @param pathPrefix e.g. {@code /api/2.0/postgres/credentials}
   * @return HTTP requests whose path starts with the prefix
   */
  public long apiCalls(String pathPrefix) {
    return stats.apiCalls(pathPrefix);
  }

  /** @return logins that opened a session */
  public long loginsAccepted() {
    return stats.loginsAccepted();
  }

  /**
   * @param computeName endpoint path or instance name
   * @return logins to that compute that opened a session
   */
  public long loginsAccepted(String computeName) {
    return stats.loginsAccepted(computeName);
  }

  /** @return logins refused for any reason */
  public long loginsRejected() {
    return stats.loginsRejected();
  }

  /**
   * @param reason the refusal reason
   * @return logins refused for that reason
   */
  public long loginsRejected(RejectReason reason) {
    return stats.loginsRejected(reason);
  }

  /** @return open proxied sessions over every compute */
  public int activeSessions() {
    return computes.stream().mapToInt(Compute::activeSessions).sum();
  }

  /** @return the age of the oldest open session, {@link Duration#ZERO} when none */
  public Duration oldestSessionAge() {
    return computes.stream().map(Compute::oldestSessionAge).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /** @return the longest session life seen: closed sessions count their whole life, open ones their age now */
  public Duration maxSessionAge() {
    Duration closed = stats.maxClosedSessionAge();
    Duration open = oldestSessionAge();
    return closed.compareTo(open) >= 0 ? closed : open;
  }

  /**
   * @param token a token minted by the emulator
   * @return accepted logins that presented this token
   */
  public long loginsWithToken(String token) {
    return stats.loginsWithToken(token);
  }

  /** @return logins that presented an expired token (all of them were refused) */
  public long loginsWithExpiredToken() {
    return stats.loginsWithExpiredToken();
  }

  /** @return every token minted so far, oldest first (so tests can assert none leaks into logs) */
  public List<String> mintedTokens() {
    return stats.mintedTokens();
  }

  /** @return the login audit, oldest first */
  public List<LoginRecord> logins() {
    return stats.logins();
  }

  /** Clears every counter, the minted-token list and the login audit (open sessions stay open and counted). */
  public void reset() {
    stats.reset();
  }
}
