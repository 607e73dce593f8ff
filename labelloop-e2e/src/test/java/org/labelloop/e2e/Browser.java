package org.labelloop.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** Headless Debian Chromium through Debian's chromedriver; the tests are skipped, loudly, where either is missing. */
final class Browser {
  static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
  static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
  /** Where the screenshots for the documentation go (docs/screens in the repository). */
  static final Path DOC_SCREENS = Path.of(System.getProperty("docs.screens.dir", "target/doc-screens"));
  static final Path DOWNLOADS = Path.of(System.getProperty("downloads.dir", "target/downloads")).toAbsolutePath();

  private static Path profile;

  private Browser() {}

  /** Ends the browser and removes its throw-away profile. */
  static void quit(ChromeDriver driver) {
    driver.quit();
    if (profile != null) {
      E2eServer.deleteTree(profile);
    }
  }

  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  static String missingReason() {
    return "SKIPPED browser test: " + CHROMIUM + " or " + CHROMEDRIVER
        + " is missing (apt-get install -y chromium chromium-driver; .ci/run installs them)";
  }

  /** Skips the calling test with a visible reason when the browser packages are not installed. */
  private static boolean told;

  static void assumeInstalled() {
    if (!installed()) {
      if (!told) {
        System.err.println(missingReason());
        told = true;
      }
      Assumptions.assumeTrue(false, missingReason());
    }
  }

  static ChromeDriver start() {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.createDirectories(DOWNLOADS);
      profile = Files.createTempDirectory("labelloop-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,800",
          "--user-data-dir=" + profile);
      options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
      options.setExperimentalOption("prefs", Map.of(
          "download.default_directory", DOWNLOADS.toString(),
          "download.prompt_for_download", false,
          "safebrowsing.enabled", false));
      ChromeDriverService service = new ChromeDriverService.Builder()
          .usingDriverExecutable(CHROMEDRIVER.toFile())
          .usingAnyFreePort()
          .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().window().setSize(new Dimension(1280, 800));
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
      return driver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Script errors and CSP violations logged by the page since the last call (expected HTTP errors are not included). */
  static List<String> scriptErrors(ChromeDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .map(LogEntry::getMessage)
        .filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught") || m.contains("TypeError")
            || m.contains("ReferenceError") || m.contains("SyntaxError"))
        .toList();
  }

  /** Everything the page logged at error level since the last call, failed requests (a 401, a 404) included. */
  static List<String> consoleErrors(ChromeDriver driver) {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** A 1400x900 screenshot of the page for docs/screens, so a reader sees the product without running it. */
  static void documentScreen(ChromeDriver driver, String name) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", 1400, "height", 900, "deviceScaleFactor", 1, "mobile", false));
    try {
      Files.createDirectories(DOC_SCREENS);
      Files.write(DOC_SCREENS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }
  }

  static void screenshot(ChromeDriver driver, String name) {
    try {
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
