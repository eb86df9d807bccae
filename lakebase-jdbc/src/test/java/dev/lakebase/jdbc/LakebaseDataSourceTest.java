package dev.lakebase.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** DataSource behaviour that needs no server: nothing is looked up until the first connect. */
class LakebaseDataSourceTest {

  private final LakebaseConfig config = LakebaseConfig.builder()
      .endpoint("projects/p/branches/b/endpoints/e")
      .connectBudget(Duration.ofMillis(45_500))
      .build();

  @Test
  void constructionDoesNoNetworkWorkAndDescribesItself() {
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      assertThat(ds.config()).isSameAs(config);
      assertThat(ds.toString()).isEqualTo("LakebaseDataSource[Autoscaling endpoint"
          + " projects/p/branches/b/endpoints/e, user=<workspace identity>,"
          + " host=<not discovered yet>]");
      CredentialStatus status = ds.credentialStatus();
      assertThat(status.target()).isEqualTo("Autoscaling endpoint projects/p/branches/b/endpoints/e");
      assertThat(status.mints()).isZero();
      assertThat(status.valid()).isFalse();
      assertThat(status.timeToExpiry()).isEmpty();
    }
  }

  @Test
  void perCallCredentialsAreRefusedWithAnExplanation() {
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      assertThatThrownBy(() -> ds.getConnection("u", "p"))
          .isInstanceOf(SQLFeatureNotSupportedException.class)
          .hasMessageContaining("mints a fresh token per physical connect")
          .hasMessageNotContaining("p\"");
    }
  }

  @Test
  void standardDataSourceMethods() throws Exception {
    try (LakebaseDataSource ds = new LakebaseDataSource(config)) {
      assertThat(ds.getLoginTimeout()).isEqualTo(45);
      ds.setLoginTimeout(5);
      assertThat(ds.getLoginTimeout()).as("connectBudget governs").isEqualTo(45);
      assertThat(ds.isWrapperFor(DataSource.class)).isTrue();
      assertThat(ds.unwrap(LakebaseDataSource.class)).isSameAs(ds);
      assertThatThrownBy(() -> ds.unwrap(String.class)).isInstanceOf(java.sql.SQLException.class);
      assertThat(ds.getParentLogger().getName()).isEqualTo("dev.lakebase.jdbc");
    }
  }

  @Test
  void aClosedDataSourceRefusesToConnect() {
    LakebaseDataSource ds = new LakebaseDataSource(config);
    ds.close();
    ds.close();
    assertThatThrownBy(ds::getConnection)
        .isInstanceOf(SQLNonTransientConnectionException.class)
        .hasMessageContaining("is closed");
  }
}
