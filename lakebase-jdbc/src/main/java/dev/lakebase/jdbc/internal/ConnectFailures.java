package dev.lakebase.jdbc.internal;

import dev.lakebase.jdbc.ConfigKey;
import dev.lakebase.jdbc.LakebaseConnectFailure;
import dev.lakebase.jdbc.spi.FailureKind;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * The exceptions a connect gives up with: the JDBC types callers already catch ({@link
 * SQLInvalidAuthorizationSpecException} for a rejected login, {@link
 * SQLNonTransientConnectionException} for other permanent failures, {@link
 * SQLTransientConnectionException} when the budget ran out), each a {@link
 * LakebaseConnectFailure} that names the setting to change.
 */
public final class ConnectFailures {

  private ConnectFailures() {}

  /** A rejected login (28P01/28000) after the one re-mint. */
  public static final class Rejected extends SQLInvalidAuthorizationSpecException
      implements LakebaseConnectFailure {
    private static final long serialVersionUID = 1L;
    private final ConfigKey setting;

    Rejected(String message, String sqlState, Throwable cause, ConfigKey setting) {
      super(message, sqlState, cause);
      this.setting = setting;
    }

    @Override
    public boolean isPermanent() {
      return true;
    }

    @Override
    public FailureKind kind() {
      return FailureKind.AUTHENTICATION;
    }

    @Override
    public Optional<ConfigKey> setting() {
      return Optional.ofNullable(setting);
    }
  }

  /** A failure that a retry with the same configuration would repeat. */
  public static final class Permanent extends SQLNonTransientConnectionException
      implements LakebaseConnectFailure {
    private static final long serialVersionUID = 1L;
    private final FailureKind kind;
    private final ConfigKey setting;

    Permanent(String message, String sqlState, Throwable cause, FailureKind kind,
        ConfigKey setting) {
      super(message, sqlState, cause);
      this.kind = kind;
      this.setting = setting;
    }

    @Override
    public boolean isPermanent() {
      return true;
    }

    @Override
    public FailureKind kind() {
      return kind;
    }

    @Override
    public Optional<ConfigKey> setting() {
      return Optional.ofNullable(setting);
    }
  }

  /** The budget ran out on a failure that may go away (cold start, DNS, workspace 429/5xx). */
  public static final class OutOfBudget extends SQLTransientConnectionException
      implements LakebaseConnectFailure {
    private static final long serialVersionUID = 1L;
    private final FailureKind kind;

    OutOfBudget(String message, String sqlState, Throwable cause, FailureKind kind) {
      super(message, sqlState, cause);
      this.kind = kind;
    }

    @Override
    public boolean isPermanent() {
      return false;
    }

    @Override
    public FailureKind kind() {
      return kind;
    }

    @Override
    public Optional<ConfigKey> setting() {
      return Optional.of(ConfigKey.CONNECT_BUDGET);
    }
  }

  /**
   * A copy of a connect failure to throw again from another place (a pool failing borrowers
   * fast): same type, message, SQLSTATE and setting, but the original's cause, so that the
   * message does not appear twice in one cause chain.
   *
   * @param original the failure
   * @return the copy, with a fresh stack trace
   */
  public static SQLException copy(SQLException original) {
    Throwable cause = original.getCause();
    if (original instanceof Rejected r) {
      return new Rejected(r.getMessage(), r.getSQLState(), cause, r.setting);
    }
    if (original instanceof Permanent p) {
      return new Permanent(p.getMessage(), p.getSQLState(), cause, p.kind, p.setting);
    }
    if (original instanceof OutOfBudget o) {
      return new OutOfBudget(o.getMessage(), o.getSQLState(), cause, o.kind);
    }
    if (original instanceof SQLNonTransientConnectionException) {
      return new SQLNonTransientConnectionException(original.getMessage(),
          original.getSQLState(), cause);
    }
    return new SQLException(original.getMessage(), original.getSQLState(), cause);
  }
}
