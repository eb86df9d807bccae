package dev.lakebase.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.jdbc.LakebaseConfigException;
import org.junit.jupiter.api.Test;

class LakebaseUrlTest {

  @Test
  void endpointPathWithParameters() {
    assertThat(LakebaseUrl.parse("jdbc:lakebase:projects/p/branches/b/endpoints/e?user=a%40b.com"
        + "&connectBudget=5s&options=endpoint%3Dep-1&readOnly"))
        .containsEntry("endpoint", "projects/p/branches/b/endpoints/e")
        .containsEntry("user", "a@b.com")
        .containsEntry("connectBudget", "5s")
        .containsEntry("options", "endpoint=ep-1")
        .containsEntry("readOnly", "true");
  }

  @Test
  void branchPathMeansDiscovery() {
    assertThat(LakebaseUrl.parse("jdbc:lakebase:projects/p/branches/dev"))
        .containsEntry("project", "p")
        .containsEntry("branch", "dev")
        .doesNotContainKey("endpoint");
  }

  @Test
  void instancePath() {
    assertThat(LakebaseUrl.parse("jdbc:lakebase:instances/my-db?sslmode=verify-full"))
        .containsEntry("instance", "my-db")
        .containsEntry("sslmode", "verify-full");
  }

  @Test
  void explicitHostWithPortAndDatabase() {
    assertThat(LakebaseUrl.parse("jdbc:lakebase://ep-x.example.com:6543/my%20db?endpoint="
        + "projects/p/branches/b/endpoints/e"))
        .containsEntry("host", "ep-x.example.com")
        .containsEntry("port", "6543")
        .containsEntry("database", "my db")
        .containsEntry("endpoint", "projects/p/branches/b/endpoints/e");
    assertThat(LakebaseUrl.parse("jdbc:lakebase://[::1]:5433"))
        .containsEntry("host", "::1")
        .containsEntry("port", "5433")
        .doesNotContainKey("database");
    assertThat(LakebaseUrl.parse("jdbc:lakebase://db.example.com"))
        .containsOnlyKeys("host");
  }

  @Test
  void emptyPathTakesEverythingFromParameters() {
    assertThat(LakebaseUrl.parse("jdbc:lakebase:")).isEmpty();
    assertThat(LakebaseUrl.parse("jdbc:lakebase:?instance=i")).containsEntry("instance", "i");
  }

  @Test
  void malformedEndpointPathsAreLeftToConfigValidation() {
    assertThat(LakebaseUrl.parse("jdbc:lakebase:projects/p/endpoints/e"))
        .containsEntry("endpoint", "projects/p/endpoints/e");
  }

  @Test
  void unknownShapesExplainTheGrammarWithoutShowingAPassword() {
    assertThatThrownBy(() -> LakebaseUrl.parse("jdbc:lakebase:databases/x?password=s3cret"))
        .isInstanceOf(LakebaseConfigException.class)
        .hasMessageContaining("is malformed: expected jdbc:lakebase:projects/{p}")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> LakebaseUrl.parse("jdbc:lakebase://:5432"))
        .isInstanceOf(LakebaseConfigException.class);
  }

  @Test
  void acceptsOnlyItsPrefix() {
    assertThat(LakebaseUrl.accepts("jdbc:lakebase:instances/x")).isTrue();
    assertThat(LakebaseUrl.accepts("JDBC:LAKEBASE:")).isTrue();
    assertThat(LakebaseUrl.accepts("jdbc:postgresql://h/db")).isFalse();
    assertThat(LakebaseUrl.accepts(null)).isFalse();
  }

  @Test
  void acceptsOnlyItsGrammarSoTheOtherLakebaseDriverKeepsItsUrls() {
    assertThat(LakebaseUrl.accepts("jdbc:lakebase:projects/p/branches/b/endpoints/e")).isTrue();
    assertThat(LakebaseUrl.accepts("jdbc:lakebase:projects/p/branches/b")).isTrue();
    assertThat(LakebaseUrl.accepts("jdbc:lakebase://host:5432/db?sslmode=require")).isTrue();
    assertThat(LakebaseUrl.accepts("jdbc:lakebase:?endpoint=projects/p/branches/b/endpoints/e"))
        .isTrue();
    // The commercial driver's key=value;... form, and anything else outside the grammar.
    assertThat(LakebaseUrl.accepts("jdbc:lakebase:Server=ep-x.database.cloud.databricks.com;"
        + "Port=5432;Database=databricks_postgres;")).isFalse();
    assertThat(LakebaseUrl.accepts("jdbc:lakebase:;Server=x;")).isFalse();
    assertThat(LakebaseUrl.accepts("jdbc:lakebase:databases/x")).isFalse();
    assertThat(LakebaseUrl.accepts("jdbc:lakebase:Projects/p")).isFalse();
  }
}
