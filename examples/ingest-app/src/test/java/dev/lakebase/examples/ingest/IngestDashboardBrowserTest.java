package dev.lakebase.examples.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The ingest app's live page in headless Chromium: it loads without console errors, sending
 * rows moves the committed count and the acks, a CSV import shows up and succeeds. Skipped,
 * with a message, where Chromium is not installed.
 */
class IngestDashboardBrowserTest extends IngestAppTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static Browser browser;

  @BeforeAll
  static void startBrowser() {
    browser = Browser.startOrSkip();
  }

  @AfterAll
  static void stopBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void rowsAndAnImportShowOnThePage() {
    browser.driver().get("http://127.0.0.1:" + port + "/dashboard");
    assertThat(browser.driver().getTitle()).isEqualTo("Ingest into Lakebase: live");
    until(() -> number(browser.attribute("body", "data-polls")) >= 1);
    long committed = cell("committed");
    long acks = cell("acks");

    browser.driver().findElement(By.id("send-rows")).click();
    until(() -> cell("committed") >= committed + 1000);
    until(() -> cell("acks") == acks + 1);
    assertThat(browser.text("#status")).contains("committed");

    browser.driver().findElement(By.id("import-csv")).click();
    until(() -> browser.text("#status").startsWith("Import "));
    until(() -> browser.text("#imports tr[data-state=SUCCEEDED]") != null);
    browser.screenshot("ingest-dashboard");
    browser.assertNoConsoleErrors();
  }

  private static void until(Supplier<Boolean> condition) {
    browser.until(WAIT, condition);
  }

  private static long cell(String column) {
    return number(browser.text("#tables tr[data-table=sensor_readings] td." + column));
  }

  private static long number(String text) {
    return text == null || !text.matches("\\d+") ? -1 : Long.parseLong(text);
  }
}
