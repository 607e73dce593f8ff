package org.labelloop.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.labelloop.store.testing.TestImages;

/**
 * An image classifier trained in the server, seen on the labeling screen: photos of apples and of blueberries are
 * imported into a server running the media embedder, a dozen are labeled through the API, and the next image opens with
 * the model's suggestion and its confidence (the documentation's {@code image-labeling.png}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageSuggestionIT extends BrowserFlow {
  /** This flow needs the background image encoder, which the other flows' server does not run. */
  @BeforeAll
  static void withTheMediaEmbedder() {
    if (server != null) {
      server.close();
      server = new E2eServer(true);
    }
  }

  /** A 640×420 photo-like picture: a shaded table, then one large apple or a handful of blueberries. */
  private static byte[] photo(boolean apple, Random random) {
    BufferedImage img = new BufferedImage(640, 420, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    int wood = 150 + random.nextInt(60);
    g.setColor(new Color(wood, wood * 3 / 4, wood / 2));
    g.fillRect(0, 0, 640, 420);
    if (apple) {
      int r = 110 + random.nextInt(40), x = 180 + random.nextInt(200), y = 120 + random.nextInt(100);
      g.setColor(new Color(180 + random.nextInt(60), 20 + random.nextInt(40), 30));
      g.fillOval(x - r, y - r, 2 * r, 2 * r);
      g.setColor(new Color(90, 60, 20));
      g.fillRect(x - 4, y - r - 24, 8, 30);
    } else {
      for (int k = 0; k < 12 + random.nextInt(10); k++) {
        int r = 22 + random.nextInt(12);
        g.setColor(new Color(40 + random.nextInt(30), 50 + random.nextInt(30), 110 + random.nextInt(60)));
        g.fillOval(60 + random.nextInt(480), 40 + random.nextInt(300), 2 * r, 2 * r);
      }
    }
    g.dispose();
    return TestImages.encode(img, "jpg");
  }

  @Test
  @Order(1)
  void logsIn() {
    logInAsNewAdmin("photos@example.org", "Photo Labeler", "correct horse battery");
  }

  @Test
  @Order(2)
  void theNextImageOpensWithTheImageModelsSuggestionAndItsConfidence() throws InterruptedException {
    String project = server.api("POST", "/api/v1/projects", """
        {"title": "Fruit photos", "inputType": "IMAGE", "jsonInterface": {"jobs": {
          "JOB_0": {"mlTask": "CLASSIFICATION", "instruction": "Which fruit?", "required": 1, "content": {"input": "radio",
            "categories": {"APPLE": {"name": "Apple"}, "BLUEBERRY": {"name": "Blueberry"}}}}}}}
        """).get("id").asText();
    Random random = new Random(7);
    Map<String, byte[]> photos = new LinkedHashMap<>();
    for (int i = 0; i < 24; i++) photos.put(String.format("fruit-%02d.jpg", i), photo(i % 2 == 0, random));
    assertEquals(24, server.post("/api/v1/projects/" + project + "/assets", "application/zip", MediaFiles.zip(photos)).get("imported").asInt());
    for (int i = 0; i < 12; i++) {
      server.api("POST", "/api/v1/projects/" + project + "/labels", Map.of("assetExternalId", String.format("fruit-%02d.jpg", i),
          "labelType", "DEFAULT", "jsonResponse", Map.of("JOB_0", Map.of("categories", List.of(Map.of("name", i % 2 == 0 ? "APPLE" : "BLUEBERRY"))))));
    }
    JsonNode model = null;
    for (int i = 0; i < 1800 && model == null; i++) {
      Thread.sleep(100);
      model = server.api("GET", "/api/v1/projects/" + project + "/models", null).path("items").path(0);
      if (model.isMissingNode()) model = null;
    }
    assertTrue(model != null, "no image model within 3 minutes");
    assertEquals("image-classification", model.path("card").path("task").asText(), model.toString());

    go("/p/" + project + "/label");
    waitForNewAsset(null);
    String suggested = visible("button.cat.on.from-model").getText();
    assertTrue(suggested.contains("Apple") || suggested.contains("Blueberry"), suggested);
    String banner = visible("#model-banner").getText();
    assertTrue(banner.contains(model.path("modelVersion").asText()) || banner.contains("%"), banner);
    Browser.screenshot(driver, "image-suggestion");
    Browser.documentScreen(driver, "image-labeling");
  }
}
