package org.labelloop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The labeling flow never fights the labeler and the screens around it tell the truth (issue 15), in headless Chromium:
 * the key of the model's suggestion confirms it, and no sequence of keys leaves an answer that cannot be submitted.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrustworthyFlowIT extends BrowserFlow {
  private static final String EMAIL = "trust@example.org";
  private static final String PASSWORD = "correct horse battery";
  private static final String TOPICS = """
      {"jobs": {"JOB_0": {"mlTask": "CLASSIFICATION", "instruction": "Topic", "required": true, "content": {"input": "radio",
        "categories": {"FOOD": {"name": "Food"}, "WEATHER": {"name": "Weather"}, "SPORT": {"name": "Sport"}}}}}}""";

  private static String projectId;

  @Test
  @Order(0)
  void aLoggedOutPageLogsNoConsoleError() {
    Browser.consoleErrors(driver);
    driver.get(server.baseUrl() + "/");
    visible("#email");
    assertEquals(List.of(), Browser.consoleErrors(driver), "asking whether anyone is logged in is not an error");
  }

  @Test
  @Order(1)
  void logsIn() {
    server.api("POST", "/api/v1/users", Map.of("email", EMAIL, "name", "Team Lead", "password", PASSWORD, "admin", true));
    driver.get(server.baseUrl() + "/");
    visible("#email").sendKeys(EMAIL);
    visible("input[type=password]").sendKeys(PASSWORD, Keys.ENTER);
    visible("#new-project");
  }

  @Test
  @Order(2)
  void theKeyOfTheSuggestedClassConfirmsItAndEveryKeySequenceCanBeSubmitted() {
    projectId = server.api("POST", "/api/v1/projects", Map.of("title", "Keyboard confirm e2e", "inputType", "TEXT",
        "jsonInterface", readJson(TOPICS))).get("id").asText();
    List<Map<String, Object>> assets = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      assets.add(Map.of("externalId", "w" + i, "content", "Rain and wind are expected over the weekend, report " + i));
    }
    server.api("POST", "/api/v1/projects/" + projectId + "/assets", assets);
    for (int i = 0; i < 4; i++) {
      server.api("POST", "/api/v1/projects/" + projectId + "/labels", Map.of("assetExternalId", "w" + i, "labelType", "PREDICTION",
          "modelVersion", "v-kbd", "jsonResponse", Map.of("JOB_0", Map.of("categories", List.of(Map.of("name", "WEATHER", "confidence", 46)),
              "probabilities", Map.of("WEATHER", 0.46, "FOOD", 0.44, "SPORT", 0.10)))));
    }
    go("/p/" + projectId + "/label");

    // The suggested class's key (2 = Weather) confirms it; Enter submits Weather.
    String first = waitForNewAsset(null);
    visible("button.cat.on.from-model");
    String why = visible("#why-next").getText();
    assertTrue(why.contains("the model hesitates between Weather (46 %) and Food (44 %)"), why);
    assertTrue(visible("#model-banner").getText().contains("1 suggestion marked"), driver.findElement(By.id("model-banner")).getText());
    keys("2");
    wait.until(d -> d.findElements(By.cssSelector("button.cat.from-model")).isEmpty());
    assertEquals("Weather", onlySelected());
    assertTrue(visible("#model-banner").getText().contains("you confirmed it"), driver.findElement(By.id("model-banner")).getText());
    assertTrue(driver.findElement(By.id("accept-model")).isDisplayed(), "Accept stays available after confirming by key");
    Browser.screenshot(driver, "trust-01-confirmed-by-key");
    Browser.documentScreen(driver, "label-text");
    keys(Keys.ENTER);
    String second = waitForNewAsset(first);
    assertEquals("WEATHER", answerOf(first));

    // Pressing it again and again never empties a required answer; A then submits the confirmed suggestion.
    keys("2", "2", "2");
    assertEquals("Weather", onlySelected());
    keys("a");
    String third = waitForNewAsset(second);
    assertEquals("WEATHER", answerOf(second));

    // Another class, then its key again: the answer stays (a required radio job), Enter submits it.
    keys("1", "1");
    assertEquals("Food", onlySelected());
    assertTrue(visible("#model-banner").getText().contains("edited"), driver.findElement(By.id("model-banner")).getText());
    keys(Keys.ENTER);
    String fourth = waitForNewAsset(third);
    assertEquals("FOOD", answerOf(third));

    // Untouched, A accepts the suggestion.
    keys("a");
    wait.until(d -> "WEATHER".equals(answerOf(fourth)));
  }

  @Test
  @Order(3)
  void theDashboardPlotsOnePointPerLabelCountAndSaysHowEachNumberWasMeasured() throws InterruptedException {
    String id = server.api("POST", "/api/v1/projects", Map.of("title", "Reviews e2e", "inputType", "TEXT",
        "jsonInterface", Map.of("jobs", Map.of("JOB_0", Map.of("mlTask", "CLASSIFICATION", "instruction", "Sentiment", "required", true,
            "content", Map.of("input", "radio", "categories", Map.of("POS", Map.of("name", "Positive"), "NEG", Map.of("name", "Negative"))))))))
        .get("id").asText();
    String[] good = {"great", "lovely", "excellent", "wonderful", "superb", "fantastic", "brilliant", "delightful"};
    String[] bad = {"awful", "terrible", "horrible", "dreadful", "poor", "disappointing", "broken", "useless"};
    List<Map<String, Object>> assets = new ArrayList<>();
    for (int i = 0; i < good.length; i++) {
      assets.add(Map.of("externalId", "g" + i, "content", "What a " + good[i] + " product, truly " + good[i], "label", "POS"));
      assets.add(Map.of("externalId", "b" + i, "content", "What a " + bad[i] + " product, truly " + bad[i], "label", "NEG"));
    }
    for (int i = 0; i < 6; i++) {
      assets.add(Map.of("externalId", "u" + i, "content", "An unlabeled review number " + i));
    }
    server.api("POST", "/api/v1/projects/" + id + "/assets", assets);
    server.api("PATCH", "/api/v1/projects/" + id + "/learning", Map.of("timeBudgetSeconds", 2));
    // two models on the same 16 labels: the curve must still show one point at 16
    for (int model = 1; model <= 2; model++) trainAndWait(id, model);
    go("/p/" + id);
    wait.until(d -> !d.findElements(By.cssSelector("#learning-curve svg.chart circle")).isEmpty());
    assertEquals(1, driver.findElements(By.cssSelector("#learning-curve g.series-0 circle")).size(), "one point per label count");
    assertTrue(driver.findElements(By.cssSelector("#learning-curve g.series-0 line.error-bar")).size() == 1, "the CV point has an error bar");
    String note = visible("#confusion-note").getText();
    assertTrue(note.matches("(?s).*\\d+(-fold| of \\d+ folds of \\d+-fold) cross-validation on \\d+ labeled items.*"), note);
    String ece = visible("#models-table td.ece").getText();
    assertTrue(ece.endsWith("%"), "ECE shown on the dashboard: " + ece);
    visible("#stopping-hint");
    assertTrue(visible("#label-forecast").getText().contains("needs accuracy measured at three label counts"),
        "one label count forecasts nothing, and says so");
    // two more label counts (18 and 20): now the saturating curve is fitted and the dashboard says what it forecasts
    for (int step = 0; step < 2; step++) {
      for (int i = 2 * step; i < 2 * step + 2; i++) {
        server.api("POST", "/api/v1/projects/" + id + "/labels", Map.of("assetExternalId", "u" + i,
            "jsonResponse", Map.of("JOB_0", Map.of("categories", List.of(Map.of("name", i % 2 == 0 ? "POS" : "NEG"))))));
      }
      // a retrain the import triggered may still be queued and answer "model 3" from 16 labels: wait for this count
      trainAndWaitForLabels(id, 18 + 2 * step);
    }
    JsonNode forecast = server.api("GET", "/api/v1/projects/" + id + "/learning-curve", null).get("forecast");
    assertEquals(20, forecast.get("labels").asInt(), "forecast at the newest label count: " + forecast);
    go("/p/" + id);
    wait.until(d -> d.findElement(By.id("label-forecast")).getText().contains(forecast.get("message").asText()));
    assertTrue(driver.findElement(By.cssSelector("#panel-curve ul.legend")).getText().contains("fitted saturating curve"));
    Browser.screenshot(driver, "trust-02-dashboard");
    Browser.documentScreen(driver, "dashboard");
    driver.findElement(By.cssSelector("#panel-curve a.settings-link")).click();
    wait.until(d -> d.getCurrentUrl().endsWith("/p/" + id + "/settings"));
  }

  @Test
  @Order(4)
  void learningAndQualitySettingsAreChangedInTheBrowser() {
    new org.openqa.selenium.support.ui.Select(visible("#learning-strategy")).selectByValue("entropy");
    WebElement every = driver.findElement(By.id("learning-retrain-every"));
    every.clear();
    every.sendKeys("25");
    Browser.documentScreen(driver, "settings-learning");
    driver.findElement(By.id("save-learning")).click();
    wait.until(d -> d.findElement(By.id("learning-status")).getText().contains("Saved"));
    String pid = driver.getCurrentUrl().replaceAll(".*#/p/([^/]+)/settings$", "$1");
    JsonNode learning = server.api("GET", "/api/v1/projects/" + pid + "/learning", null);
    assertEquals("entropy", learning.get("strategy").asText());
    assertEquals(25, learning.get("retrainEvery").asInt());
    visible("#settings-quality").click();
    WebElement labelers = visible("#consensus-labelers");
    labelers.clear();
    labelers.sendKeys("2");
    WebElement rate = driver.findElement(By.id("honeypot-rate"));
    rate.clear();
    rate.sendKeys("0.1");
    Browser.documentScreen(driver, "settings-quality");
    driver.findElement(By.id("save-quality")).click();
    wait.until(d -> d.findElement(By.id("quality-status")).getText().contains("Saved"));
    JsonNode quality = server.api("GET", "/api/v1/projects/" + pid + "/quality-settings", null);
    assertEquals(2, quality.at("/consensus/labelers").asInt());
    assertEquals(0.1, quality.at("/honeypot/rate").asDouble(), 1e-9);
  }

  @Test
  @Order(5)
  void aUserChangesTheirPasswordAndLogsInWithTheNewOne() {
    visible("#account-link").click();
    visible("#current-password").sendKeys("not my password");
    driver.findElement(By.id("new-password")).sendKeys("a brand new passphrase");
    driver.findElement(By.id("repeat-password")).sendKeys("a brand new passphrase");
    driver.findElement(By.id("change-password")).click();
    assertTrue(visible("#password-status .error-box").getText().contains("wrong password"));
    WebElement current = driver.findElement(By.id("current-password"));
    current.clear();
    current.sendKeys(PASSWORD);
    Browser.documentScreen(driver, "account-password");
    driver.findElement(By.id("change-password")).click();
    wait.until(d -> d.findElement(By.id("password-status")).getText().contains("Password changed"));
    visible("#logout").click();
    visible("#email").sendKeys(EMAIL);
    visible("input[type=password]").sendKeys("a brand new passphrase", Keys.ENTER);
    visible("#panel-account"); // logging in keeps the address the browser was at
  }

  @Test
  @Order(6)
  void entitiesAreTaggedWithTheKeyboardAndPossibleMissesAreShown() {
    String id = server.api("POST", "/api/v1/projects", readJson("""
        {"title": "Entities by keyboard e2e", "inputType": "TEXT", "jsonInterface": {"jobs": {"JOB_0": {
          "mlTask": "NAMED_ENTITIES_RECOGNITION", "instruction": "Entities", "required": false, "content": {"categories": {
            "PER": {"name": "Person", "color": "#e15759"}, "ORG": {"name": "Organisation", "color": "#4e79a7"},
            "LOC": {"name": "Place", "color": "#59a14f"}}}}}}}""")).get("id").asText();
    String text = "Ada Lovelace met Charles Babbage in London";
    server.api("POST", "/api/v1/projects/" + id + "/assets", List.of(Map.of("externalId", "k1", "content", text)));
    server.api("POST", "/api/v1/projects/" + id + "/labels", Map.of("assetExternalId", "k1", "labelType", "PREDICTION",
        "modelVersion", "v-ner", "jsonResponse", Map.of("JOB_0", Map.of("annotations", List.of(),
            "missed", List.of(Map.of("beginOffset", text.indexOf("London"), "content", "London", "confidence", 35))))));
    go("/p/" + id + "/label");
    waitForNewAsset(null);
    String missed = visible("#missed-spans").getText();
    assertTrue(missed.contains("London") && missed.contains("35 %"), missed);
    visible("#asset-text .possible-miss");
    keys(Keys.ARROW_RIGHT); // the cursor starts on "Ada"
    shiftRight();
    keys("1");
    keys(Keys.ARROW_RIGHT); // after tagging the cursor is on "met"; now "Charles"
    shiftRight();
    keys("1");
    keys(Keys.ARROW_RIGHT, "3"); // "in" -> "London"
    wait.until(d -> d.findElements(By.id("missed-spans")).isEmpty());
    keys(Keys.BACK_SPACE); // removes the span under the cursor, and stays on this asset
    wait.until(d -> d.findElements(By.cssSelector("#asset-text mark.span")).size() == 2);
    keys("2"); // London (the last token keeps the cursor) as an organisation...
    wait.until(d -> d.findElements(By.cssSelector("#asset-text mark.span[data-category=ORG]")).size() == 1);
    keys("3"); // ...and a number on a span relabels it
    wait.until(d -> d.findElements(By.cssSelector("#asset-text mark.span[data-category=LOC]")).size() == 1);
    Browser.screenshot(driver, "trust-03-ner-keyboard");
    Browser.documentScreen(driver, "label-ner");
    keys(Keys.ENTER);
    assertEquals(List.of("PER:Ada Lovelace", "PER:Charles Babbage", "LOC:London"), submittedSpans(id));
  }

  @Test
  @Order(7)
  void theTenthCategoryIsKeyZeroAndOnesWithoutAKeyAreFoundByTyping() {
    String[] intents = {"Balance", "Card lost", "Change PIN", "Close account", "Exchange rate", "Fees", "Loan",
        "Open account", "Refund", "Top up", "Transfer", "Wrong charge"};
    StringBuilder categories = new StringBuilder();
    for (int i = 0; i < intents.length; i++) {
      categories.append(i == 0 ? "" : ", ").append("\"I").append(i + 1).append("\": {\"name\": \"").append(intents[i]).append("\"}");
    }
    String id = server.api("POST", "/api/v1/projects", readJson("""
        {"title": "Twelve intents e2e", "inputType": "TEXT", "jsonInterface": {"jobs": {"JOB_0": {"mlTask": "CLASSIFICATION",
          "instruction": "Intent", "required": true, "content": {"input": "radio", "categories": {%s}}}}}}""".formatted(categories)))
        .get("id").asText();
    server.api("POST", "/api/v1/projects/" + id + "/assets", List.of(Map.of("externalId", "m1", "content", "Please add 20 euros to my card"),
        Map.of("externalId", "m2", "content", "You charged me twice for one coffee")));
    go("/p/" + id + "/label");
    String first = waitForNewAsset(null);
    assertEquals("0", driver.findElement(By.cssSelector("button.cat[data-category=I10] kbd")).getText());
    keys("0");
    assertEquals("Top up", onlySelected());
    keys(Keys.ENTER);
    String second = waitForNewAsset(first);
    keys("/", "c");
    assertEquals("Card lost", visible("button.cat.first-match .cat-name").getText(), "a word's start before Balance's c");
    keys(Keys.BACK_SPACE, "wrong");
    wait.until(d -> d.findElements(By.cssSelector("button.cat:not([hidden])")).size() == 1);
    assertEquals("Wrong charge", visible("button.cat.first-match .cat-name").getText());
    Browser.screenshot(driver, "trust-04-find-a-category");
    keys(Keys.ENTER); // picks it and leaves the box: the next Enter submits
    assertEquals("Wrong charge", onlySelected());
    keys(Keys.ENTER);
    wait.until(d -> "I12".equals(answerOf(id, second)));
    assertEquals("I10", answerOf(id, first));
  }

  @Test
  @Order(8)
  void anEntityTypeWithoutAKeyIsFoundByTypingAndTagsTheCursor() {
    String[] types = {"Person", "Org", "Place", "Date", "Money", "Product", "Event", "Law", "Language", "Work", "Vehicle"};
    StringBuilder categories = new StringBuilder();
    for (int i = 0; i < types.length; i++) {
      categories.append(i == 0 ? "" : ", ").append("\"E").append(i + 1).append("\": {\"name\": \"").append(types[i]).append("\"}");
    }
    String id = server.api("POST", "/api/v1/projects", readJson("""
        {"title": "Eleven entity types e2e", "inputType": "TEXT", "jsonInterface": {"jobs": {"JOB_0": {
          "mlTask": "NAMED_ENTITIES_RECOGNITION", "instruction": "Entities", "required": false, "content": {"categories": {%s}}}}}}"""
        .formatted(categories))).get("id").asText();
    server.api("POST", "/api/v1/projects/" + id + "/assets", List.of(Map.of("externalId", "v1", "content", "Ada drove a Tesla")));
    go("/p/" + id + "/label");
    waitForNewAsset(null);
    keys(Keys.ARROW_RIGHT, "1"); // the cursor starts on "Ada": a Person
    keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT); // "drove" -> "a" -> "Tesla"
    keys("/", "vehic");
    assertEquals("Vehicle", visible("button.cat.first-match .cat-name").getText());
    keys(Keys.ENTER);
    wait.until(d -> d.findElements(By.cssSelector("#asset-text mark.span[data-category=E11]")).size() == 1);
    keys(Keys.ENTER);
    assertEquals(List.of("E1:Ada", "E11:Tesla"), submittedSpans(id));
  }

  @Test
  @Order(9)
  void theNewProjectFormOffersTheJobsItsKindOfAssetCanHave() {
    go("/new");
    visible("#project-title").sendKeys("Street photos e2e");
    new org.openqa.selenium.support.ui.Select(visible("#project-input-type")).selectByValue("IMAGE");
    assertEquals(List.of("add-class-job", "add-box-job"), driver.findElements(By.cssSelector("#jobs + .row button"))
        .stream().map(b -> b.getAttribute("id")).toList(), "boxes, not spans, for photos");
    assertEquals(List.of("CLASSIFICATION", "OBJECT_DETECTION"), new org.openqa.selenium.support.ui.Select(visible("select.job-task"))
        .getOptions().stream().map(o -> o.getAttribute("value")).toList());
    visible("input.cat-name").sendKeys("Street");
    visible("#add-box-job").click();
    wait.until(d -> d.findElements(By.cssSelector("input.cat-name")).size() == 2);
    driver.switchTo().activeElement().sendKeys("Car");
    visible("#save-project").click();
    wait.until(d -> d.getCurrentUrl().endsWith("/import"));
    String id = driver.getCurrentUrl().replaceAll(".*#/p/([^/]+)/import$", "$1");
    JsonNode jobs = server.api("GET", "/api/v1/projects/" + id, null).at("/jsonInterface/jobs");
    assertEquals("CLASSIFICATION", jobs.at("/JOB_0/mlTask").asText());
    assertEquals("OBJECT_DETECTION", jobs.at("/JOB_1/mlTask").asText());
  }

  @Test
  @Order(10)
  void theDashboardSaysWhenAClassHasASingleLabel() throws InterruptedException {
    String id = server.api("POST", "/api/v1/projects", Map.of("title", "One weather report e2e", "inputType", "TEXT",
        "jsonInterface", readJson(TOPICS))).get("id").asText();
    List<Map<String, Object>> assets = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      assets.add(Map.of("externalId", "f" + i, "content", i == 0 ? "Rain and wind tonight" : "A pasta recipe with garlic, number " + i,
          "label", i == 0 ? "WEATHER" : "FOOD"));
    }
    server.api("POST", "/api/v1/projects/" + id + "/assets", assets);
    trainAndWait(id, 1);
    go("/p/" + id);
    String note = visible("#confusion-note").getText();
    assertTrue(note.contains("Weather has a single label: left out of its fold, no model has seen it"), note);
  }

  /** The spans of the project's first human label, as CATEGORY:text, once it is there. */
  private static List<String> submittedSpans(String projectId) {
    JsonNode labels = wait.until(d -> {
      JsonNode items = server.api("GET", "/api/v1/projects/" + projectId + "/labels?type=DEFAULT", null).get("items");
      return items.isEmpty() ? null : items.at("/0/jsonResponse/JOB_0/annotations");
    });
    List<String> spans = new ArrayList<>();
    labels.forEach(a -> spans.add(a.at("/categories/0/name").asText() + ":" + a.get("content").asText()));
    return spans;
  }

  private static void trainAndWait(String projectId, int models) throws InterruptedException {
    server.api("POST", "/api/v1/projects/" + projectId + "/models/train", null);
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (server.api("GET", "/api/v1/projects/" + projectId + "/models", null).get("items").size() < models) {
      assertTrue(System.nanoTime() < deadline, "no model " + models + ": "
          + server.api("GET", "/api/v1/projects/" + projectId + "/training-jobs", null));
      Thread.sleep(300);
    }
  }

  /** Asks for a training and waits until a model trained on {@code labels} labels exists. */
  private static void trainAndWaitForLabels(String projectId, int labels) throws InterruptedException {
    server.api("POST", "/api/v1/projects/" + projectId + "/models/train", null);
    long deadline = System.nanoTime() + 90_000_000_000L;
    while (!modelOn(projectId, labels)) {
      assertTrue(System.nanoTime() < deadline, "no model on " + labels + " labels: "
          + server.api("GET", "/api/v1/projects/" + projectId + "/training-jobs", null));
      Thread.sleep(300);
    }
  }

  private static boolean modelOn(String projectId, int labels) {
    for (JsonNode m : server.api("GET", "/api/v1/projects/" + projectId + "/models", null).get("items")) {
      if (m.path("labelsUsed").asInt() == labels) return true;
    }
    return false;
  }

  private static void shiftRight() {
    new org.openqa.selenium.interactions.Actions(driver).keyDown(Keys.SHIFT).sendKeys(Keys.ARROW_RIGHT).keyUp(Keys.SHIFT).perform();
  }

  private static JsonNode readJson(String json) {
    try {
      return E2eServer.JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String onlySelected() {
    List<WebElement> on = driver.findElements(By.cssSelector("button.cat.on .cat-name"));
    assertEquals(1, on.size(), "exactly one category is selected");
    return on.get(0).getText();
  }

  /** The category of the human label of an asset, or null while it has none. */
  private static String answerOf(String assetId) {
    return answerOf(projectId, assetId);
  }

  private static String answerOf(String project, String assetId) {
    JsonNode items = server.api("GET", "/api/v1/projects/" + project + "/labels?type=DEFAULT&assetId=" + assetId, null).get("items");
    return items.isEmpty() ? null : items.at("/0/jsonResponse/JOB_0/categories/0/name").asText();
  }
}
