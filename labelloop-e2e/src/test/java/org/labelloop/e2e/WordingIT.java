package org.labelloop.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The small words of issue 15's defect 8 that are a screen matter: task names, articles, cut texts, what review says. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WordingIT extends BrowserFlow {
  private static final String LONG = "Customers keep asking whether the refund arrives before the weekend, and whether "
      + "the courier can leave the parcel with a neighbour when nobody answers the door";

  private static String textId;

  @Test
  @Order(1)
  void logsIn() {
    logInAsNewAdmin("words@example.org", "Word Smith", "correct horse battery");
  }

  @Test
  @Order(2)
  void projectCardsNameTheirTasksInWords() throws Exception {
    server.api("POST", "/api/v1/projects", Map.of("title", "Street boxes", "inputType", "IMAGE", "jsonInterface", E2eServer.JSON.readTree("""
        {"jobs": {"JOB_0": {"mlTask": "OBJECT_DETECTION", "instruction": "Objects", "required": false,
          "content": {"categories": {"CAR": {"name": "Car"}}}}}}""")));
    textId = server.api("POST", "/api/v1/projects", Map.of("title", "Support mail", "inputType", "TEXT", "jsonInterface", E2eServer.JSON.readTree("""
        {"jobs": {"JOB_0": {"mlTask": "CLASSIFICATION", "instruction": "Topic", "required": true, "content": {"input": "radio",
          "categories": {"REFUND": {"name": "Refund"}, "DELIVERY": {"name": "Delivery"}}}}}}"""))).get("id").asText();
    go("/");
    wait.until(d -> d.findElements(By.cssSelector(".project-card")).size() == 2);
    String cards = driver.findElement(By.id("app")).getText();
    assertTrue(cards.contains("object detection") && cards.contains("classification"), cards);
    assertFalse(cards.contains("OBJECT_DETECTION") || cards.contains("object_detection"), cards);
  }

  @Test
  @Order(3)
  void exportOffersAnInferenceLabelWithItsArticle() {
    go("/p/" + textId + "/export");
    List<String> options = visible("#export-label-type").findElements(By.tagName("option")).stream().map(WebElement::getText).toList();
    assertTrue(options.contains("assets with an INFERENCE label") && options.contains("assets with a REVIEW label"), options.toString());
  }

  @Test
  @Order(4)
  void theReviewListCutsLongTextsAtAWordAndSaysWhyAnAssetHasNoModelAnswer() {
    server.api("POST", "/api/v1/projects/" + textId + "/assets", List.of(Map.of("externalId", "m1", "content", LONG)));
    server.api("POST", "/api/v1/projects/" + textId + "/labels", Map.of("assetExternalId", "m1",
        "jsonResponse", Map.of("JOB_0", Map.of("categories", List.of(Map.of("name", "DELIVERY"))))));
    go("/p/" + textId + "/review");
    String shown = visible(".asset-list li .snippet").getText();
    assertTrue(shown.endsWith("…") && shown.length() <= 81, shown);
    String kept = shown.substring(0, shown.length() - 1);
    assertTrue(LONG.startsWith(kept) && LONG.charAt(kept.length()) == ' ', "cut at a word: " + shown);
    String model = visible("#review-model").getText();
    assertTrue(model.startsWith("none for this asset"), model);
    assertFalse(model.contains("no prediction yet"), model);
  }
}
