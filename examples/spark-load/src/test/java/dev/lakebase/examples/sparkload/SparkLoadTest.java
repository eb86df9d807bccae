package dev.lakebase.examples.sparkload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.examples.sparkload.SparkLoad.Result;
import dev.lakebase.examples.sparkload.SparkLoad.Settings;
import dev.lakebase.testkit.LakebaseEmulator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The example's job at a small size, on the local emulator, exactly as run.sh runs it. */
class SparkLoadTest {

  @Test
  void writesReadsBackAndVerifiesLineitem() throws Exception {
    Settings s = new Settings(20_000, 4, 1_000, 1_000, true, "local[2]", Duration.ofHours(1),
        false, 1, false);
    LakebaseEmulator emulator = LakebaseEmulator.builder().endpoint(EmulatorTarget.ENDPOINT)
        .tokenLifetime(s.tokenLifetime()).start();
    try (Target target = EmulatorTarget.of(emulator)) {
      SparkSession spark = SparkLoad.session(s.master());
      try {
        Result r = SparkLoad.load(spark, target.options(), "lineitem", s);
        assertThat(r.verified()).as("%s", r).isTrue();
        assertThat(r.readBack().rows()).isEqualTo(20_000);
      } finally {
        spark.stop();
      }
      assertThat(types(emulator)).containsExactly("l_orderkey bigint", "l_partkey bigint",
          "l_suppkey bigint", "l_linenumber integer", "l_quantity numeric(15,2)",
          "l_extendedprice numeric(15,2)", "l_discount numeric(15,2)", "l_tax numeric(15,2)",
          "l_returnflag text", "l_linestatus text", "l_shipdate date", "l_commitdate date",
          "l_receiptdate date", "l_shipinstruct text", "l_shipmode text", "l_comment text");
      // 4 writing and 4 reading tasks, plus schema lookups: all on one token.
      assertThat(emulator.counters().loginsAccepted()).isGreaterThanOrEqualTo(8);
      assertThat(emulator.counters().loginsRejected()).isZero();
      assertThat(emulator.counters().mints()).isEqualTo(1);
    }
  }

  @Test
  void withoutAnEndpointTheProductionMainSaysWhatToSet() {
    assertThatThrownBy(() -> Target.fromEnvironment(java.util.Map.of()))
        .hasMessageContaining("LAKEBASE_ENDPOINT").hasMessageContaining("run.sh");
  }

  @Test
  void settingsNameWhatIsWrong() {
    Settings s = Settings.parse(new String[] {"--rows", "1_000", "--benchmark",
        "--token-lifetime", "20s"});
    assertThat(s.rows()).isEqualTo(1_000);
    assertThat(s.benchmark()).isTrue();
    assertThat(s.tokenLifetime()).isEqualTo(Duration.ofSeconds(20));
    assertThat(s.partitions()).isEqualTo(Settings.defaults().partitions());
    assertThatThrownBy(() -> Settings.parse(new String[] {"--row", "5"}))
        .hasMessageContaining("--row");
    assertThatThrownBy(() -> Settings.parse(new String[] {"--token-lifetime", "20 parsecs"}))
        .hasMessageContaining("--token-lifetime");
  }

  private static List<String> types(LakebaseEmulator emulator) throws Exception {
    List<String> types = new ArrayList<>();
    try (Connection c = emulator.adminDataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("select column_name, data_type, numeric_precision,"
            + " numeric_scale from information_schema.columns where table_name = 'lineitem'"
            + " order by ordinal_position")) {
      while (rs.next()) {
        types.add(rs.getString(1) + " " + rs.getString(2)
            + (rs.getString(2).equals("numeric")
                ? "(" + rs.getInt(3) + "," + rs.getInt(4) + ")" : ""));
      }
    }
    return types;
  }
}
