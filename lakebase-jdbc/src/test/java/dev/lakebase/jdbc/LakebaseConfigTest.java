package dev.lakebase.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.jdbc.spi.CredentialProviders;
import dev.lakebase.jdbc.spi.HostResolver;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LakebaseConfigTest {

  private static final String ENDPOINT = "projects/p1/branches/main/endpoints/primary";

  @Test
  void defaultsMatchTheDocumentedValues() {
    LakebaseConfig c = LakebaseConfig.builder().endpoint(ENDPOINT).build();
    assertThat(c.target()).isEqualTo(new LakebaseTarget.Endpoint(ENDPOINT));
    assertThat(c.port()).isEqualTo(5432);
    assertThat(c.database()).isEqualTo("databricks_postgres");
    assertThat(c.sslMode()).isEqualTo(SslMode.REQUIRE);
    assertThat(c.readOnly()).isFalse();
    assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.connectBudget()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.refreshAhead()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.minTokenValidity()).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.initialBackoff()).isEqualTo(Duration.ofMillis(25));
    assertThat(c.maxBackoff()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.user()).isEmpty();
    assertThat(c.credentialProvider()).isEmpty();
    assertThat(c.hostResolver()).isSameAs(HostResolver.system());
    assertThat(c.describeTarget()).isEqualTo("Autoscaling endpoint " + ENDPOINT);
  }

  @Test
  void propertiesAcceptPrefixedKebabAndPlainKeysAndPassTheRestToPgjdbc() {
    Properties p = new Properties();
    p.setProperty("lakebase.endpoint", ENDPOINT);
    p.setProperty("connect-budget", "5s");
    p.setProperty("lakebase.read-only", "true");
    p.setProperty("PORT", "6543");
    p.setProperty("refreshAhead", "PT5M");
    p.setProperty("minTokenValidity", "1500");
    p.setProperty("tcpKeepAlive", "false");
    p.setProperty("lakebase.prepareThreshold", "0");
    LakebaseConfig c = LakebaseConfig.fromProperties(p);
    assertThat(c.connectBudget()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.readOnly()).isTrue();
    assertThat(c.port()).isEqualTo(6543);
    assertThat(c.refreshAhead()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.minTokenValidity()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.driverProperties())
        .containsEntry("tcpKeepAlive", "false")
        .containsEntry("prepareThreshold", "0")
        .doesNotContainKeys("endpoint", "connect-budget", "PORT");
    assertThat(c.describeTarget()).endsWith("(read-only)");
  }

  @Test
  void databricksAppsEnvironmentIsEnoughOnItsOwn() {
    Map<String, String> env = Map.of(
        "PGHOST", "ep-abc.database.cloud.databricks.com",
        "PGPORT", "5432",
        "PGDATABASE", "databricks_postgres",
        "PGUSER", "4b2c-app-sp",
        "PGSSLMODE", "require",
        "PGAPPNAME", "orders-app",
        "LAKEBASE_ENDPOINT", ENDPOINT,
        "UNRELATED", "x");
    LakebaseConfig c = LakebaseConfig.builder(env).build();
    assertThat(c.host()).contains("ep-abc.database.cloud.databricks.com");
    assertThat(c.user()).contains("4b2c-app-sp");
    assertThat(c.applicationName()).contains("orders-app");
    assertThat(c.target()).isEqualTo(new LakebaseTarget.Endpoint(ENDPOINT));
    assertThat(c.driverProperties()).isEmpty();
    LakebaseConfig overridden = LakebaseConfig.builder(env).user("someone-else").build();
    assertThat(overridden.user()).contains("someone-else");
  }

  @Test
  void environmentValuesNameTheirVariableWhenInvalid() {
    assertThatThrownBy(() -> LakebaseConfig.builder(Map.of("LAKEBASE_ENDPOINT", "ep-1", "PGPORT",
        "5432")).build())
        .isInstanceOf(LakebaseConfigException.class)
        .hasMessageContaining("endpoint 'ep-1' is malformed")
        .hasMessageContaining("LAKEBASE_ENDPOINT")
        .extracting(e -> ((LakebaseConfigException) e).key()).isEqualTo("endpoint");
    assertThatThrownBy(() -> LakebaseConfig.builder(Map.of("LAKEBASE_ENDPOINT", ENDPOINT,
        "PGPORT", "lots")).build())
        .hasMessageContaining("port 'lots' is not a port number")
        .hasMessageContaining("PGPORT");
  }

  @Test
  void missingTargetSaysWhatToSet() {
    assertThatThrownBy(() -> LakebaseConfig.builder().build())
        .isInstanceOf(LakebaseConfigException.class)
        .hasMessage("No Lakebase target: set one of endpoint (LAKEBASE_ENDPOINT), project+branch,"
            + " instance, or host+password");
    assertThatThrownBy(() -> LakebaseConfig.builder().host("db.example.com").build())
        .hasMessageContaining("host db.example.com is set without a Lakebase target")
        .hasMessageContaining("password");
  }

  @Test
  void malformedEndpointNamesTheExpectedShape() {
    assertThatThrownBy(() -> LakebaseConfig.builder().endpoint("projects/x/endpoints/y").build())
        .isInstanceOf(LakebaseConfigException.class)
        .hasMessageStartingWith("endpoint 'projects/x/endpoints/y' is malformed: expected"
            + " projects/{project}/branches/{branch}/endpoints/{endpoint}");
    assertThatThrownBy(() -> LakebaseConfig.builder()
        .endpoint("projects/X/branches/main/endpoints/e").build())
        .hasMessageContaining("malformed");
  }

  @Test
  void conflictingTargetsNameBoth() {
    assertThatThrownBy(() -> LakebaseConfig.builder().endpoint(ENDPOINT).instance("inst").build())
        .isInstanceOf(LakebaseConfigException.class)
        .hasMessageContaining("endpoint (" + ENDPOINT + ")")
        .hasMessageContaining("instance (inst)");
    assertThatThrownBy(() -> LakebaseConfig.builder().project("p").branch("b").instance("i")
        .build())
        .hasMessageContaining("project+branch (p)")
        .hasMessageContaining("instance (i)");
  }

  @Test
  void projectNeedsBranch() {
    assertThatThrownBy(() -> LakebaseConfig.builder().project("p").build())
        .isInstanceOf(LakebaseConfigException.class)
        .hasMessageContaining("branch (LAKEBASE_BRANCH) is missing")
        .extracting(e -> ((LakebaseConfigException) e).key()).isEqualTo("branch");
    LakebaseConfig c = LakebaseConfig.builder().project("p").branch("dev").build();
    assertThat(c.describeTarget()).isEqualTo("Autoscaling branch projects/p/branches/dev");
  }

  @Test
  void badValuesNameTheirKey() {
    LakebaseConfig b = LakebaseConfig.builder().endpoint(ENDPOINT).build();
    assertThatThrownBy(() -> b.toBuilder().property("connectBudget", "soon").build())
        .hasMessageContaining("connectBudget")
        .hasMessageContaining("'soon' is not a duration");
    assertThatThrownBy(() -> b.toBuilder().property("connectTimeout", "0s").build())
        .hasMessageContaining("connectTimeout '0s' must be longer than zero");
    assertThatThrownBy(() -> b.toBuilder().property("readOnly", "yes").build())
        .hasMessageContaining("readOnly 'yes' is not true or false");
    assertThatThrownBy(() -> b.toBuilder().property("sslmode", "prefer").build())
        .hasMessageContaining("sslmode 'prefer' is not supported");
    assertThatThrownBy(() -> b.toBuilder().port(70000).build())
        .hasMessageContaining("port '70000'");
    assertThatThrownBy(() -> b.toBuilder().maxBackoff(Duration.ofMillis(1)).build())
        .hasMessageContaining("maxBackoff (1ms) is shorter than initialBackoff (25ms)");
    assertThatThrownBy(() -> b.toBuilder().property("hostResolver", "no.such.Resolver").build())
        .hasMessageContaining("hostResolver 'no.such.Resolver' could not be instantiated");
  }

  @Test
  void tlsCanOnlyBeDisabledForPlainPostgres() {
    assertThatThrownBy(() -> LakebaseConfig.builder().endpoint(ENDPOINT)
        .sslMode(SslMode.DISABLE).build())
        .hasMessageContaining("sslmode=disable is not allowed")
        .hasMessageContaining("Lakebase requires TLS");
    LakebaseConfig plain = LakebaseConfig.builder().host("localhost").user("app")
        .password("secret-pw").sslMode(SslMode.DISABLE).build();
    assertThat(plain.credentialProvider()).isPresent();
    assertThat(plain.describeTarget()).isEqualTo("PostgreSQL host localhost:5432");
  }

  @Test
  void aStaticPasswordNeedsAUser() {
    assertThatThrownBy(() -> LakebaseConfig.builder().host("localhost").password("pw").build())
        .isInstanceOf(LakebaseConfigException.class)
        .extracting(e -> ((LakebaseConfigException) e).key()).isEqualTo("user");
  }

  @Test
  void readOnlyNeedsATargetWhoseReadOnlyHostCanBeDiscovered() {
    assertThatThrownBy(() -> LakebaseConfig.builder().host("db.example.com").user("u")
        .password("pw").readOnly(true).build())
        .isInstanceOf(LakebaseConfigException.class)
        .hasMessageContaining("readOnly=true needs a Lakebase target")
        .extracting(e -> ((LakebaseConfigException) e).key()).isEqualTo("readOnly");
  }

  @Test
  void sslModeParsingIsLenientAboutCaseAndSeparators() {
    assertThat(SslMode.parse("VERIFY_FULL")).isEqualTo(SslMode.VERIFY_FULL);
    assertThat(SslMode.parse("verify-ca")).isEqualTo(SslMode.VERIFY_CA);
    assertThat(SslMode.REQUIRE.pgValue()).isEqualTo("require");
  }

  @Test
  void toStringShowsSettingsButNoSecret() {
    LakebaseConfig c = LakebaseConfig.builder().host("localhost").user("app")
        .password("hunter2-pw").property("sslpassword", "key-pass").property("tcpKeepAlive",
            "true").build();
    assertThat(c.toString())
        .contains("host=localhost", "user=app", "password=<redacted>", "tcpKeepAlive=true",
            "sslpassword=<redacted>")
        .doesNotContain("hunter2-pw")
        .doesNotContain("key-pass");
    assertThat(c.credentialProvider().orElseThrow().toString()).doesNotContain("hunter2-pw");
  }

  @Test
  void toBuilderKeepsEverythingAndAllowsOverrides() {
    HostResolver resolver = h -> new InetAddress[] {InetAddress.getLoopbackAddress()};
    LakebaseConfig c = LakebaseConfig.builder().instance("inst").user("u")
        .connectBudget(Duration.ofSeconds(3)).hostResolver(resolver).listener(new
            dev.lakebase.jdbc.spi.LakebaseListener() {}).property("prepareThreshold", "0")
        .credentialProvider(CredentialProviders.staticPassword("x")).build();
    LakebaseConfig copy = c.toBuilder().readOnly(true).build();
    assertThat(copy.target()).isEqualTo(LakebaseTarget.instance("inst"));
    assertThat(copy.user()).contains("u");
    assertThat(copy.connectBudget()).isEqualTo(Duration.ofSeconds(3));
    assertThat(copy.hostResolver()).isSameAs(resolver);
    assertThat(copy.listeners()).hasSize(1);
    assertThat(copy.driverProperties()).containsEntry("prepareThreshold", "0");
    assertThat(copy.credentialProvider()).isEqualTo(c.credentialProvider());
    assertThat(copy.readOnly()).isTrue();
    assertThat(copy.describeTarget()).isEqualTo("Provisioned instance inst (read-only)");
  }

  @Test
  void hostResolverCanBeNamedByClass() {
    LakebaseConfig c = LakebaseConfig.builder().endpoint(ENDPOINT)
        .property("hostResolver", LoopbackResolver.class.getName()).build();
    assertThat(c.hostResolver()).isInstanceOf(LoopbackResolver.class);
  }

  @Test
  void everyWayOfNamingATargetYieldsOneSealedTarget() {
    assertThat(LakebaseConfig.builder().endpoint(ENDPOINT).build().target())
        .isInstanceOfSatisfying(LakebaseTarget.Endpoint.class, e -> {
          assertThat(e.project()).isEqualTo("p1");
          assertThat(e.branch()).isEqualTo("main");
          assertThat(e.endpointId()).isEqualTo("primary");
        });
    assertThat(LakebaseConfig.builder().project("p1").branch("dev").build().target())
        .isEqualTo(LakebaseTarget.branch("p1", "dev"));
    assertThat(LakebaseConfig.fromProperties(props("instance", "inst-1")).target())
        .isEqualTo(LakebaseTarget.instance("inst-1"));
    assertThat(LakebaseConfig.builder().host("db.example.com").user("u").password("p").build()
        .target()).isEqualTo(LakebaseTarget.host("db.example.com"));
    // target() replaces whatever target keys were set before.
    LakebaseConfig replaced = LakebaseConfig.builder().instance("inst-1")
        .target(LakebaseTarget.endpoint(ENDPOINT)).build();
    assertThat(replaced.target()).isEqualTo(LakebaseTarget.endpoint(ENDPOINT));
    assertThat(replaced.toBuilder().target(LakebaseTarget.branch("p2", "b2")).build()
        .describeTarget()).isEqualTo("Autoscaling branch projects/p2/branches/b2");
  }

  @Test
  void targetsCheckTheirNamesAndNameTheKey() {
    assertThatThrownBy(() -> LakebaseTarget.endpoint("projects/P/branches/b/endpoints/e"))
        .isInstanceOfSatisfying(LakebaseConfigException.class,
            e -> assertThat(e.key()).isEqualTo("endpoint"))
        .hasMessageContaining("is malformed: expected projects/{project}/branches/{branch}");
    assertThatThrownBy(() -> LakebaseTarget.branch("p", "Main"))
        .isInstanceOfSatisfying(LakebaseConfigException.class,
            e -> assertThat(e.key()).isEqualTo("branch"));
    assertThatThrownBy(() -> LakebaseTarget.instance("bad name"))
        .isInstanceOfSatisfying(LakebaseConfigException.class,
            e -> assertThat(e.key()).isEqualTo("instance"));
    // The instance name rule, the same in the emulator: 1-63 letters, digits and '-'.
    assertThatThrownBy(() -> LakebaseTarget.instance("my_instance"))
        .hasMessageContaining("expected an instance name of 1-63 letters, digits and '-'");
    assertThatThrownBy(() -> LakebaseTarget.instance("a".repeat(64)))
        .hasMessageContaining("1-63");
    assertThat(LakebaseTarget.instance("a".repeat(63))).isEqualTo(LakebaseTarget.instance("a".repeat(63)));
    assertThat(LakebaseTarget.instance("Orders-DB-2")).isNotNull();
    assertThatThrownBy(() -> LakebaseTarget.host(" "))
        .isInstanceOfSatisfying(LakebaseConfigException.class,
            e -> assertThat(e.key()).isEqualTo("host"));
  }

  @Test
  void configKeysKnowTheirSecretsAndEnvironmentVariables() {
    assertThat(ConfigKey.PASSWORD.secret()).isTrue();
    assertThat(ConfigKey.ENDPOINT.secret()).isFalse();
    assertThat(ConfigKey.lookup("lakebase.connect-budget")).contains(ConfigKey.CONNECT_BUDGET);
    assertThat(ConfigKey.ENDPOINT.envVar()).isEqualTo("LAKEBASE_ENDPOINT");
    assertThat(ConfigKey.valueOf("HOST").display()).isEqualTo("host (PGHOST)");
  }

  private static Properties props(String key, String value) {
    Properties p = new Properties();
    p.setProperty(key, value);
    return p;
  }

  /** Instantiated by class name. */
  public static final class LoopbackResolver implements HostResolver {
    @Override
    public InetAddress[] resolve(String host) {
      return new InetAddress[] {InetAddress.getLoopbackAddress()};
    }
  }
}
