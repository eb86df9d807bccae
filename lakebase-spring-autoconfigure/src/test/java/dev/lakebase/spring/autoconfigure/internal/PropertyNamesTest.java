package dev.lakebase.spring.autoconfigure.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PropertyNamesTest {

  @Test
  void coreKeysBecomeKebabCaseLakebaseProperties() {
    assertThat(PropertyNames.springProperty("endpoint")).isEqualTo("lakebase.endpoint");
    assertThat(PropertyNames.springProperty("connectBudget"))
        .isEqualTo("lakebase.connect-budget");
    assertThat(PropertyNames.springProperty("lakebase.minTokenValidity"))
        .isEqualTo("lakebase.min-token-validity");
    assertThat(PropertyNames.springProperty("applicationName"))
        .isEqualTo("lakebase.application-name");
  }

  @Test
  void keysWhoseSpringNameDiffers() {
    assertThat(PropertyNames.springProperty("sslrootcert")).isEqualTo("lakebase.ssl-root-cert");
    assertThat(PropertyNames.springProperty("databricksProfile"))
        .isEqualTo("lakebase.databricks.profile");
    assertThat(PropertyNames.springProperty("pool.read-only-maximum-pool-size"))
        .isEqualTo("lakebase.read-only.maximum-pool-size");
  }

  @Test
  void poolAndNativeKeys() {
    assertThat(PropertyNames.springProperty("pool.max-lifetime"))
        .isEqualTo("lakebase.pool.max-lifetime");
    assertThat(PropertyNames.springProperty("hikari.maxLifetime"))
        .isEqualTo("spring.datasource.hikari.max-lifetime");
    assertThat(PropertyNames.springProperty("hikari.max-lifetime"))
        .isEqualTo("spring.datasource.hikari.max-lifetime");
    assertThat(PropertyNames.springProperty("vibur.statementCacheMaxSize"))
        .isEqualTo("lakebase.pool.vibur.statementCacheMaxSize");
  }

  @Test
  void environmentVariables() {
    assertThat(PropertyNames.environmentVariable("host")).contains("PGHOST");
    assertThat(PropertyNames.environmentVariable("lakebase.endpoint"))
        .contains("LAKEBASE_ENDPOINT");
    assertThat(PropertyNames.environmentVariable("applicationName")).contains("PGAPPNAME");
    assertThat(PropertyNames.environmentVariable("connectBudget")).isEmpty();
  }
}
