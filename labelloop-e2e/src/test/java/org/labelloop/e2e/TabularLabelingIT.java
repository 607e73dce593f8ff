package org.labelloop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A TABULAR project in headless Chromium (issue 12): a generated table of wines is imported with typed columns, its
 * rows are labeled by keyboard until the first model exists, and the model's suggestion then shows its confidence and
 * the columns that pushed it most.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TabularLabelingIT extends BrowserFlow {
  private static final String EMAIL = "tables@example.org";
  private static final String PASSWORD = "correct horse battery";
  private static final String COLOUR = """
      {"jobs": {"JOB_0": {"mlTask": "CLASSIFICATION", "instruction": "Colour", "required": true, "content": {"input": "radio",
        "categories": {"RED": {"name": "Red"}, "WHITE": {"name": "White"}}}}}}""";
  private static final int ROWS = 60;

  private static String projectId;

  /** Red wines carry more sulphates; the other columns are what a wine table holds, with a few missing values. */
  private static String wines() {
    Random r = new Random(12);
    String[] regions = {"Douro", "Minho", "Dão", "Alentejo"};
    StringBuilder csv = new StringBuilder("id,sulphates,alcohol,region,organic,bottled,notes\n");
    for (int i = 0; i < ROWS; i++) {
      boolean red = i % 2 == 0;
      String notes = i % 5 == 0
          ? "\"A long tasting note: " + "ripe fruit, firm structure and a finish that lingers on the palate; ".repeat(4) + "\""
          : i % 7 == 0 ? "" : "clean and fresh";
      csv.append("w").append(i).append(',')
          .append(String.format(java.util.Locale.ROOT, "%.3f", (red ? 0.82 : 0.42) + r.nextGaussian() * 0.06)).append(',')
          .append(String.format(java.util.Locale.ROOT, "%.6f", 9 + r.nextDouble() * 5)).append(',')
          .append(regions[r.nextInt(regions.length)]).append(',')
          .append(i % 9 == 0 ? "" : r.nextBoolean() ? "yes" : "no").append(',')
          .append(String.format("2024-%02d-%02d", 1 + r.nextInt(12), 1 + r.nextInt(28))).append(',')
          .append(notes).append('\n');
    }
    return csv.toString();
  }

  @Test
  @Order(1)
  void logsIn() {
    logInAsNewAdmin(EMAIL, "Table Lead", PASSWORD);
  }

  @Test
  @Order(2)
  void importsTheTableWithTypedColumns() throws Exception {
    projectId = server.api("POST", "/api/v1/projects", Map.of("title", "Wines e2e", "inputType", "TABULAR",
        "jsonInterface", E2eServer.JSON.readTree(COLOUR))).get("id").asText();
    Path csv = Files.createTempFile("wines-", ".csv");
    Files.writeString(csv, wines(), StandardCharsets.UTF_8);
    go("/p/" + projectId + "/import");
    visible("#import-file").sendKeys(csv.toAbsolutePath().toString());
    // the server's preview types the columns before anything is written
    assertEquals("numeric", visible("#schema-preview tr[data-column=sulphates] .badge").getText());
    assertEquals("boolean", visible("#schema-preview tr[data-column=organic] .badge").getText());
    assertTrue(driver.findElements(By.id("text-column")).isEmpty(), "a table row has no text column to pick");
    driver.findElement(By.id("import-submit")).click();
    WebElement summary = visible(".import-summary");
    assertTrue(summary.getText().startsWith(ROWS + " imported"), summary.getText());
    Files.delete(csv);
    JsonNode schema = server.api("GET", "/api/v1/projects/" + projectId + "/schema", null);
    assertEquals(List.of("NUMERIC", "NUMERIC", "CATEGORICAL", "BOOLEAN", "DATE", "TEXT"),
        List.of("sulphates", "alcohol", "region", "organic", "bottled", "notes").stream().map(c -> column(schema, c).path("type").asText()).toList());
    server.api("PATCH", "/api/v1/projects/" + projectId + "/learning", Map.of("minLabels", 12, "retrainEvery", 12, "timeBudgetSeconds", 3));
  }

  @Test
  @Order(3)
  void labelsRowsByKeyboardUntilTheModelExplainsItsSuggestion() throws Exception {
    go("/p/" + projectId + "/label");
    String shown = waitForNewAsset(null);
    // the row reads as a table: numbers formatted, categories as chips, booleans and dates in words
    visible("#table-row tr[data-column=region] .chip");
    String alcohol = visible("#table-row tr[data-column=alcohol] td").getText();
    assertTrue(alcohol.matches("\\d+([.,]\\d{1,4})?"), "alcohol shown as " + alcohol);
    visible("#table-row tr[data-column=bottled] .cell-date");
    int labeled = 0;
    while (driver.findElements(By.cssSelector("#model-reasons li")).isEmpty()) {
      assertTrue(labeled < 40, "no model explained a row after " + labeled + " labels: "
          + server.api("GET", "/api/v1/projects/" + projectId + "/training-jobs", null));
      double sulphates = Double.parseDouble(visible("#table-row tr[data-column=sulphates] td").getText().replace(',', '.'));
      keys(sulphates > 0.62 ? "1" : "2");
      keys(Keys.ENTER);
      shown = waitForNewAsset(shown);
      labeled++;
      if (labeled >= 12 && driver.findElements(By.cssSelector("#model-reasons li")).isEmpty()) {
        waitForModel(); // then the next rows come predicted
      }
    }
    WebElement reasons = visible("#model-reasons");
    assertTrue(reasons.getText().matches("(?s)Model suggests (Red|White) · ([<>] )?\\d+ % confident.*"), reasons.getText());
    List<WebElement> pushed = driver.findElements(By.cssSelector("#model-reasons li"));
    assertTrue(pushed.size() >= 1 && pushed.size() <= 3, pushed.size() + " reasons");
    for (WebElement li : pushed) {
      visible("#table-row tr.pushed[data-column=" + li.getAttribute("data-column") + "]"); // the row highlights its reasons
    }
    // the queue serves the row the model is least sure of; over all its predictions, sulphates decide the colour
    JsonNode predictions = server.api("GET", "/api/v1/projects/" + projectId + "/labels?type=PREDICTION&limit=100", null).get("items");
    long bySulphates = 0;
    for (JsonNode p : predictions) {
      for (JsonNode r : p.at("/jsonResponse/JOB_0/reasons")) if (r.path("column").asText().equals("sulphates")) bySulphates++;
    }
    assertTrue(bySulphates * 10 >= predictions.size() * 6, "sulphates among the reasons of " + bySulphates + " of " + predictions.size());
    visible("button.cat.on.from-model");
    Browser.documentScreen(driver, "tabular-labeling");
    keys("a");
    waitForNewAsset(shown);
  }

  @Test
  @Order(4)
  void reviewListsTheRowsMostLikeOneAndSendsItsLabeledNeighboursToReview() {
    go("/p/" + projectId + "/review");
    visible("#review-filter-labeled").click();
    String first = visible("#review-list li.current").getAttribute("data-external-id");
    keys("m");
    assertEquals("Like " + first, visible("#review-filter-similar.active").getText().replaceAll("\\s+", " ").strip());
    assertTrue(visible("#similar-basis").getText().contains("by their encoded columns"), visible("#similar-basis").getText());
    List<WebElement> neighbours = driver.findElements(By.cssSelector("#review-list li"));
    assertEquals(50, neighbours.size(), "the 50 most similar of the other " + (ROWS - 1) + " rows");
    assertTrue(neighbours.get(0).getText().matches("(?s)w\\d+ \\d+ % (TODO|LABELED|TO_REVIEW|REVIEWED).*"), neighbours.get(0).getText());
    assertTrue(driver.findElements(By.cssSelector("#review-list li[data-external-id='" + first + "']")).isEmpty(), "the row itself is not its neighbour");
    WebElement send = visible("#similar-to-review");
    int labeled = Integer.parseInt(send.getText().replaceAll("\\D+", ""));
    Browser.documentScreen(driver, "review-similar");
    int before = server.api("GET", "/api/v1/projects/" + projectId, null).at("/countsByStatus/TO_REVIEW").asInt();
    send.click();
    wait.until(d -> server.api("GET", "/api/v1/projects/" + projectId, null).at("/countsByStatus/TO_REVIEW").asInt() == before + labeled);
    assertTrue(driver.findElements(By.id("similar-to-review")).isEmpty(), "none of the listed rows is left LABELED");
  }

  private static void waitForModel() throws InterruptedException {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (server.api("GET", "/api/v1/projects/" + projectId + "/models", null).get("items").isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "no model: " + server.api("GET", "/api/v1/projects/" + projectId + "/training-jobs", null));
      Thread.sleep(300);
    }
  }

  private static JsonNode column(JsonNode schema, String name) {
    for (JsonNode c : schema.path("columns")) if (c.path("name").asText().equals(name)) return c;
    throw new AssertionError("no column " + name + " in " + schema);
  }
}
