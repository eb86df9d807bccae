package dev.lakebase.examples.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium through Selenium and the system's chromedriver (Debian packages {@code
 * chromium} and {@code chromium-driver}; {@code .ci/run} installs them). Selenium Manager is never
 * asked to download a browser: without the packages the browser tests are skipped.
 */
final class Browser implements AutoCloseable {

  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /** Starts the browser, or skips the calling test class with a message saying what to install. */
  static Browser startOrSkip() {
    Optional<Path> chromium = firstExecutable(System.getenv("CHROME_BIN"), "/usr/bin/chromium",
        "/usr/bin/chromium-browser");
    Optional<Path> chromedriver = firstExecutable(System.getenv("CHROMEDRIVER"),
        "/usr/bin/chromedriver");
    Assumptions.assumeTrue(chromium.isPresent() && chromedriver.isPresent(),
        "Browser tests skipped: headless Chromium not found (need /usr/bin/chromium and"
            + " /usr/bin/chromedriver: apt-get install -y chromium chromium-driver, or set"
            + " CHROME_BIN and CHROMEDRIVER). The JSON behind the page is tested by"
            + " DashboardApiTest.");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
        "--disable-gpu", "--window-size=1400,2000", "--force-device-scale-factor=1");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(chromedriver.get().toFile()).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver);
  }

  ChromeDriver driver() {
    return driver;
  }

  /**
   * The text of the first element matching a CSS selector, read in one script call: the page
   * replaces its rows at every poll, so a located element can go stale before it is read.
   *
   * @return the trimmed text, or {@code null} when nothing matches
   */
  String text(String cssSelector) {
    Object text = driver.executeScript(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
        cssSelector);
    return text == null ? null : text.toString().trim();
  }

  /** The value of an attribute of the first element matching a CSS selector, or {@code null}. */
  String attribute(String cssSelector, String name) {
    Object value = driver.executeScript("const e = document.querySelector(arguments[0]);"
        + " return e ? e.getAttribute(arguments[1]) : null;", cssSelector, name);
    return value == null ? null : value.toString();
  }

  /** Waits for a condition, polling every 200 ms, for at most {@code timeout}. */
  void until(Duration timeout, Supplier<Boolean> condition) {
    new WebDriverWait(driver, timeout, Duration.ofMillis(200))
        .ignoring(StaleElementReferenceException.class).until(d -> condition.get());
  }

  /** Saves a PNG of the page under {@code target/screenshots}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      driver.executeScript("window.scrollTo(0, 0)");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Everything the page logged as an error (console.error, uncaught errors, failed loads). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::toString).toList();
  }

  void assertNoConsoleErrors() {
    assertThat(consoleErrors()).as("browser console errors").isEmpty();
  }

  @Override
  public void close() {
    driver.quit();
  }

  private static Optional<Path> firstExecutable(String... candidates) {
    return Stream.of(candidates).filter(c -> c != null && !c.isBlank()).map(Path::of)
        .filter(p -> Files.isExecutable(p) && !new File(p.toString()).isDirectory()).findFirst();
  }
}
