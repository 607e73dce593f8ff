package org.labelloop.e2e;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One real server and one headless browser shared by the ordered steps of a flow, with the helpers the steps use.
 * Every step is skipped, with the reason, where Chromium or chromedriver is missing.
 */
@ExtendWith(BrowserFlow.StopAfterFirstFailure.class)
abstract class BrowserFlow {
  static E2eServer server;
  static ChromeDriver driver;
  static WebDriverWait wait;

  /** The steps build on each other: after the first failure, the rest are skipped (saying why) and a screenshot is kept. */
  static final class StopAfterFirstFailure implements TestWatcher, BeforeEachCallback, AfterEachCallback {
    private static ExtensionContext.Store store(ExtensionContext method) {
      return method.getParent().orElseThrow().getStore(ExtensionContext.Namespace.create(StopAfterFirstFailure.class));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
      Browser.assumeInstalled();
      String failed = store(context).get("failed", String.class);
      Assumptions.assumeTrue(failed == null, () -> "skipped: an earlier step failed (" + failed + ")");
    }

    /** No step may leave a script error or a Content-Security-Policy violation in the browser console. */
    @Override
    public void afterEach(ExtensionContext context) {
      if (driver != null && context.getExecutionException().isEmpty()) {
        List<String> errors = Browser.scriptErrors(driver);
        if (!errors.isEmpty()) {
          throw new AssertionError("browser console errors: " + errors);
        }
      }
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      store(context).put("failed", context.getDisplayName());
      if (driver != null) {
        Browser.screenshot(driver, "FAILED-" + context.getRequiredTestMethod().getName());
      }
    }
  }


  @BeforeAll
  static void start() throws IOException {
    if (!Browser.installed()) {
      return; // every test is then skipped, each with the reason, by StopAfterFirstFailure
    }
    server = new E2eServer();
    if (Files.isDirectory(Browser.DOWNLOADS)) {
      try (Stream<Path> old = Files.list(Browser.DOWNLOADS)) {
        for (Path p : old.toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
    driver = Browser.start();
    wait = new WebDriverWait(driver, Duration.ofSeconds(10));
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      Browser.quit(driver);
    }
    if (server != null) {
      server.close();
    }
  }

  /** Creates an administrator and logs in as them through the login form. */
  static void logInAsNewAdmin(String email, String name, String password) {
    server.api("POST", "/api/v1/users", java.util.Map.of("email", email, "name", name, "password", password, "admin", true));
    driver.get(server.baseUrl() + "/");
    visible("#email").sendKeys(email);
    visible("input[type=password]").sendKeys(password, org.openqa.selenium.Keys.ENTER);
    visible("#new-project");
  }

  /** Opens a screen with a full page load (a hash change alone would keep the page's state). */
  static void go(String hashPath) {
    String url = server.baseUrl() + "/#" + hashPath;
    if (url.equals(driver.getCurrentUrl())) {
      driver.navigate().refresh();
    } else {
      driver.get(url);
    }
  }

  static WebElement visible(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  static Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  static void keys(CharSequence... k) {
    new Actions(driver).sendKeys(k).perform();
  }

  static String waitForNewAsset(String previous) {
    return wait.until(d -> {
      List<WebElement> cards = d.findElements(By.cssSelector("#label-card[data-asset-id]"));
      if (cards.isEmpty()) {
        return null;
      }
      try {
        String id = cards.get(0).getAttribute("data-asset-id");
        return id != null && !id.equals(previous) ? id : null;
      } catch (org.openqa.selenium.StaleElementReferenceException e) {
        return null; // the card was drawn again between finding and reading it
      }
    });
  }

  /** Selects characters [from, to) of the first occurrence of word in the asset text with a real mouse drag. */
  static void dragOver(String word, int from, int to) {
    @SuppressWarnings("unchecked")
    List<Number> box = (List<Number>) js(
        "const root = document.getElementById('asset-text');"
            + "const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);"
            + "for (let n = walker.nextNode(); n; n = walker.nextNode()) {"
            + "  const i = n.data.indexOf(arguments[0]); if (i < 0) continue;"
            + "  const r = document.createRange(); r.setStart(n, i + arguments[1]); r.setEnd(n, i + arguments[1] + 1);"
            + "  const a = r.getBoundingClientRect();"
            + "  r.setStart(n, i + arguments[2] - 1); r.setEnd(n, i + arguments[2]);"
            + "  const b = r.getBoundingClientRect();"
            + "  return [a.left + 1, a.top + a.height / 2, b.right - 1, b.top + b.height / 2]; }"
            + "return null;", word, from, to);
    assertNotNull(box, "word not found in the asset text: " + word);
    new Actions(driver)
        .moveToLocation(box.get(0).intValue(), box.get(1).intValue())
        .clickAndHold()
        .moveToLocation(box.get(2).intValue(), box.get(3).intValue())
        .release()
        .perform();
  }
}
