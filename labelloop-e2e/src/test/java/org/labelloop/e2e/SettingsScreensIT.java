package org.labelloop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.labelloop.store.testing.TestDetectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The settings screens of an object-detection project (its kinds of box and the COCO detector) and of a table (its
 * column types), reached from the dashboard and saved through the API, in headless Chromium.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SettingsScreensIT extends BrowserFlow {
  private static final String BOXES = """
      {"jobs": {"JOB_0": {"mlTask": "OBJECT_DETECTION", "instruction": "Traffic", "required": false, "content": {
        "categories": {"CAR": {"name": "Car", "color": "#4e79a7"}, "WHEEL": {"name": "Wheel", "color": "#f28e2b"},
                       "PEOPLE": {"name": "Pedestrian", "color": "#e15759"}}}}}}""";
  private static final String COLOUR = """
      {"jobs": {"JOB_0": {"mlTask": "CLASSIFICATION", "instruction": "Colour", "required": true, "content": {"input": "radio",
        "categories": {"RED": {"name": "Red"}, "WHITE": {"name": "White"}}}}}}""";

  private static String boxesId;
  private static String tableId;

  @Test
  @Order(1)
  void logsIn() {
    logInAsNewAdmin("settings@example.org", "Settings Lead", "correct horse battery");
  }

  @Test
  @Order(2)
  void theDetectionScreenShowsEachCategorysCocoClassMatchedByName() throws Exception {
    boxesId = server.api("POST", "/api/v1/projects", Map.of("title", "Street scenes", "inputType", "IMAGE",
        "jsonInterface", E2eServer.JSON.readTree(BOXES))).get("id").asText();
    go("/p/" + boxesId);
    visible("#dash-settings-detection").click();
    visible("#detection-categories");
    assertEquals("By name: car", byName("CAR"));
    assertEquals("By name: no COCO class, no boxes", byName("WHEEL"));
    assertEquals("By name: person", byName("PEOPLE"), "a synonym of a COCO class matches");
  }

  @Test
  @Order(3)
  void anUnnamedCategoryIsRefusedBeforeAnythingIsWritten() {
    visible("#add-box-category").click();
    assertEquals("", driver.switchTo().activeElement().getAttribute("value"), "the new row's name has the focus");
    driver.findElement(By.id("save-detection")).click();
    assertTrue(visible("#detection-status .error-box").getText().contains("Category 4 has no name"));
    JsonNode categories = server.api("GET", "/api/v1/projects/" + boxesId, null).at("/jsonInterface/jobs/JOB_0/content/categories");
    assertEquals(3, categories.size(), "nothing written: " + categories);
    driver.findElement(By.cssSelector("#detection-categories tr:last-child .det-remove")).click();
  }

  @Test
  @Order(4)
  void categoriesColoursClassesAndThresholdAreEditedByKeyboardAndSaved() throws Exception {
    driver.findElement(By.cssSelector("#detection-categories tr[data-category=PEOPLE] .det-remove")).sendKeys(Keys.ENTER);
    // rename by keyboard, then Enter adds the next category with the focus in its name
    WebElement wheel = visible("#detection-categories tr[data-category=WHEEL] .det-name");
    wheel.sendKeys(Keys.chord(Keys.CONTROL, "a"), "Tyre", Keys.ENTER);
    driver.switchTo().activeElement().sendKeys("Bus");
    assertEquals("BUS", driver.findElement(By.cssSelector("#detection-categories tr:last-child td.mono")).getText());
    new Select(driver.findElement(By.cssSelector("#detection-categories tr[data-category=WHEEL] .det-class"))).selectByValue("sports ball");
    new Select(driver.findElement(By.cssSelector("#detection-categories tr[data-category=CAR] .det-class"))).selectByValue("none");
    js("const c = document.querySelector('#detection-categories tr[data-category=CAR] .det-color');"
        + "c.value = '#59a14f'; c.dispatchEvent(new Event('input', {bubbles: true}));");
    WebElement score = driver.findElement(By.id("detector-min-score"));
    score.sendKeys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
    assertEquals("60 %", driver.findElement(By.id("detector-min-score-value")).getText());
    driver.findElement(By.id("save-detection")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detection-status"), "Saved")); // on the redrawn screen

    JsonNode categories = server.api("GET", "/api/v1/projects/" + boxesId, null).at("/jsonInterface/jobs/JOB_0/content/categories");
    List<String> ids = new ArrayList<>();
    categories.fieldNames().forEachRemaining(ids::add);
    assertEquals(List.of("CAR", "WHEEL", "BUS"), ids);
    assertEquals("Tyre", categories.at("/WHEEL/name").asText());
    assertEquals("#59a14f", categories.at("/CAR/color").asText());
    JsonNode detector = server.api("GET", "/api/v1/projects/" + boxesId + "/learning", null).get("detector");
    assertEquals(0.6, detector.get("minScore").asDouble(), 1e-9);
    assertEquals("sports ball", detector.at("/classes/WHEEL").asText());
    assertTrue(detector.at("/classes/CAR").isNull(), "Car gets no boxes from the detector: " + detector);
    assertTrue(!detector.get("classes").has("BUS"), "Bus is matched by its name: " + detector);
    assertEquals("By name: bus", byName("BUS"), "the saved screen shows the new category's match");
  }

  @Test
  @Order(5)
  void aTeamsOwnOnnxDetectorIsSetByKeyboardAndAFileThatIsNoneIsRefused() throws Exception {
    Path model = Files.write(Files.createTempDirectory("labelloop-e2e-model-").resolve("tiles.onnx"), TestDetectors.brightCells());
    WebElement path = visible("#detector-model-path");
    path.sendKeys(model.resolveSibling("absent.onnx").toString());
    for (String size : new String[] {"#detector-model-width", "#detector-model-height"}) {
      driver.findElement(By.cssSelector(size)).sendKeys(Keys.chord(Keys.CONTROL, "a"), String.valueOf(TestDetectors.SIZE));
    }
    driver.findElement(By.id("detector-model-names")).sendKeys(String.join(", ", TestDetectors.CLASSES), Keys.TAB);
    assertEquals("By name (known once saved)", byName("WHEEL"), "the new model's classes are offered before saving");
    driver.findElement(By.id("save-detection")).click();
    assertTrue(visible("#detection-status .error-box").getText().contains("cannot read"), "a clear settings error");
    assertTrue(server.api("GET", "/api/v1/projects/" + boxesId + "/learning", null).at("/detector/model").isNull(), "nothing written");

    path.sendKeys(Keys.chord(Keys.CONTROL, "a"), model.toString(), Keys.TAB);
    new Select(driver.findElement(By.cssSelector("#detection-categories tr[data-category=WHEEL] .det-class"))).selectByValue("square");
    driver.findElement(By.id("save-detection")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detection-status"), "Saved"));
    JsonNode detector = server.api("GET", "/api/v1/projects/" + boxesId + "/learning", null).get("detector");
    assertEquals(model.toString(), detector.at("/model/path").asText());
    assertEquals(TestDetectors.SIZE, detector.at("/model/width").asInt());
    assertEquals("[\"square\",\"other\"]", detector.at("/model/names").toString());
    assertEquals("square", detector.at("/classes/WHEEL").asText());
    assertTrue(detector.get("classes").get("CAR").isNull(), "Car still gets no boxes: " + detector);
    assertEquals("By name: no class of the model, no boxes", byName("BUS"), "no bus class in the team's model");
    Browser.documentScreen(driver, "settings-detection");
  }

  @Test
  @Order(6)
  void theColumnsScreenOverridesInferredTypesAndRefusesATypeTheStoredValuesBreak() throws Exception {
    tableId = server.api("POST", "/api/v1/projects", Map.of("title", "Wine batches", "inputType", "TABULAR",
        "jsonInterface", E2eServer.JSON.readTree(COLOUR))).get("id").asText();
    StringBuilder csv = new StringBuilder("id,batch,sulphates,region,organic,bottled,notes\n");
    String[] regions = {"Douro", "Minho", "Dão"};
    for (int i = 0; i < 12; i++) {
      csv.append("w").append(i).append(',').append(101 + i % 4).append(',').append(String.format(java.util.Locale.ROOT, "%.2f", 0.4 + i * 0.03)).append(',')
          .append(regions[i % 3]).append(',').append(i % 2 == 0 ? "yes" : "no").append(",2024-03-").append(10 + i)
          .append(",\"notes on wine ").append(i).append(", fresh and clean\"\n");
    }
    server.post("/api/v1/projects/" + tableId + "/assets?format=csv", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
    go("/p/" + tableId);
    visible("#dash-settings-schema").click();
    assertEquals("NUMERIC", selected("batch", "schema-type"), "batch codes look like numbers");
    assertTrue(visible("#schema-columns tr[data-column=region] td.values").getText().contains("Douro"), "the stored rows' values are shown");

    select("region", "schema-type", "NUMERIC");
    driver.findElement(By.id("save-schema")).click();
    String refused = visible("#schema-status .error-box").getText();
    assertTrue(refused.contains("column 'region' is numeric and expects a number"), refused);
    assertEquals("CATEGORICAL", column("region").get("type").asText(), "nothing written");

    select("region", "schema-type", "CATEGORICAL");
    select("batch", "schema-type", "CATEGORICAL");
    select("notes", "schema-role", "IGNORE");
    assertEquals(2, driver.findElements(By.cssSelector("#schema-columns tr.changed")).size());
    driver.findElement(By.id("save-schema")).click();
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("schema-status"), "Saved: batch, notes"));
    assertEquals("CATEGORICAL", column("batch").get("type").asText());
    assertEquals("IGNORE", column("notes").get("role").asText());
    assertEquals("CATEGORICAL", selected("batch", "schema-type"));
    Browser.documentScreen(driver, "settings-schema");
  }

  @Test
  @Order(7)
  void theDashboardLinksEverySettingsScreenOfItsProject() {
    go("/p/" + tableId);
    visible("#dash-settings-schema");
    List<String> links = driver.findElements(By.cssSelector("#dashboard-settings a")).stream().map(WebElement::getText).toList();
    assertEquals(List.of("Learning", "Quality", "Columns", "Project", "Your password"), links);
    go("/p/" + boxesId);
    visible("#dash-settings-detection");
    links = driver.findElements(By.cssSelector("#dashboard-settings a")).stream().map(WebElement::getText).toList();
    assertEquals(List.of("Learning", "Quality", "Boxes & detector", "Project", "Your password"), links);
    visible("#dash-settings-quality").click();
    visible("#consensus-labelers");
    visible("#settings-password").click();
    visible("#panel-account #current-password");
  }

  private static String byName(String category) {
    return visible("#detection-categories tr[data-category=" + category + "] .det-class")
        .findElement(By.cssSelector("option[value=by-name]")).getText();
  }

  private static String selected(String column, String cls) {
    return new Select(visible("#schema-columns tr[data-column=" + column + "] ." + cls)).getFirstSelectedOption().getAttribute("value");
  }

  @Test
  @Order(8)
  void theUsersScreenCreatesDeactivatesReactivatesAndSetsAPassword() throws Exception {
    visible("#users-link").click();
    visible("#user-email").sendKeys("leaver@example.org");
    visible("#user-password").sendKeys("first password 1");
    visible("#new-user-form button[type=submit]").click();
    String row = "#users-table tr[data-email='leaver@example.org']";
    visible(row);
    visible("#users-find").sendKeys("LEAVER");
    wait.until(d -> ((Number) js("return [...document.querySelectorAll('#users-table tbody tr')].filter(r => !r.hidden).length")).intValue() == 1);
    js("const f = document.getElementById('users-find'); f.value = ''; f.dispatchEvent(new Event('input'));");
    js("window.confirm = () => true;");
    visible(row + " button.danger").click();
    wait.until(d -> rowText(row).contains("deactivated"));
    Browser.documentScreen(driver, "users");
    String refused = login("leaver@example.org", "first password 1");
    assertTrue(refused.startsWith("401") && refused.contains("deactivated"), refused);

    visible(row + " button.secondary:last-child").click(); // Reactivate
    wait.until(d -> rowText(row).contains("active") && !rowText(row).contains("deactivated"));
    visible(row + " button.secondary").click(); // Set password
    visible(row + " .password-reset input").sendKeys("short", Keys.ENTER);
    wait.until(d -> d.findElement(By.id("toast")).getText().contains("Could not change leaver@example.org"));
    visible(row + " .password-reset input").clear(); // the form stays for another try
    visible(row + " .password-reset input").sendKeys("second password 2", Keys.ENTER);
    wait.until(d -> d.findElement(By.id("toast")).getText().contains("New password set for leaver@example.org"));
    assertTrue(login("leaver@example.org", "second password 2").startsWith("200"));
  }

  @Test
  @Order(9)
  void aProjectIsDeletedOnlyOnceItsTitleIsTyped() throws Exception {
    String project = server.api("POST", "/api/v1/projects", Map.of("title", "Trial run", "inputType", "TEXT",
        "jsonInterface", E2eServer.JSON.readTree(COLOUR))).get("id").asText();
    go("/p/" + project + "/settings/project");
    WebElement delete = visible("#delete-project");
    assertTrue(!delete.isEnabled(), "nothing to press before the title is typed");
    visible("#delete-confirm").sendKeys("Trial");
    assertTrue(!delete.isEnabled(), "a part of the title is not enough");
    visible("#delete-confirm").sendKeys(" run");
    delete.click();
    visible("#new-project");
    wait.until(d -> d.findElement(By.id("toast")).getText().contains("Deleted “Trial run”"));
    assertTrue(driver.findElements(By.xpath("//a[text()='Trial run']")).isEmpty(), "gone from the project list");
  }

  @Test
  @Order(10)
  void theProjectListFindsAProjectAndOffersNewProjectToWhoeverMayCreateOne() throws Exception {
    for (String title : new String[] {"Invoices 2025", "Invoices 2026", "Support tickets", "Street signs", "Bird songs", "Contracts"}) {
      server.api("POST", "/api/v1/projects", Map.of("title", title, "inputType", "TEXT", "jsonInterface", E2eServer.JSON.readTree(COLOUR)));
    }
    go("/");
    visible("#project-find").sendKeys("invoices 2026");
    wait.until(d -> d.findElements(By.cssSelector("#project-list .project-card")).size() == 1);
    assertEquals("Invoices 2026", visible("#project-list .project-card h2").getText());
    visible("#project-find").sendKeys(" nothing");
    wait.until(d -> d.findElement(By.id("project-list")).getText().startsWith("No project matches"));

    String creator = server.api("POST", "/api/v1/users", Map.of("email", "creator@example.org", "password", "creator password 1"))
        .get("id").asText();
    server.api("PATCH", "/api/v1/users/" + creator, Map.of("canCreateProjects", true));
    visible("#logout").click();
    visible("#email").sendKeys("creator@example.org");
    visible("#password").sendKeys("creator password 1", Keys.ENTER);
    visible("#new-project"); // not an administrator, but allowed to create projects
    assertTrue(visible("#app").getText().contains("Create your first project"), visible("#app").getText());
    server.api("PATCH", "/api/v1/users/" + creator, Map.of("canCreateProjects", false));
    go("/");
    wait.until(d -> d.findElement(By.id("app")).getText().contains("Ask an administrator to add you to a project."));
    assertTrue(driver.findElements(By.id("new-project")).isEmpty(), "no button for what the server would refuse");
    visible("#logout").click();
    visible("#email").sendKeys("settings@example.org");
    visible("#password").sendKeys("correct horse battery", Keys.ENTER);
    visible("#new-project");
  }

  /** The row's text, read in one step: the table is drawn again after each change. */
  private static String rowText(String css) {
    return (String) js("const r = document.querySelector(arguments[0]); return r ? r.textContent : '';", css);
  }

  /** "status body" of a login through the API. */
  private static String login(String email, String password) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + "/api/v1/auth/login"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
            "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}")).build();
    var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    return response.statusCode() + " " + response.body();
  }

  private static void select(String column, String cls, String value) {
    new Select(visible("#schema-columns tr[data-column=" + column + "] ." + cls)).selectByValue(value);
  }

  private static JsonNode column(String name) {
    for (JsonNode c : server.api("GET", "/api/v1/projects/" + tableId + "/schema", null).path("columns")) {
      if (c.path("name").asText().equals(name)) return c;
    }
    throw new AssertionError("no column " + name);
  }
}
