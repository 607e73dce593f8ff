package org.labelloop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole labeling journey in a real headless Chromium against the real server (random port, fresh SQLite): log in,
 * create a project with the form, import a CSV through the column picker, label five assets with the keyboard only,
 * prove that HTML in asset text never executes, tag NER spans with the mouse, accept a model's pre-annotation, review,
 * read the dashboard, export, manage members and keys, and use it in a narrow window. Screenshots of each screen go to
 * target/screenshots. The steps share one server and one browser and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabelingFlowIT extends BrowserFlow {
  private static final String EMAIL = "lead@example.org";
  private static final String PASSWORD = "correct horse battery";

  private static String projectId;
  private static String nerProjectId;
  private static final List<String> labeledExternalIds = new ArrayList<>();

  @BeforeAll
  static void createLead() {
    if (server != null) {
      server.api("POST", "/api/v1/users", Map.of("email", EMAIL, "name", "Lead Labeler", "password", PASSWORD, "admin", true));
    }
  }

  @Test
  @Order(1)
  void showsLoginFormAndLogsIn() {
    driver.get(server.baseUrl() + "/");
    WebElement password = visible("input[type=password]");
    String firstStart = visible("#login-first-start").getText();
    assertTrue(firstStart.contains("admin@localhost"), "the login page names the first administrator: " + firstStart);
    visible("#email").sendKeys(EMAIL);
    password.sendKeys("wrong password");
    Browser.screenshot(driver, "01-login");
    driver.findElement(By.id("login-submit")).click();
    WebElement error = visible("#login-error .error-box");
    assertTrue(error.getText().contains("wrong email or password"), error.getText());
    password.clear();
    password.sendKeys(PASSWORD, Keys.ENTER);
    visible("#new-project");
    assertTrue(driver.findElement(By.id("topnav")).getText().contains("Lead Labeler"));
    Browser.screenshot(driver, "02-projects-empty");
  }

  @Test
  @Order(2)
  void createsClassificationProjectWithTheForm() {
    driver.findElement(By.id("new-project")).click();
    visible("#project-title").sendKeys("News topics e2e");
    WebElement firstName = visible("input.cat-name");
    firstName.sendKeys("Sport", Keys.ENTER);
    wait.until(d -> d.findElements(By.cssSelector("input.cat-name")).size() == 2);
    driver.switchTo().activeElement().sendKeys("Business", Keys.ENTER);
    wait.until(d -> d.findElements(By.cssSelector("input.cat-name")).size() == 3);
    driver.switchTo().activeElement().sendKeys("Tech");
    Browser.screenshot(driver, "03-create-project-form");
    driver.findElement(By.id("mode-json")).click();
    String raw = visible("#raw-json").getAttribute("value");
    assertTrue(raw.contains("\"SPORT\"") && raw.contains("\"TECH\"") && raw.contains("CLASSIFICATION"), raw);
    Browser.screenshot(driver, "04-create-project-json");
    driver.findElement(By.id("mode-form")).click();
    driver.findElement(By.id("save-project")).click();
    wait.until(d -> d.getCurrentUrl().endsWith("/import"));
    projectId = driver.getCurrentUrl().replaceAll(".*#/p/([^/]+)/import$", "$1");
    JsonNode p = server.api("GET", "/api/v1/projects/" + projectId, null);
    assertEquals("News topics e2e", p.get("title").asText());
    assertEquals(3, p.at("/jsonInterface/jobs/JOB_0/content/categories").size());
  }

  @Test
  @Order(3)
  void importsCsvWithColumnPickerAndShowsLineErrors() throws IOException {
    Path csv = Files.createTempFile("e2e-import-", ".csv");
    csv.toFile().deleteOnExit();
    Files.writeString(csv, String.join("\n",
        "id,text,topic",
        "x1,\"<script>window.__xss = 'script'</script>Payload in a script tag\",",
        "x2,\"<img src=x onerror=\"\"window.__xss = 'img'\"\">Payload in an image tag\",",
        "a1,The match ended 3-1 after a late goal,",
        "a2,Shares rose after the quarterly results,",
        "a3,The new phone has a faster chip,",
        "a4,\"שלום עולם, this line starts right-to-left\",",
        "a5,The striker signed a new contract,",
        "a6,Central bank keeps rates unchanged,",
        "a7,A startup released an open-source compiler,",
        "a8,The coach praised the young defenders,",
        "bad,only two fields",
        "a1,a duplicate id,",
        ""));
    visible("#import-file").sendKeys(csv.toAbsolutePath().toString());
    Select text = new Select(visible("#text-column"));
    assertEquals("text", text.getFirstSelectedOption().getText());
    new Select(driver.findElement(By.id("id-column"))).selectByVisibleText("id");
    driver.findElement(By.id("import-skip")).click();
    assertTrue(driver.findElement(By.id("import-update")).isDisplayed(), "a CSV's rows can update the assets of their ids");
    Browser.screenshot(driver, "05-import-columns");
    driver.findElement(By.id("import-submit")).click();
    WebElement summary = visible(".import-summary");
    assertTrue(summary.getText().startsWith("10 imported"), summary.getText());
    String errors = visible("#import-errors").getText();
    assertTrue(errors.contains("12") && errors.contains("expected 3 fields"), errors);
    assertTrue(summary.getText().contains("1 duplicate (skipped)"), "a duplicate is counted, not an error: " + summary.getText());
    Browser.screenshot(driver, "06-import-result");
  }

  @Test
  @Order(4)
  void labelsFiveAssetsWithTheKeyboardOnly() {
    go("/p/" + projectId + "/label");
    String previous = null;
    String projectFetches = "return performance.getEntriesByType('resource')"
        + ".filter(e => new URL(e.name).pathname === '/api/v1/projects/" + projectId + "').length;";
    String queueCalls = "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
        + ".filter(p => p.startsWith('/api/v1/projects/" + projectId + "/queue/')).map(p => p.split('/').pop()).join(',');";
    long fetchesBefore = 0;
    String queueBefore = "";
    for (int i = 0; i < 5; i++) {
      String assetId = waitForNewAsset(previous);
      if (i == 0) {
        js("performance.setResourceTimingBufferSize(10000);");
        fetchesBefore = (Long) js(projectFetches);
        queueBefore = (String) js(queueCalls);
      }
      labeledExternalIds.add(driver.findElement(By.id("label-card")).getAttribute("data-external-id"));
      assertEquals(0L, js("return document.querySelectorAll('#asset-text *').length;"), "asset text is plain text");
      if (i == 0) {
        Browser.screenshot(driver, "07-label-classification");
        keys("?");
        visible("#help-overlay");
        Browser.screenshot(driver, "08-label-help-overlay");
        keys(Keys.ESCAPE);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("help-overlay")));
      }
      keys(String.valueOf(1 + i % 3));
      wait.until(d -> !d.findElements(By.cssSelector("button.cat.on")).isEmpty());
      if (i == 1) {
        Browser.screenshot(driver, "09-label-category-picked");
      }
      keys(Keys.ENTER);
      previous = assetId;
    }
    waitForNewAsset(previous);
    // The screen reports how long "submit + load the next asset" took; the issue wants well under 200 ms on localhost.
    String timing = visible("#load-time").getText();
    System.out.println("labeling screen: " + timing);
    int ms = Integer.parseInt(timing.replaceAll("\\D+", ""));
    assertTrue(ms < 1000, "submit + next took " + ms + " ms");
    // The project's counts are a scan of all its assets: five labels must not ask for them (the page counts its own).
    assertEquals(fetchesBefore, (Long) js(projectFetches), "the label page fetched the project after a label");
    // One request a label: each answer brings the next asset back (queue/next ran only when the page opened).
    assertTrue(queueBefore.endsWith("next"), queueBefore);
    assertEquals(queueBefore + ",answer,answer,answer,answer,answer", js(queueCalls));
    JsonNode labels = server.api("GET", "/api/v1/projects/" + projectId + "/labels?type=DEFAULT", null).get("items");
    assertEquals(5, labels.size(), labels.toString());
    List<String> cats = new ArrayList<>();
    labels.forEach(l -> cats.add(l.at("/jsonResponse/JOB_0/categories/0/name").asText()));
    assertTrue(cats.containsAll(List.of("SPORT", "BUSINESS", "TECH")), cats.toString());
    // Backspace goes back to the fifth asset with its answer; the right arrow returns to the queue.
    keys(Keys.BACK_SPACE);
    wait.until(d -> labeledExternalIds.get(4).equals(d.findElement(By.id("label-card")).getAttribute("data-external-id")));
    assertEquals(1, driver.findElements(By.cssSelector("button.cat.on")).size());
    Browser.screenshot(driver, "10-label-previous-asset");
    keys(Keys.ARROW_RIGHT);
    wait.until(d -> !labeledExternalIds.contains(d.findElement(By.id("label-card")).getAttribute("data-external-id")));
  }

  @Test
  @Order(5)
  void assetHtmlIsShownAsTextAndNeverRuns() {
    go("/p/" + projectId + "/label");
    visible("#label-card[data-asset-id]");
    keys(Keys.BACK_SPACE); // nothing earlier in a fresh session: a readable notice, no crash
    visible("#toast");
    // Both payload assets go to review, whose list and detail render their text.
    List<String> toReview = new ArrayList<>(List.of("x1", "x2"));
    if (!toReview.contains(labeledExternalIds.get(0))) {
      toReview.add(labeledExternalIds.get(0));
    }
    server.api("PATCH", "/api/v1/projects/" + projectId + "/assets", Map.of("externalIds", toReview, "status", "TO_REVIEW"));
    go("/p/" + projectId + "/review");
    WebElement list = visible("#review-list .asset-list");
    wait.until(d -> list.getText().contains("Payload in a script tag") && list.getText().contains("<img src=x onerror="));
    for (String payload : List.of("x1", "x2")) {
      driver.findElement(By.cssSelector("#review-list li[data-external-id=" + payload + "] button")).click();
      wait.until(d -> d.findElement(By.id("asset-text")).getText().contains(payload.equals("x1") ? "<script>" : "<img src=x"));
      assertEquals(0L, js("return document.querySelectorAll('#asset-text *').length;"), "asset HTML became elements");
    }
    assertEquals(null, js("return window.__xss;"), "a payload in asset text ran");
    assertEquals(0L, js("return document.querySelectorAll('img').length;"), "asset HTML became an element");
    assertEquals(0L, js("return Array.from(document.scripts).filter(s => !s.src).length;"), "an inline script appeared");
    Browser.screenshot(driver, "11-xss-payloads-as-text");
  }

  @Test
  @Order(6)
  void reviewerAcceptsOneAssetAndSendsTheRestBack() {
    String first = labeledExternalIds.get(0);
    driver.findElement(By.cssSelector("#review-list li[data-external-id=" + first + "] button")).click();
    wait.until(d -> d.findElement(By.id("review-detail")).getText().contains(first));
    String labeler = visible("#review-labeler").getText();
    assertTrue(labeler.contains("Sport") && labeler.contains(EMAIL), labeler);
    Browser.screenshot(driver, "12-review");
    keys("a");
    wait.until(d -> "REVIEWED".equals(server.api("GET", "/api/v1/projects/" + projectId + "/assets?externalId=" + first, null)
        .at("/items/0/status").asText()));
    JsonNode reviews = server.api("GET", "/api/v1/projects/" + projectId + "/labels?type=REVIEW", null).get("items");
    assertEquals(1, reviews.size());
    assertEquals("SPORT", reviews.at("/0/jsonResponse/JOB_0/categories/0/name").asText());
    // Send the others back to the queue with the keyboard.
    int left = driver.findElements(By.cssSelector("#review-list li")).size();
    for (int n = left; n > 0; n--) {
      int expected = n - 1;
      wait.until(d -> d.findElements(By.cssSelector("#review-list li.current")).size() == 1);
      String ext = driver.findElement(By.cssSelector("#review-list li.current")).getAttribute("data-external-id");
      keys("b");
      wait.until(d -> "TODO".equals(server.api("GET", "/api/v1/projects/" + projectId + "/assets?externalId=" + ext, null)
          .at("/items/0/status").asText()));
      wait.until(d -> d.findElements(By.cssSelector("#review-list li")).size() == expected);
    }
    visible("#review-empty");
  }

  @Test
  @Order(7)
  void acceptsTheModelsPreAnnotationWithOneKey() {
    JsonNode todo = null;
    for (JsonNode a : server.api("GET", "/api/v1/projects/" + projectId + "/assets?status=TODO&limit=100", null).get("items")) {
      if (!labeledExternalIds.contains(a.get("externalId").asText())) {
        todo = a;
        break;
      }
    }
    assertNotNull(todo, "an asset this labeler has not labeled yet");
    String assetId = todo.get("id").asText();
    server.api("POST", "/api/v1/projects/" + projectId + "/labels", Map.of(
        "assetId", assetId, "labelType", "PREDICTION", "modelVersion", "v-e2e-1",
        "jsonResponse", Map.of("JOB_0", Map.of("categories", List.of(Map.of("name", "TECH", "confidence", 87))))));
    server.api("PATCH", "/api/v1/projects/" + projectId + "/assets", Map.of("externalIds", List.of(todo.get("externalId").asText()), "priority", 100));
    go("/p/" + projectId + "/label");
    // The queue first hands back the asset this labeler already holds; skip (key S) until the predicted one comes.
    for (int i = 0; i < 5; i++) {
      String shown = waitForNewAsset(null);
      if (assetId.equals(shown)) {
        break;
      }
      keys("s");
      waitForNewAsset(shown);
    }
    wait.until(d -> assetId.equals(d.findElement(By.id("label-card")).getAttribute("data-asset-id")));
    WebElement banner = visible("#model-banner");
    assertTrue(banner.getText().contains("v-e2e-1") && banner.getText().contains("87"), banner.getText());
    WebElement suggested = visible("button.cat.on.from-model");
    assertTrue(suggested.getText().contains("Tech") && suggested.getText().contains("model"), suggested.getText());
    Browser.screenshot(driver, "13-label-pre-annotation");
    keys("a");
    waitForNewAsset(assetId);
    JsonNode labels = server.api("GET", "/api/v1/projects/" + projectId + "/labels?type=DEFAULT&assetId=" + assetId, null).get("items");
    assertEquals(1, labels.size());
    JsonNode category = labels.at("/0/jsonResponse/JOB_0/categories/0");
    assertEquals("TECH", category.get("name").asText());
    assertFalse(category.has("confidence"), "the human label does not carry the model's confidence");
  }

  @Test
  @Order(8)
  void createsNerProjectFromRawJsonAndTagsSpansWithTheMouse() {
    go("/new");
    visible("#project-title").sendKeys("Entities e2e");
    driver.findElement(By.id("mode-json")).click();
    WebElement raw = visible("#raw-json");
    raw.clear();
    raw.sendKeys("{\"jobs\": {\"JOB_0\": {\"mlTask\": \"GUESSING\", \"content\": {\"categories\": {}}}}}");
    driver.findElement(By.id("save-project")).click();
    WebElement error = visible("#editor-status .error-box");
    assertTrue(error.getText().toLowerCase().contains("mltask") || error.getText().contains("GUESSING"), error.getText());
    Browser.screenshot(driver, "14-create-project-json-error");
    raw.clear();
    raw.sendKeys("{\"jobs\": {\"JOB_0\": {\"mlTask\": \"NAMED_ENTITIES_RECOGNITION\", \"instruction\": \"Entities\", \"required\": false,"
        + " \"content\": {\"categories\": {\"PER\": {\"name\": \"Person\", \"color\": \"#e15759\"}, \"ORG\": {\"name\": \"Organisation\", \"color\": \"#4e79a7\"},"
        + " \"LOC\": {\"name\": \"Place\", \"color\": \"#59a14f\"}}}}}}");
    driver.findElement(By.id("save-project")).click();
    wait.until(d -> d.getCurrentUrl().endsWith("/import"));
    nerProjectId = driver.getCurrentUrl().replaceAll(".*#/p/([^/]+)/import$", "$1");
    String sentence = "John Snow met Arya Stark in Winterfell and then sailed to Paris.";
    String second = "Ada Lovelace wrote to Charles Babbage from London.";
    server.api("POST", "/api/v1/projects/" + nerProjectId + "/assets", List.of(
        Map.of("externalId", "n1", "content", sentence, "priority", 10), Map.of("externalId", "n2", "content", second)));
    server.api("POST", "/api/v1/projects/" + nerProjectId + "/labels", Map.of(
        "assetExternalId", "n2", "labelType", "PREDICTION", "modelVersion", "ner-e2e-1",
        "jsonResponse", Map.of("JOB_0", Map.of("annotations", List.of(
            Map.of("categories", List.of(Map.of("name", "PER", "confidence", 91)), "beginOffset", 0, "content", "Ada Lovelace"),
            Map.of("categories", List.of(Map.of("name", "LOC", "confidence", 64)), "beginOffset", second.indexOf("London"), "content", "London"))))));

    go("/p/" + nerProjectId + "/label");
    visible("#label-card[data-external-id=n1]");
    dragOver("John Snow", 1, 7);   // "ohn Sn" snaps to "John Snow"
    WebElement per = visible("mark.span[data-category=PER]");
    assertEquals("John Snow", per.getText());
    dragOver("Paris", 1, 4);       // "ari" snaps to "Paris", first tagged as the highlighted Person…
    WebElement paris = visible("mark.span[data-begin='" + sentence.indexOf("Paris") + "']");
    paris.click();                 // …then clicked and relabelled with key 3
    visible("#span-tools");
    keys("3");
    wait.until(d -> !d.findElements(By.cssSelector("mark.span[data-category=LOC]")).isEmpty());
    keys("2");                     // the next span will be an organisation
    dragOver("Winterfell", 0, 10);
    visible("mark.span[data-category=ORG]");
    Browser.screenshot(driver, "15-label-ner-spans");
    visible("mark.span[data-category=ORG]").click();
    keys(Keys.DELETE);             // and removed again
    wait.until(d -> d.findElements(By.cssSelector("mark.span[data-category=ORG]")).isEmpty());
    keys(Keys.ENTER);
    // The second sentence comes pre-annotated by the model: dashed spans with confidence; A accepts them all.
    visible("#label-card[data-external-id=n2]");
    WebElement modelSpan = visible("mark.span.from-model[data-category=PER]");
    assertEquals("Ada Lovelace", modelSpan.getText());
    assertTrue(modelSpan.getAttribute("data-cat").contains("91"), modelSpan.getAttribute("data-cat"));
    assertTrue(visible("#model-banner").getText().contains("ner-e2e-1"));
    Browser.screenshot(driver, "16-label-ner-pre-annotation");
    keys("a");
    visible("#queue-empty");
    Browser.screenshot(driver, "17-label-queue-empty");
    JsonNode accepted = server.api("GET", "/api/v1/projects/" + nerProjectId + "/labels?type=DEFAULT&assetId="
        + server.api("GET", "/api/v1/projects/" + nerProjectId + "/assets?externalId=n2", null).at("/items/0/id").asText(), null)
        .at("/items/0/jsonResponse/JOB_0/annotations");
    assertEquals(2, accepted.size(), accepted.toString());
    assertEquals("Ada Lovelace", accepted.at("/0/content").asText());
    assertEquals("London", accepted.at("/1/content").asText());
    JsonNode annotations = server.api("GET", "/api/v1/projects/" + nerProjectId + "/labels?type=DEFAULT&assetId="
        + server.api("GET", "/api/v1/projects/" + nerProjectId + "/assets?externalId=n1", null).at("/items/0/id").asText(), null)
        .at("/items/0/jsonResponse/JOB_0/annotations");
    assertEquals(2, annotations.size(), annotations.toString());
    assertEquals("PER", annotations.at("/0/categories/0/name").asText());
    assertEquals(0, annotations.at("/0/beginOffset").asInt());
    assertEquals("John Snow", annotations.at("/0/content").asText());
    assertEquals("LOC", annotations.at("/1/categories/0/name").asText());
    assertEquals(sentence.indexOf("Paris"), annotations.at("/1/beginOffset").asInt());
    assertEquals("Paris", annotations.at("/1/content").asText());
  }

  @Test
  @Order(9)
  void dashboardShowsCountsAndHonestModelPanels() {
    go("/p/" + projectId);
    visible("#panel-status svg.chart");
    String counts = visible("#status-counts").getText();
    assertTrue(counts.contains("REVIEWED 1"), counts);
    wait.until(d -> !d.findElements(By.cssSelector("#labelers-table")).isEmpty());
    assertTrue(driver.findElement(By.id("labelers-table")).getText().contains(EMAIL));
    var curve = server.raw("GET", "/api/v1/projects/" + projectId + "/learning-curve", null);
    if (curve.statusCode() == 200 && curve.body().matches("(?s).*\\d.*")) {
      wait.until(d -> !d.findElements(By.cssSelector("#panel-curve svg.chart, #panel-curve .empty-state")).isEmpty());
    } else {
      WebElement empty = visible("#panel-curve .empty-state");
      assertFalse(empty.getText().isBlank());
    }
    WebElement models = visible("#panel-models .empty-state, #panel-models table");
    if (!models.getTagName().equals("table")) { // before the first model: when it comes, in this project's numbers
      assertTrue(models.getText().matches("No model yet: the first one trains (at \\d+ labeled assets, with two classes or more; \\d+ so far"
          + "|on the \\d+ labeled assets, with two classes or more, and shows here once trained)\\."), models.getText());
    }
    Browser.screenshot(driver, "18-dashboard");
  }

  @Test
  @Order(10)
  void drawsTheLearningCurveOnceAModelIsTrained() throws InterruptedException {
    JsonNode project = server.api("POST", "/api/v1/projects", Map.of("title", "Sentiment e2e", "inputType", "TEXT",
        "jsonInterface", Map.of("jobs", Map.of("JOB_0", Map.of("mlTask", "CLASSIFICATION", "instruction", "Sentiment", "required", true,
            "content", Map.of("input", "radio", "categories", Map.of("POS", Map.of("name", "Positive"), "NEG", Map.of("name", "Negative"))))))));
    String id = project.get("id").asText();
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
    server.raw("PATCH", "/api/v1/projects/" + id + "/learning", Map.of("timeBudgetSeconds", 2));
    var train = server.raw("POST", "/api/v1/projects/" + id + "/models/train", null);
    Assumptions.assumeTrue(train.statusCode() / 100 == 2, () -> "learning-curve chart not exercised: POST models/train -> " + train.statusCode() + " " + train.body());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    String jobState = "";
    while (System.nanoTime() < deadline) {
      if (server.api("GET", "/api/v1/projects/" + id + "/models", null).get("items").size() > 0) {
        break;
      }
      JsonNode jobs = server.api("GET", "/api/v1/projects/" + id + "/training-jobs", null).get("items");
      jobState = jobs.toString();
      boolean running = false;
      for (JsonNode j : jobs) {
        running |= List.of("QUEUED", "RUNNING").contains(j.path("status").asText());
      }
      if (!running && jobs.size() > 0) {
        break;
      }
      Thread.sleep(500);
    }
    boolean trained = server.api("GET", "/api/v1/projects/" + id + "/models", null).get("items").size() > 0;
    go("/p/" + id);
    if (!trained) {
      visible("#panel-curve .empty-state");
      Browser.screenshot(driver, "19-dashboard-no-model");
      String why = "learning-curve chart not exercised: no model could be trained here; training jobs: " + jobState;
      System.err.println("SKIPPED " + why);
      Assumptions.abort(why);
    }
    wait.until(d -> !d.findElements(By.cssSelector("#learning-curve svg.chart circle")).isEmpty());
    visible("#models-table");
    visible("#confusion-matrix");
    Browser.screenshot(driver, "19-dashboard-learning-curve");
  }

  @Test
  @Order(11)
  void exportsTheLabeledAssetsAsAFile() throws IOException {
    go("/p/" + projectId + "/export");
    new Select(visible("#export-format")).selectByValue("jsonl");
    Browser.screenshot(driver, "20-export");
    driver.findElement(By.id("export-download")).click();
    Path file = new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> {
      try (Stream<Path> s = Files.list(Browser.DOWNLOADS)) {
        return s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).findFirst().orElse(null);
      } catch (IOException e) {
        return null;
      }
    });
    List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    assertEquals(10, lines.size(), "one line per asset");
    String all = String.join("\n", lines);
    for (String id : labeledExternalIds) {
      assertTrue(all.contains("\"" + id + "\""), id + " missing from the export");
    }
    assertTrue(all.contains("SPORT") && all.contains("TECH"), "labels are exported");
  }

  @Test
  @Order(12)
  void adminAddsAMemberAndCreatesAnApiKey() {
    go("/p/" + projectId + "/members");
    visible("#member-email").sendKeys("labeler@example.org");
    driver.findElement(By.id("member-password")).sendKeys("labeler password 1");
    new Select(driver.findElement(By.id("member-role"))).selectByValue("LABELER");
    driver.findElement(By.cssSelector("#add-member-form button[type=submit]")).click();
    wait.until(d -> d.findElement(By.id("members-table")).getText().contains("labeler@example.org"));
    Browser.screenshot(driver, "21-members");
    // The interface tab edits the project's JSON interface in place.
    go("/p/" + nerProjectId + "/interface");
    WebElement instruction = visible("input.job-instruction");
    instruction.clear();
    instruction.sendKeys("Mark people, organisations and places");
    driver.findElement(By.id("save-project")).click();
    wait.until(d -> d.getCurrentUrl().endsWith("/p/" + nerProjectId));
    assertEquals("Mark people, organisations and places",
        server.api("GET", "/api/v1/projects/" + nerProjectId, null).at("/jsonInterface/jobs/JOB_0/instruction").asText());
    go("/keys");
    visible("#key-name").sendKeys("e2e script", Keys.ENTER);
    WebElement key = visible("#new-key");
    assertFalse(key.getAttribute("value").isBlank());
    visible("#keys-table");
    Browser.screenshot(driver, "22-api-keys");
  }

  @Test
  @Order(13)
  void worksInANarrowWindowAndLogsOut() {
    driver.manage().window().setSize(new Dimension(400, 800));
    try {
      go("/");
      visible("#project-list");
      Browser.screenshot(driver, "23-narrow-projects");
      go("/p/" + projectId + "/label");
      visible("#label-card[data-asset-id]");
      Number overflow = (Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertTrue(overflow.intValue() <= 1, "horizontal overflow of " + overflow + " px at 400 px");
      Browser.screenshot(driver, "24-narrow-label");
      go("/p/" + projectId);
      visible("#panel-status svg.chart");
      Number dashOverflow = (Number) js("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
      assertTrue(dashOverflow.intValue() <= 1, "horizontal overflow of " + dashOverflow + " px at 400 px");
      Browser.screenshot(driver, "25-narrow-dashboard");
    } finally {
      driver.manage().window().setSize(new Dimension(1280, 800));
    }
    visible("#logout").click();
    visible("input[type=password]");
    Browser.screenshot(driver, "26-logged-out");
  }

  @Test
  @Order(14)
  void aLabelerSeesOnlyTheirProjectAndTheLabelingScreens() {
    visible("#email").sendKeys("labeler@example.org");
    driver.findElement(By.id("password")).sendKeys("labeler password 1", Keys.ENTER);
    visible("#logout"); // logging in keeps the address the browser was at: the dashboard of the first project
    visible("#panel-status");
    go("/");
    WebElement list = visible("#project-list");
    assertEquals(1, list.findElements(By.cssSelector(".project-card")).size(), list.getText());
    assertTrue(list.getText().contains("News topics e2e"));
    assertTrue(driver.findElements(By.id("new-project")).isEmpty(), "no project creation for a labeler");
    go("/p/" + projectId + "/label");
    visible("#label-card[data-asset-id]");
    assertTrue(driver.findElements(By.id("tab-review")).isEmpty() && driver.findElements(By.id("tab-members")).isEmpty(),
        "a labeler gets no review or members tab");
    int before = server.api("GET", "/api/v1/projects/" + projectId + "/labels?type=DEFAULT", null).get("items").size();
    keys("1", Keys.ENTER);
    wait.until(d -> server.api("GET", "/api/v1/projects/" + projectId + "/labels?type=DEFAULT", null).get("items").size() == before + 1);
    Browser.screenshot(driver, "27-labeler-view");
    go("/p/" + nerProjectId);
    WebElement error = visible(".error-box");
    assertTrue(error.getText().toLowerCase().contains("not found") || error.getText().toLowerCase().contains("forbidden")
        || error.getText().toLowerCase().contains("not a member"), error.getText());
  }

  @Test
  @Order(15)
  void dashboardShowsTheLowestAgreementOnceTwoLabelersDisagree() {
    String pid = textClassificationProject("Consensus e2e", Map.of("A", Map.of("name", "Alpha"), "B", Map.of("name", "Beta")));
    server.api("POST", "/api/v1/projects/" + pid + "/assets", List.of(Map.of("externalId", "c1", "content", "a text two labelers read")));
    server.api("PATCH", "/api/v1/projects/" + pid + "/quality-settings",
        Map.of("consensus", Map.of("labelers", 2, "percent", 100, "threshold", 0.5)));
    String labelerId = null;
    for (var user : server.api("GET", "/api/v1/users", null).get("items")) {
      if (user.path("email").asText().equals("labeler@example.org")) {
        labelerId = user.path("id").asText();
      }
    }
    server.api("POST", "/api/v1/projects/" + pid + "/members", Map.of("userId", labelerId, "role", "LABELER"));
    server.api("POST", "/api/v1/projects/" + pid + "/labels", Map.of("assetExternalId", "c1", "labelType", "DEFAULT",
        "jsonResponse", Map.of("JOB_0", Map.of("categories", List.of(Map.of("name", "A"))))));

    go("/p/" + pid + "/label"); // the labeler from the previous test answers the same asset differently
    visible("#label-card[data-asset-id]");
    keys("2", Keys.ENTER);
    wait.until(d -> server.api("GET", "/api/v1/projects/" + pid + "/labels?type=DEFAULT", null).get("items").size() == 2);

    visible("#logout").click();
    visible("#email").sendKeys(EMAIL);
    driver.findElement(By.id("password")).sendKeys(PASSWORD, Keys.ENTER);
    visible("#logout");
    go("/p/" + pid);
    WebElement lowest = visible("#agreement-table");
    assertTrue(lowest.getText().contains("c1"), lowest.getText());
    assertTrue(visible("#category-agreement").getText().contains("Alpha"), "per-category agreement panel");
    Browser.screenshot(driver, "28-dashboard-agreement");
  }

  @Test
  @Order(16)
  void reviewListsTheLabelsThatLookWrongAndSendsThemToReview() {
    String pid = textClassificationProject("Suspects e2e", Map.of("SPORT", Map.of("name", "Sport"), "TECH", Map.of("name", "Tech")));
    String[] sport = {"goal", "match", "team", "league", "coach", "striker", "penalty", "stadium"};
    String[] tech = {"software", "chip", "computer", "code", "server", "laptop", "robot", "internet"};
    List<Map<String, Object>> assets = new ArrayList<>();
    List<Map<String, Object>> labels = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String[] words = i % 2 == 0 ? sport : tech;
      assets.add(Map.of("externalId", "s" + i, "content", words[i % 8] + " " + words[(i / 2 + 3) % 8] + " " + words[(i / 3 + 5) % 8] + " news " + i));
      boolean wrong = i == 10 || i == 21;
      labels.add(Map.of("assetExternalId", "s" + i, "labelType", "DEFAULT",
          "jsonResponse", Map.of("JOB_0", Map.of("categories", List.of(Map.of("name", (i % 2 == 0) ^ wrong ? "SPORT" : "TECH"))))));
    }
    server.api("POST", "/api/v1/projects/" + pid + "/assets", assets);
    server.api("POST", "/api/v1/projects/" + pid + "/labels", labels);

    go("/p/" + pid + "/review");
    visible("#review-filter-suspects").click();
    visible("#review-list li[data-external-id=s10] button").click();
    String doubt = visible("#review-suspect").getText();
    assertTrue(doubt.startsWith("labeled Tech, the model says Sport"), doubt);
    assertEquals("Likely wrong 2", visible("#review-filter-suspects").getText().replaceAll("\\s+", " "), "the count on the tab");
    String basis = visible("#suspects-basis").getText();
    assertTrue(basis.matches("Models that never saw a label agree with \\d+ % of the 40 labels .*"), basis);
    Browser.screenshot(driver, "29-review-likely-wrong");
    visible("#suspects-to-review").click();
    for (String id : List.of("s10", "s21")) {
      wait.until(d -> "TO_REVIEW".equals(server.api("GET", "/api/v1/projects/" + pid + "/assets?externalId=" + id, null).at("/items/0/status").asText()));
    }
    wait.until(d -> d.findElement(By.id("review-filter-to_review")).getAttribute("class").contains("active"));
    visible("#review-list li[data-external-id=s21]");
  }

  @Test
  @Order(17)
  void reviewListsMoreThanAPageAndFindsAnAssetById() {
    String pid = textClassificationProject("Review pages e2e", Map.of("A", Map.of("name", "Alpha"), "B", Map.of("name", "Beta")));
    List<Map<String, Object>> assets = new ArrayList<>();
    List<String> toReview = new ArrayList<>();
    for (int i = 0; i < 130; i++) {
      assets.add(Map.of("externalId", "r" + i, "content", "text number " + i, "label", i % 2 == 0 ? "A" : "B"));
      if (i < 105) toReview.add("r" + i);
    }
    server.api("POST", "/api/v1/projects/" + pid + "/assets", assets);
    server.api("PATCH", "/api/v1/projects/" + pid + "/assets", Map.of("externalIds", toReview, "status", "TO_REVIEW"));

    go("/p/" + pid + "/review");
    wait.until(d -> d.findElements(By.cssSelector("#review-list li")).size() == 100);
    assertEquals("Show more (5 not listed yet)", visible("#review-more").getText());
    assertTrue(visible("#review-detail").getText().contains("1 of 105"), "the counter counts the status, not the page");
    for (int i = 0; i < 97; i++) keys("j"); // near the page's end the next one is listed
    wait.until(d -> d.findElements(By.cssSelector("#review-list li")).size() == 105);
    assertTrue(driver.findElements(By.id("review-more")).isEmpty(), "nothing left to list");

    visible("#review-find").sendKeys("r120", Keys.ENTER);
    wait.until(d -> d.findElement(By.id("review-detail")).getText().contains("Asset r120"));
    assertEquals("r120", visible("#review-list li.current").getAttribute("data-external-id"));

    keys("h"); // its answer becomes a honeypot's trusted one
    wait.until(d -> server.api("GET", "/api/v1/projects/" + pid + "/assets?externalId=r120", null).at("/items/0/isHoneypot").asBoolean());
    JsonNode review = server.api("GET", "/api/v1/projects/" + pid + "/labels?type=REVIEW", null).get("items");
    assertEquals("A", review.at("/0/jsonResponse/JOB_0/categories/0/name").asText(), review.toString());
    visible("#review-find").clear();
    visible("#review-find").sendKeys("r120", Keys.ENTER);
    assertTrue(visible("#review-honeypot").getText().startsWith("yes"));
    keys("h");
    wait.until(d -> !server.api("GET", "/api/v1/projects/" + pid + "/assets?externalId=r120", null).at("/items/0/isHoneypot").asBoolean());
  }

  @Test
  @Order(18)
  void reviewNarrowsItsListByTextAnswerAndLabelerAndExportsTheSame() {
    String pid = textClassificationProject("Narrow review e2e", Map.of("A", Map.of("name", "Alpha"), "B", Map.of("name", "Beta")));
    String[] texts = {"Apple pie with cinnamon", "apple phone launch delayed", "Pear tart", "Banana bread", "APPLE crumble", "Plum jam"};
    List<Map<String, Object>> assets = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      assets.add(Map.of("externalId", "n" + i, "content", texts[i], "label", i == 1 ? "B" : "A"));
    }
    server.api("POST", "/api/v1/projects/" + pid + "/assets", assets);
    server.api("PATCH", "/api/v1/projects/" + pid + "/assets",
        Map.of("externalIds", List.of("n0", "n1", "n2", "n3", "n4", "n5"), "status", "TO_REVIEW"));

    go("/p/" + pid + "/review");
    wait.until(d -> d.findElements(By.cssSelector("#review-list li")).size() == 6);
    visible("#review-find").sendKeys("apple", Keys.ENTER);
    wait.until(d -> listed().equals(List.of("n0", "n1", "n4")));
    assertTrue(visible("#review-detail").getText().contains("1 of 3"), visible("#review-detail").getText());
    new Select(visible("#review-category")).selectByVisibleText("answered Beta");
    wait.until(d -> listed().equals(List.of("n1")));
    new Select(visible("#review-by")).selectByIndex(1); // the admin, who imported the answers
    wait.until(d -> listed().equals(List.of("n1")));
    wait.until(d -> !d.findElement(By.id("toast")).isDisplayed()); // the previous test's
    Browser.documentScreen(driver, "review");
    visible("#review-move-all").click(); // e.g. everything one labeler answered goes back to the queue
    var confirm = wait.until(ExpectedConditions.alertIsPresent()); // once the matching assets are counted
    assertTrue(confirm.getText().startsWith("Send 1 asset back to the labeling queue?"), confirm.getText());
    confirm.accept();
    wait.until(d -> "TODO".equals(server.api("GET", "/api/v1/projects/" + pid + "/assets?externalId=n1", null).at("/items/0/status").asText()));
    assertEquals("TO_REVIEW", server.api("GET", "/api/v1/projects/" + pid + "/assets?externalId=n0", null).at("/items/0/status").asText(),
        "only the narrowed list moves");
    wait.until(d -> listed().isEmpty());
    visible("#review-find").clear();
    visible("#review-find").sendKeys("kiwi", Keys.ENTER);
    wait.until(d -> d.findElement(By.id("review-empty")).getText().equals("No to review asset matches."));

    go("/p/" + pid + "/export");
    new Select(visible("#export-category")).selectByVisibleText("answered Beta");
    visible("#export-search").sendKeys("apple");
    String href = visible("#export-download").getAttribute("href");
    assertTrue(href.contains("category=B") && href.contains("search=apple"), href);
    String exported = server.raw("GET", href.substring(href.indexOf("/api/")), null).body();
    assertEquals(1, exported.strip().split("\n").length, exported);
    assertTrue(exported.contains("\"externalId\":\"n1\""), exported);
  }

  @Test
  @Order(19)
  void aTxtFileImportsOneTextPerLineAndAWorkbookIsTurnedAway() throws IOException {
    String pid = textClassificationProject("Plain text e2e", Map.of("A", Map.of("name", "Alpha")));
    Path txt = Files.createTempFile("e2e-lines-", ".txt");
    Path xlsx = Files.createTempFile("e2e-sheet-", ".xlsx");
    txt.toFile().deleteOnExit();
    xlsx.toFile().deleteOnExit();
    Files.writeString(txt, "first review, with a comma\n\nsecond review\n");
    Files.write(xlsx, new byte[] {'P', 'K', 3, 4, 0, 0});
    go("/p/" + pid + "/import");
    visible("#import-file").sendKeys(xlsx.toAbsolutePath().toString());
    assertTrue(visible("#column-picker").getText().contains("save the sheet as CSV UTF-8"), visible("#column-picker").getText());
    assertFalse(driver.findElement(By.id("import-submit")).isEnabled(), "nothing to send that the server would refuse");
    visible("#import-file").clear();
    visible("#import-file").sendKeys(txt.toAbsolutePath().toString());
    wait.until(d -> d.findElement(By.id("column-picker")).getText().startsWith("Plain text: one text per line"));
    assertTrue(driver.findElements(By.id("text-column")).isEmpty(), "no header to pick columns from");
    driver.findElement(By.id("import-submit")).click();
    assertTrue(visible(".import-summary").getText().startsWith("2 imported"), visible(".import-summary").getText());
  }

  @Test
  @Order(20)
  void theInstructionsOpenOnTheFirstVisitAndAgainWhenTheyChange() {
    String pid = textClassificationProject("Guided e2e", Map.of("A", Map.of("name", "Animal"), "B", Map.of("name", "Other")));
    server.api("PATCH", "/api/v1/projects/" + pid, Map.of("instructions",
        "Animal: the text is about an animal.\n\nEverything else is Other; the guide: https://example.org/guide"));
    server.api("POST", "/api/v1/projects/" + pid + "/assets", List.of(Map.of("externalId", "g1", "content", "a cat sleeps")));
    go("/p/" + pid + "/label");
    WebElement shown = visible("#instructions-overlay");
    assertTrue(shown.getText().contains("Animal: the text is about an animal."), shown.getText());
    assertEquals(2, shown.findElements(By.cssSelector("p.instructions-text")).size(), "one paragraph each");
    assertEquals("https://example.org/guide", shown.findElement(By.cssSelector("a")).getAttribute("href"));
    keys(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("instructions-overlay")));
    keys("i");
    visible("#instructions-overlay");
    keys("i");
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("instructions-overlay")));

    go("/p/" + pid + "/label"); // seen: the screen opens on the asset
    waitForNewAsset(null);
    assertTrue(driver.findElements(By.id("instructions-overlay")).isEmpty(), "shown once per version");
    server.api("PATCH", "/api/v1/projects/" + pid, Map.of("instructions", "Animal also covers insects."));
    go("/p/" + pid + "/review");
    assertTrue(visible("#instructions-overlay").getText().contains("Animal also covers insects."), "changed: shown again");
  }

  @Test
  @Order(21)
  void aLabelerOnTheDashboardOpensTheReviewOfWhatTheyLabeled() {
    go("/p/" + projectId);
    WebElement who = visible("#labelers-table tbody tr:first-child a");
    String name = who.getText();
    who.click();
    wait.until(d -> d.getCurrentUrl().contains("/review?labeledBy="));
    String userId = driver.getCurrentUrl().replaceAll(".*labeledBy=", "");
    wait.until(d -> userId.equals(new Select(d.findElement(By.id("review-by"))).getFirstSelectedOption().getAttribute("value")));
    assertEquals("labeled by " + name, new Select(driver.findElement(By.id("review-by"))).getFirstSelectedOption().getText());
    visible("#review-filter-labeled.active");
    JsonNode theirs = server.api("GET", "/api/v1/projects/" + projectId + "/assets?status=LABELED&labeledBy=" + userId + "&limit=1000", null).get("items");
    assertTrue(theirs.size() > 0, "the flow's labeler labeled assets of this project");
    wait.until(d -> listed().size() == Math.min(100, theirs.size())); // the list is their labeled assets
  }

  private List<String> listed() {
    return driver.findElements(By.cssSelector("#review-list li")).stream().map(li -> li.getAttribute("data-external-id")).toList();
  }

  /** A TEXT project whose one job, JOB_0, is a required single-choice classification over these categories. */
  private static String textClassificationProject(String title, Map<String, Object> categories) {
    Map<String, Object> job = Map.of("mlTask", "CLASSIFICATION", "required", 1, "content", Map.of("input", "radio", "categories", categories));
    return server.api("POST", "/api/v1/projects",
        Map.of("title", title, "inputType", "TEXT", "jsonInterface", Map.of("jobs", Map.of("JOB_0", job)))).get("id").asText();
  }
}
