package dev.lakebase.examples.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakebase.testkit.spring.LakebaseEmulatorConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A configured table missing from the database stops the startup, naming the property. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

  @Test
  void aConfiguredTableThatDoesNotExistStopsTheStartup(CapturedOutput output) {
    assertThatThrownBy(() -> new SpringApplicationBuilder(IngestApplication.class, LakebaseEmulatorConfiguration.class)
        .run("--server.port=0", "--ingest.tables.missing.table=ingest.no_such_table"))
        .rootCause().isInstanceOf(IngestConfigException.class)
        .hasMessage("table ingest.no_such_table does not exist (or the login role cannot see"
            + " it). Create it, e.g. in a Flyway migration, or set"
            + " ingest.tables.missing.create-if-missing=true with its columns");

    assertThat(output).contains("APPLICATION FAILED TO START")
        .contains("The ingest configuration is invalid: table ingest.no_such_table does not exist")
        .contains("Review the property ingest.tables.missing.table");
  }
}
