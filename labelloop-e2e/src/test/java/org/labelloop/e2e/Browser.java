package org.labelloop.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Debian Chromium through Debian's chromedriver; the tests are skipped, loudly, where either is missing. */
final class Browser {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
  static final Path DOWNLOADS = Path.of(System.getProperty("downloads.dir", "target/downloads")).toAbsolutePath();

  private Browser() {}

  /** Skips the calling test class with a visible reason when the browser packages are not installed. */
  static void assumeInstalled() {
    boolean ok = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!ok) {
      String reason = "SKIPPED browser tests: " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing (apt-get install -y chromium chromium-driver; .ci/run installs them)";
      System.err.println(reason);
      Assumptions.assumeTrue(false, reason);
    }
  }

  static ChromeDriver start() {
    try {
      Files.createDirectories(SCREENSHOTS);
      Files.createDirectories(DOWNLOADS);
      Path profile = Files.createTempDirectory("labelloop-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1280,800",
          "--user-data-dir=" + profile);
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

  static void screenshot(ChromeDriver driver, String name) {
    try {
      byte[] png = driver.getScreenshotAs(OutputType.BYTES);
      Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
