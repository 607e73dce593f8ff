package org.labelloop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Labeling images and audio in a real headless Chromium: an IMAGE project with a classification job and an
 * object-detection job (boxes drawn with the mouse, relabelled and removed with the keyboard, a model's boxes shown as
 * the model's and accepted, a reviewer's correction), and an AUDIO project (the player, the play/pause shortcut, a class submitted). Every answer
 * is checked through the API afterwards. The steps share one server and one browser and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MediaLabelingIT extends BrowserFlow {
  private static final String EMAIL = "media@example.org";
  private static final String PASSWORD = "correct horse battery";
  /** How far a stored coordinate may be from the drag's, as a share of the image (about 3 px at the shown size). */
  private static final double TOLERANCE = 0.005;

  private static String imageProject;

  @BeforeAll
  static void createLabeler() {
    if (server != null) {
      server.api("POST", "/api/v1/users", Map.of("email", EMAIL, "name", "Media Labeler", "password", PASSWORD, "admin", true));
    }
  }

  /** Presses P with the player's play() rejecting with {@code errorName}; returns the error toast's text, or "none". */
  private static String afterRejectedPlay(WebElement audio, String errorName) {
    return (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
        "const audio = arguments[0], name = arguments[1], done = arguments[arguments.length - 1];"
        + "audio.play = () => Promise.reject(new DOMException('stubbed', name));"
        + "document.dispatchEvent(new KeyboardEvent('keydown', {key: 'p', bubbles: true}));"
        + "setTimeout(() => { const t = document.getElementById('toast');"
        + " done(t && !t.hidden && t.classList.contains('error') ? t.textContent : 'none'); }, 200);", audio, errorName);
  }

  @Test
  @Order(1)
  void logsIn() {
    driver.get(server.baseUrl() + "/");
    visible("#email").sendKeys(EMAIL);
    visible("input[type=password]").sendKeys(PASSWORD, Keys.ENTER);
    visible("#new-project");
  }

  @Test
  @Order(2)
  void picksAClassWithTheKeyboardAndDrawsBoxesWithTheMouse() {
    imageProject = server.api("POST", "/api/v1/projects", """
        {"title": "Street scenes e2e", "inputType": "IMAGE", "jsonInterface": {"jobs": {
          "JOB_0": {"mlTask": "CLASSIFICATION", "instruction": "Where", "required": 1, "content": {"input": "radio",
            "categories": {"INDOOR": {"name": "Indoor"}, "OUTDOOR": {"name": "Outdoor"}}}},
          "JOB_1": {"mlTask": "OBJECT_DETECTION", "instruction": "Objects", "required": 0, "content": {
            "categories": {"CAR": {"name": "Car", "color": "#e15759"}, "PERSON": {"name": "Person", "color": "#4e79a7"}}}}}}}
        """).get("id").asText();
    Map<String, byte[]> images = new LinkedHashMap<>();
    images.put("street-1.png", MediaFiles.png(320, 200, new Color(0xcfe3f5)));
    images.put("street-2.png", MediaFiles.png(320, 200, new Color(0xf5e6cf)));
    images.put("street-3.png", MediaFiles.png(200, 200, new Color(0xdff5cf)));
    assertEquals(3, server.post("/api/v1/projects/" + imageProject + "/assets", "application/zip", MediaFiles.zip(images)).get("imported").asInt());
    prioritize(imageProject, Map.of("street-1.png", 30, "street-2.png", 20, "street-3.png", 10));
    server.api("POST", "/api/v1/projects/" + imageProject + "/labels", Map.of(
        "assetId", assetId(imageProject, "street-3.png"), "labelType", "PREDICTION", "modelVersion", "boxes-e2e-1",
        "jsonResponse", Map.of("JOB_1", Map.of("annotations", List.of(box("PERSON", 88, 0.1, 0.2, 0.3, 0.7))))));

    go("/p/" + imageProject + "/label");
    visible("#label-card[data-external-id='street-1.png']");
    waitForImage(320, 200);
    double shownRatio = ((Number) js("const r = document.getElementById('box-overlay').getBoundingClientRect(); return r.width / r.height;")).doubleValue();
    assertEquals(1.6, shownRatio, 0.02, "the overlay covers the image with its aspect ratio");
    assertTrue(((Number) js("return document.getElementById('asset-image').getBoundingClientRect().width;")).doubleValue() > 320,
        "a small image is scaled up to fit the screen");

    keys("2");  // the highlighted job is the classification: Outdoor
    visible("button.cat.on[data-job=JOB_0][data-category=OUTDOOR]");
    keys(Keys.TAB, "1");  // the boxes job, category Car
    visible("button.cat.on[data-job=JOB_1][data-category=CAR]");
    drag(0.2, 0.25, 0.6, 0.75);
    WebElement car = visible("#box-overlay g.box-item[data-category=CAR]");
    assertEquals("Car", car.findElement(By.cssSelector("text")).getText());
    keys("2");  // the next box is a Person
    drag(0.9, 0.1, 0.65, 0.4);  // dragged from right to left: still one rectangle
    visible("#box-overlay g.box-item[data-category=PERSON]");
    assertEquals(0, driver.findElements(By.cssSelector("g.box-item.from-model")).size());
    Browser.screenshot(driver, "media-01-image-boxes");
    keys("?");
    String help = visible("#help-overlay").getText();
    assertTrue(help.contains("drag on the image") && help.contains("Click a box"), help);
    assertFalse(help.contains("select text"), help);
    Browser.screenshot(driver, "media-02-image-help");
    keys(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("help-overlay")));
    keys(Keys.ENTER);
    visible("#label-card[data-external-id='street-2.png']");

    JsonNode label = humanLabel(imageProject, "street-1.png");
    assertEquals("OUTDOOR", label.at("/JOB_0/categories/0/name").asText(), label.toString());
    JsonNode boxes = label.at("/JOB_1/annotations");
    assertEquals(2, boxes.size(), boxes.toString());
    assertBox(boxes.get(0), "CAR", 0.2, 0.25, 0.6, 0.75);
    assertBox(boxes.get(1), "PERSON", 0.65, 0.1, 0.9, 0.4);
  }

  @Test
  @Order(3)
  void selectsRelabelsAndDeletesBoxesWithTheKeyboard() {
    waitForImage(320, 200);
    keys("1", Keys.TAB);  // Indoor, then the boxes job (Car again: each asset starts from the first category)
    visible("button.cat.on[data-job=JOB_1][data-category=CAR]");
    drag(0.1, 0.1, 0.4, 0.4);
    drag(0.5, 0.5, 0.9, 0.9);
    wait.until(d -> d.findElements(By.cssSelector("g.box-item[data-category=CAR]")).size() == 2);
    clickAt(0.25, 0.25);
    assertEquals(0.1, Double.parseDouble(visible("g.box-item.selected").getAttribute("data-x0")), TOLERANCE);
    assertTrue(visible("#box-tools").getText().contains("Car"));
    keys(Keys.BACK_SPACE);  // removes the selected box; it does not go back to the previous asset
    wait.until(d -> d.findElements(By.cssSelector("g.box-item")).size() == 1);
    assertEquals("street-2.png", driver.findElement(By.id("label-card")).getAttribute("data-external-id"));
    clickAt(0.7, 0.7);
    visible("g.box-item.selected");
    keys(Keys.ESCAPE);
    wait.until(d -> d.findElements(By.cssSelector("g.box-item.selected")).isEmpty());
    clickAt(0.7, 0.7);
    keys("2");  // relabels the selected box as Person
    visible("g.box-item[data-category=PERSON]");
    int[] from = onImage(0.05, 0.05);
    int[] to = onImage(0.3, 0.3);
    new Actions(driver).moveToLocation(from[0], from[1]).clickAndHold().moveToLocation(to[0], to[1])
        .sendKeys(Keys.ESCAPE).release().perform();  // Esc while dragging drops the box being drawn
    assertEquals(1, driver.findElements(By.cssSelector("g.box-item")).size());
    drag(0.05, 0.6, 0.3, 0.95);
    clickAt(0.2, 0.8);
    visible("#remove-box").click();
    wait.until(d -> d.findElements(By.cssSelector("g.box-item")).size() == 1);
    Browser.screenshot(driver, "media-03-image-relabelled");

    keys("+"); // zooms in around the centre; a box drawn there keeps the image's own coordinates
    assertEquals("1.50", visible("#image-viewport").getAttribute("data-zoom"));
    drag(0.3, 0.3, 0.45, 0.45);
    WebElement zoomedBox = wait.until(d -> d.findElements(By.cssSelector("g.box-item")).size() == 2
        ? d.findElements(By.cssSelector("g.box-item")).get(1) : null);
    assertEquals(0.3, Double.parseDouble(zoomedBox.getAttribute("data-x0")), TOLERANCE);
    assertEquals(0.45, Double.parseDouble(zoomedBox.getAttribute("data-y1")), TOLERANCE);
    Browser.screenshot(driver, "media-03b-image-zoomed");
    double left = overlayLeft();
    int[] at = onImage(0.4, 0.4);
    new Actions(driver).keyDown(Keys.SHIFT).moveToLocation(at[0], at[1]).clickAndHold().moveToLocation(at[0] + 40, at[1])
        .release().keyUp(Keys.SHIFT).perform(); // Shift+drag pans instead of drawing
    assertEquals(left + 40, overlayLeft(), 2);
    assertEquals(2, driver.findElements(By.cssSelector("g.box-item")).size());
    clickAt(0.35, 0.35);
    keys(Keys.DELETE);
    wait.until(d -> d.findElements(By.cssSelector("g.box-item")).size() == 1);
    keys("z");
    assertEquals("1.00", visible("#image-viewport").getAttribute("data-zoom"));
    keys(Keys.ENTER);
    visible("#label-card[data-external-id='street-3.png']");

    JsonNode label = humanLabel(imageProject, "street-2.png");
    assertEquals("INDOOR", label.at("/JOB_0/categories/0/name").asText(), label.toString());
    JsonNode boxes = label.at("/JOB_1/annotations");
    assertEquals(1, boxes.size(), boxes.toString());
    assertBox(boxes.get(0), "PERSON", 0.5, 0.5, 0.9, 0.9);
  }

  @Test
  @Order(4)
  void showsTheModelsBoxAsTheModelsAndAcceptsIt() {
    waitForImage(200, 200);
    WebElement modelBox = visible("g.box-item.from-model[data-category=PERSON]");
    assertEquals("Person · 88 %", modelBox.findElement(By.cssSelector("text")).getText());
    assertEquals("7 4", js("return getComputedStyle(arguments[0]).strokeDasharray.replace(/px|,/g, '');",
        modelBox.findElement(By.cssSelector("rect"))).toString().trim(), "a model's box is dashed");
    @SuppressWarnings("unchecked")
    List<Number> shown = (List<Number>) js("const s = document.getElementById('box-overlay').getBoundingClientRect();"
        + "const r = arguments[0].getBoundingClientRect();"
        + "return [(r.left - s.left) / s.width, (r.top - s.top) / s.height, (r.right - s.left) / s.width, (r.bottom - s.top) / s.height];",
        modelBox.findElement(By.cssSelector("rect")));
    assertEquals(0.1, shown.get(0).doubleValue(), 0.01);
    assertEquals(0.2, shown.get(1).doubleValue(), 0.01);
    assertEquals(0.3, shown.get(2).doubleValue(), 0.01);
    assertEquals(0.7, shown.get(3).doubleValue(), 0.01);
    String banner = visible("#model-banner").getText();
    assertTrue(banner.contains("boxes-e2e-1") && banner.contains("88") && banner.contains("1 suggestion"), banner);
    visible("#accept-model");
    Browser.screenshot(driver, "media-04-image-model-box");
    keys("1", "a");  // the required class, then accept the model's box and submit
    visible("#queue-empty");

    JsonNode label = humanLabel(imageProject, "street-3.png");
    assertEquals("INDOOR", label.at("/JOB_0/categories/0/name").asText(), label.toString());
    JsonNode boxes = label.at("/JOB_1/annotations");
    assertEquals(1, boxes.size(), boxes.toString());
    assertBox(boxes.get(0), "PERSON", 0.1, 0.2, 0.3, 0.7);
    assertFalse(boxes.get(0).at("/categories/0").has("confidence"), "the human label does not carry the model's confidence");
  }

  @Test
  @Order(5)
  void reviewerSeesTheBoxesOnTheImageAndCorrectsThem() {
    server.api("PATCH", "/api/v1/projects/" + imageProject + "/assets", Map.of("externalIds", List.of("street-1.png"), "status", "TO_REVIEW"));
    go("/p/" + imageProject + "/review");
    WebElement item = visible("#review-list li[data-external-id='street-1.png'] button");
    assertEquals("street-1.png", item.getText().trim(), "the list names an image by its external id, not its storage key");
    item.click();
    wait.until(d -> d.findElement(By.id("review-labeler")).getText().contains("Objects: 2 boxes: Car, Person"));
    waitForImage(320, 200);
    wait.until(d -> d.findElements(By.cssSelector("g.box-item")).size() == 2);
    assertEquals(0, driver.findElements(By.cssSelector("g.box-item.from-model")).size());
    clickAt(0.8, 0.2);  // the Person box
    visible("g.box-item.selected[data-category=PERSON]");
    keys(Keys.DELETE);
    wait.until(d -> d.findElements(By.cssSelector("g.box-item")).size() == 1);
    Browser.screenshot(driver, "media-05-review-image");
    keys(Keys.ENTER);  // saves the correction
    wait.until(d -> server.api("GET", "/api/v1/projects/" + imageProject + "/labels?type=REVIEW", null).get("items").size() == 1);
    JsonNode boxes = server.api("GET", "/api/v1/projects/" + imageProject + "/labels?type=REVIEW", null).at("/items/0/jsonResponse/JOB_1/annotations");
    assertEquals(1, boxes.size(), boxes.toString());
    assertBox(boxes.get(0), "CAR", 0.2, 0.25, 0.6, 0.75);
  }

  @Test
  @Order(6)
  void playsAudioWithTheShortcutAndSubmitsAClass() {
    String audioProject = radioProject("Sounds e2e", "AUDIO", "SPEECH", "Speech", "MUSIC", "Music", "TONE", "Tone");
    server.post("/api/v1/projects/" + audioProject + "/assets", "application/zip",
        MediaFiles.zip(Map.of("beep.wav", MediaFiles.wav(2.0, 8000, 440))));
    go("/p/" + audioProject + "/label");
    visible("#label-card[data-external-id='beep.wav']");
    WebElement audio = visible("audio#asset-audio[controls]");
    wait.until(d -> ((Number) js("return arguments[0].readyState;", audio)).intValue() >= 1);
    assertEquals(2.0, ((Number) js("return arguments[0].duration;", audio)).doubleValue(), 0.01, "the player has the WAV's length");
    assertEquals("2.00 s ·", visible("#asset-audio-length").getText(), "and says it");
    assertEquals(Boolean.TRUE, js("return arguments[0].paused;", audio));
    WebElement wave = visible("canvas#asset-waveform");
    assertEquals("2.000", wave.getAttribute("data-seconds"), "the waveform is the whole clip");
    double inked = ((Number) js("const c = arguments[0], d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
        + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++; return n / (c.width * c.height);", wave)).doubleValue();
    assertTrue(inked > 0.8, "a steady tone at a quarter of full scale, scaled to its loudest sample, fills the waveform: " + inked);
    new Actions(driver).moveToElement(wave).click().perform(); // the middle of the clip
    assertEquals(1.0, ((Number) js("return arguments[0].currentTime;", audio)).doubleValue(), 0.05, "a click plays from there");

    keys("p");
    wait.until(d -> Boolean.FALSE.equals(js("return arguments[0].paused;", audio)));
    keys("p");
    wait.until(d -> Boolean.TRUE.equals(js("return arguments[0].paused;", audio)));
    // A pause that lands before playback starts makes play() reject with AbortError: not an error to show. Any other
    // rejection (here a refused autoplay) is. The player's play() is stubbed to reject so both cases are certain.
    assertEquals("none", afterRejectedPlay(audio, "AbortError"), "no error toast when a pause interrupts play()");
    assertTrue(afterRejectedPlay(audio, "NotAllowedError").contains("The audio cannot play"));
    js("delete arguments[0].play; document.querySelector('#toast button').click();", audio);
    // Typing a "p" into a field is text, not the shortcut.
    js("const i = document.createElement('input'); i.id = 'typing-probe'; document.getElementById('label-card').append(i); i.focus();");
    driver.findElement(By.id("typing-probe")).sendKeys("play");
    assertEquals("play", driver.findElement(By.id("typing-probe")).getAttribute("value"));
    assertEquals(Boolean.TRUE, js("return arguments[0].paused;", audio), "a P typed into a field does not play");
    js("document.getElementById('typing-probe').remove();");

    keys("?");
    String help = visible("#help-overlay").getText();
    assertTrue(help.contains("play or pause the audio"), help);
    keys(Keys.ESCAPE);
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("help-overlay")));
    keys("3");
    visible("button.cat.on[data-category=TONE]");
    Browser.screenshot(driver, "media-06-audio");
    keys(Keys.ENTER);
    visible("#queue-empty");
    assertEquals("TONE", humanLabel(audioProject, "beep.wav").at("/JOB_0/categories/0/name").asText());
  }

  @Test
  @Order(7)
  void theExportScreenDownloadsTheBoxesAsCoco() throws Exception {
    go("/p/" + imageProject + "/export");
    Select format = new Select(visible("#export-format"));
    List<String> offered = format.getOptions().stream().map(o -> o.getAttribute("value")).toList();
    assertTrue(offered.containsAll(List.of("jsonl", "csv", "labelstudio", "coco", "yolo", "voc")), offered.toString());
    assertFalse(offered.contains("conll") || offered.contains("prodigy"), "no text formats for an image project: " + offered);
    format.selectByValue("coco");
    Browser.screenshot(driver, "media-07-export-coco");
    driver.findElement(By.id("export-download")).click();
    String name = "project-" + imageProject + ".json";
    Path file = wait.until(d -> Files.isRegularFile(Browser.DOWNLOADS.resolve(name)) ? Browser.DOWNLOADS.resolve(name) : null);
    JsonNode coco = wait.until(d -> {
      try {
        return E2eServer.JSON.readTree(Files.readString(file));
      } catch (IOException stillWriting) {
        return null;
      }
    });
    assertEquals(List.of("Car", "Person"), coco.get("categories").findValuesAsText("name"), coco.toString());
    assertFalse(coco.get("annotations").isEmpty(), coco.toString());
    coco.get("annotations").forEach(a -> assertEquals(4, a.get("bbox").size(), a.toString()));
  }

  @Test
  @Order(8)
  void theImportScreenTakesACocoZipWithItsBoxes() throws IOException {
    String project = server.api("POST", "/api/v1/projects", """
        {"title": "Boxes import e2e", "inputType": "IMAGE", "jsonInterface": {"jobs": {
          "JOB_0": {"mlTask": "OBJECT_DETECTION", "instruction": "Objects", "required": 1, "content": {
            "categories": {"CAR": {"name": "Car"}, "PERSON": {"name": "Person"}}}}}}}
        """).get("id").asText();
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("cars-1.png", MediaFiles.png(320, 200, new Color(0xcfe3f5)));
    entries.put("cars-2.png", MediaFiles.png(320, 200, new Color(0xf5e6cf)));
    entries.put("instances.json", """
        {"images": [{"id": 1, "file_name": "cars-1.png", "width": 320, "height": 200}],
         "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [32, 20, 96, 60]}],
         "categories": [{"id": 1, "name": "Car"}]}
        """.getBytes(StandardCharsets.UTF_8));
    Path zip = Files.write(Files.createTempFile("coco-", ".zip"), MediaFiles.zip(entries));

    go("/p/" + project + "/import");
    Select format = new Select(visible("#import-format"));
    format.selectByValue("coco");
    assertTrue(visible("#import-file").getAttribute("accept").contains(".zip"), "the file dialog shows zips");
    visible("#import-file").sendKeys(zip.toString());
    assertEquals(0, driver.findElements(By.cssSelector("#column-picker select")).size(), "a zip has no columns to pick");
    assertTrue(driver.findElements(By.id("import-update")).stream().noneMatch(WebElement::isDisplayed),
        "a zip's files are never updated in place, so the option is not offered");
    Browser.screenshot(driver, "media-08-import-coco");
    visible("#import-submit").click();
    wait.until(d -> d.findElement(By.cssSelector(".import-summary")).getText().startsWith("2 imported"));
    assertBox(humanLabel(project, "cars-1.png").at("/JOB_0/annotations/0"), "CAR", 0.1, 0.1, 0.4, 0.4);
  }

  @Test
  @Order(9)
  void categoriesNamedByDigitsKeepTheirDigitsAsKeys() {
    String project = radioProject("Spoken digits e2e", "AUDIO", java.util.stream.IntStream.range(0, 10)
        .boxed().flatMap(d -> java.util.stream.Stream.of("D" + d, Integer.toString(d))).toArray(String[]::new));
    server.post("/api/v1/projects/" + project + "/assets", "application/zip",
        MediaFiles.zip(Map.of("three.wav", MediaFiles.wav(0.5, 8000, 440))));
    go("/p/" + project + "/label");
    visible("#label-card[data-external-id='three.wav']");
    wait.until(d -> d.findElement(By.id("asset-audio-length")).getText().equals("0.50 s ·")); // the player's clock reads 0:00
    assertEquals("0", visible("button.cat[data-category=D0] kbd").getText(), "the category named 0 has the key 0, not 1");
    keys(Keys.ENTER);
    wait.until(d -> d.findElement(By.id("label-status")).getText().contains("press 0–9")); // the keys as they are
    keys("3");
    visible("button.cat.on[data-category=D3]");
    keys(Keys.ENTER);
    visible("#queue-empty");
    assertEquals("D3", humanLabel(project, "three.wav").at("/JOB_0/categories/0/name").asText());
  }

  @Test
  @Order(10)
  void theImportScreenLabelsAZipByItsClassFoldersWhenAsked() throws IOException {
    String project = radioProject("Class folders e2e", "IMAGE", "ANTS", "ants", "BEES", "bees");
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("train/ants/1.png", MediaFiles.png(64, 48, new Color(0x8a5a2b)));
    entries.put("train/bees/2.png", MediaFiles.png(64, 48, new Color(0xf2c12e)));
    Path zip = Files.write(Files.createTempFile("classes-", ".zip"), MediaFiles.zip(entries));
    go("/p/" + project + "/import");
    visible("#import-file").sendKeys(zip.toString());
    visible("#import-folders").click();
    visible("#import-submit").click();
    wait.until(d -> d.findElement(By.cssSelector(".import-summary")).getText().startsWith("2 imported"));
    assertEquals("BEES", humanLabel(project, "train/bees/2.png").at("/JOB_0/categories/0/name").asText());
  }

  private static Map<String, Object> box(String category, int confidence, double x0, double y0, double x1, double y1) {
    return Map.of("categories", List.of(Map.of("name", category, "confidence", confidence)), "type", "rectangle",
        "boundingPoly", List.of(Map.of("normalizedVertices", List.of(
            Map.of("x", x0, "y", y1), Map.of("x", x0, "y", y0), Map.of("x", x1, "y", y0), Map.of("x", x1, "y", y1)))));
  }

  private static void prioritize(String project, Map<String, Integer> priorities) {
    priorities.forEach((externalId, priority) -> server.api("PATCH", "/api/v1/projects/" + project + "/assets",
        Map.of("externalIds", List.of(externalId), "priority", priority)));
  }

  private static String assetId(String project, String externalId) {
    return server.api("GET", "/api/v1/projects/" + project + "/assets?externalId=" + externalId, null).at("/items/0/id").asText();
  }

  /** The jsonResponse of the one human (DEFAULT) label of an asset. */
  /** A project with one required single-choice job JOB_0 over the categories given as id, name, id, name...; its id. */
  private static String radioProject(String title, String inputType, String... idsAndNames) {
    Map<String, Object> categories = new LinkedHashMap<>();
    for (int i = 0; i < idsAndNames.length; i += 2) categories.put(idsAndNames[i], Map.of("name", idsAndNames[i + 1]));
    Map<String, Object> job = Map.of("mlTask", "CLASSIFICATION", "instruction", "Which class", "required", 1,
        "content", Map.of("input", "radio", "categories", categories));
    return server.api("POST", "/api/v1/projects", Map.of("title", title, "inputType", inputType,
        "jsonInterface", Map.of("jobs", Map.of("JOB_0", job)))).get("id").asText();
  }

  private static JsonNode humanLabel(String project, String externalId) {
    JsonNode items = server.api("GET", "/api/v1/projects/" + project + "/labels?type=DEFAULT&assetId=" + assetId(project, externalId), null)
        .get("items");
    assertEquals(1, items.size(), items.toString());
    return items.at("/0/jsonResponse");
  }

  /** A stored box has the category and a rectangle's four normalized vertices spanning [x0, x1] × [y0, y1]. */
  private static void assertBox(JsonNode annotation, String category, double x0, double y0, double x1, double y1) {
    assertEquals(category, annotation.at("/categories/0/name").asText(), annotation.toString());
    JsonNode vertices = annotation.at("/boundingPoly/0/normalizedVertices");
    assertEquals(4, vertices.size(), annotation.toString());
    double minX = 1, minY = 1, maxX = 0, maxY = 0;
    for (JsonNode v : vertices) {
      minX = Math.min(minX, v.get("x").asDouble());
      minY = Math.min(minY, v.get("y").asDouble());
      maxX = Math.max(maxX, v.get("x").asDouble());
      maxY = Math.max(maxY, v.get("y").asDouble());
    }
    assertEquals(x0, minX, TOLERANCE, "x0 of " + annotation);
    assertEquals(y0, minY, TOLERANCE, "y0 of " + annotation);
    assertEquals(x1, maxX, TOLERANCE, "x1 of " + annotation);
    assertEquals(y1, maxY, TOLERANCE, "y1 of " + annotation);
  }

  /** Waits until the asset's image has loaded from the API, with the size it was generated with. */
  private static void waitForImage(int width, int height) {
    visible("#asset-image");
    wait.until(d -> Boolean.TRUE.equals(js("const i = document.getElementById('asset-image');"
        + "return i.complete && i.naturalWidth === arguments[0] && i.naturalHeight === arguments[1]"
        + " && document.getElementById('image-stage').classList.contains('loaded');", width, height)));
  }

  /** The viewport position of a point given in normalized image coordinates (the image is scrolled into view first). */
  private static int[] onImage(double x, double y) {
    @SuppressWarnings("unchecked")
    List<Number> r = (List<Number>) js("const o = document.getElementById('box-overlay'); o.scrollIntoView({block: 'center'});"
        + "const r = o.getBoundingClientRect(); return [r.left, r.top, r.width, r.height];");
    assertNotNull(r);
    return new int[] {(int) Math.round(r.get(0).doubleValue() + x * r.get(2).doubleValue()),
        (int) Math.round(r.get(1).doubleValue() + y * r.get(3).doubleValue())};
  }

  private static double overlayLeft() {
    return ((Number) js("return document.getElementById('box-overlay').getBoundingClientRect().left;")).doubleValue();
  }

  /** Draws a box with a real mouse drag between two points in normalized image coordinates. */
  private static void drag(double x0, double y0, double x1, double y1) {
    int[] from = onImage(x0, y0);
    int[] to = onImage(x1, y1);
    new Actions(driver).moveToLocation(from[0], from[1]).clickAndHold()
        .moveToLocation((from[0] + to[0]) / 2, (from[1] + to[1]) / 2)
        .moveToLocation(to[0], to[1]).release().perform();
  }

  private static void clickAt(double x, double y) {
    int[] at = onImage(x, y);
    new Actions(driver).moveToLocation(at[0], at[1]).click().perform();
  }
}
