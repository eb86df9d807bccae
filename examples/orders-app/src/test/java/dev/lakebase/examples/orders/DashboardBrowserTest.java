package dev.lakebase.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * The live page in headless Chromium: it loads without console errors, the credential countdown
 * runs, the create button adds an audit row, a suspend shows a cold-start wait and the next
 * request succeeds, a token rotation moves the mint counter. Screenshots go to {@code
 * target/screenshots/}. Skipped, with a message, where Chromium is not installed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest extends OrdersAppTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
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

  @BeforeEach
  void openThePage() {
    driver().get("http://127.0.0.1:" + port + "/dashboard");
    until(() -> polls() >= 1);
  }

  @AfterEach
  void noConsoleErrorsAndNormalTokens() {
    emulator.tokenLifetime(Duration.ofHours(1));
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(1)
  void loadsAndTheCountdownRuns() {
    assertThat(driver().getTitle()).isEqualTo("Orders on Lakebase: live");
    assertThat(text("identity")).isEqualTo(emulator.defaultUser());
    long first = countdown();
    assertThat(first).isPositive();
    until(() -> countdown() < first);
    assertThat(text("expiry-countdown")).matches("\\d+:\\d{2}:\\d{2}|\\d{2}:\\d{2}");
    assertThat(number("mints")).isPositive();
    until(() -> browser.text("#otel tr[data-name='db.client.connection.count']") != null);
    assertThat(driver().findElement(By.id("operator")).isDisplayed())
        .as("the operator panel shows on the embedded default").isTrue();
    browser.screenshot("dashboard-loaded");
  }

  @Test
  @Order(2)
  void creatingAnOrderAddsAnAuditRow() {
    long newest = newestAuditId();
    click("create-order");
    until(() -> newestAuditId() > newest);
    assertThat(text("status")).startsWith("Created order");
    // One INSERT for the order and one per line item, newest first.
    assertThat(auditRows()).anySatisfy(row -> assertThat(row).contains("orders", "INSERT"))
        .first().asString().contains("INSERT");
    browser.screenshot("dashboard-order-created");
  }

  @Test
  @Order(3)
  void suspendingShowsAColdStartWaitAndTheNextRequestSucceeds() {
    long coldStarts = number("cold-starts");
    click("suspend");
    until(() -> text("status").startsWith("Endpoint suspended"));
    // The page's next poll queries the audit log: that connect waits for the wake.
    until(() -> number("cold-starts") > coldStarts);
    assertThat(text("last-cold-start")).startsWith("last waited");
    long newest = newestAuditId();
    click("create-order");
    until(() -> newestAuditId() > newest);
    assertThat(text("status")).startsWith("Created order");
    browser.screenshot("dashboard-after-cold-start");
  }

  @Test
  @Order(4)
  void aTokenRotationIncrementsTheMintCounter() {
    long mints = number("mints");
    click("shorten");
    until(() -> number("mints") > mints);
    until(() -> countdown() <= 20);
    browser.screenshot("dashboard-token-rotated");
  }

  private static WebDriver driver() {
    return browser.driver();
  }

  private static void until(Supplier<Boolean> condition) {
    browser.until(WAIT, condition);
  }

  private static String text(String id) {
    String t = browser.text("#" + id);
    return t == null ? "" : t;
  }

  private static long number(String id) {
    return parse(text(id));
  }

  private static long parse(String t) {
    return t != null && t.matches("-?\\d+") ? Long.parseLong(t) : -1;
  }

  private static long countdown() {
    return parse(browser.attribute("#expiry-countdown", "data-seconds"));
  }

  private static long polls() {
    return Math.max(0, parse(browser.attribute("body", "data-polls")));
  }

  private static List<String> auditRows() {
    @SuppressWarnings("unchecked")
    List<Object> rows = (List<Object>) browser.driver().executeScript("return Array.from("
        + "document.querySelectorAll('#audit-rows tbody tr'), r => r.innerText)");
    return rows.stream().map(String::valueOf).toList();
  }

  private static long newestAuditId() {
    return Math.max(0, parse(browser.attribute("#audit-rows tbody tr", "data-id")));
  }

  private static void click(String id) {
    driver().findElement(By.id(id)).click();
  }
}
