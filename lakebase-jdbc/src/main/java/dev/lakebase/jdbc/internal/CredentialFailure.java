package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.integration.Secrets;
import dev.lakebase.jdbc.spi.CredentialException;
import java.util.Optional;

/**
 * A {@link CredentialException} of the library's own workspace calls that knows which setting to
 * change, so the connect failure built from it can name it ({@link
 * dev.lakebase.jdbc.LakebaseConnectFailure#setting()}).
 */
final class CredentialFailure extends CredentialException {

  private static final long serialVersionUID = 1L;
  private final transient ConfigKey setting;

  CredentialFailure(String message, boolean transientFailure, Throwable cause,
      ConfigKey setting) {
    super(message, transientFailure, cause);
    this.setting = setting;
  }

  /**
   * A provider's failure with its message redacted and its cause sanitized; the setting is kept.
   *
   * @param e what a credential provider threw
   * @return the redacted failure, with the original's stack trace
   */
  static CredentialException redacted(CredentialException e) {
    CredentialException r = new CredentialFailure(Secrets.redact(e.getMessage()), e.isTransient(),
        Secrets.sanitize(e.getCause()), e instanceof CredentialFailure f ? f.setting : null);
    r.setStackTrace(e.getStackTrace());
    return r;
  }

  /**
   * The same failure thrown again from the waiting thread: same message, transience and setting,
   * and the original's cause rather than the original, so the message is not repeated in the
   * cause chain.
   *
   * @param e the failure of the computation
   * @return the copy, with the waiting thread's stack trace
   */
  static CredentialException again(CredentialException e) {
    return new CredentialFailure(e.getMessage(), e.isTransient(), e.getCause(),
        e instanceof CredentialFailure f ? f.setting : null);
  }

  /**
   * The setting named by a credential failure anywhere in a cause chain.
   *
   * @param t the failure
   * @return the setting, if a {@link CredentialFailure} names one
   */
  static Optional<ConfigKey> settingOf(Throwable t) {
    int depth = 0;
    for (Throwable c = t; c != null && depth < 64; c = c.getCause(), depth++) {
      if (c instanceof CredentialFailure f && f.setting != null) {
        return Optional.of(f.setting);
      }
    }
    return Optional.empty();
  }
}
