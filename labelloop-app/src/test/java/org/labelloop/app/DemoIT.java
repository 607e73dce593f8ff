package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;

/** {@code serve --demo}: the four demo projects, with the shapes project's images and boxes imported as COCO, the wines typed. */
class DemoIT {
  @Test
  void demoCreatesTextNerShapesAndTableProjectsOnce() throws Exception {
    Path data = Files.createTempDirectory("labelloop-demo-");
    LabelloopApp.Settings settings = new LabelloopApp.Settings("127.0.0.1", 0, data, null, true, false);
    try (LabelloopApp app = LabelloopApp.start(settings, new PrintStream(new ByteArrayOutputStream()))) {
      Api admin = new Api("http://127.0.0.1:" + app.port(), app.adminApiKey());
      Map<String, JsonNode> byTitle = new HashMap<>();
      admin.get("/api/v1/projects").body().path("items").forEach(p -> byTitle.put(p.path("title").asText(), p));
      assertEquals(4, byTitle.size(), byTitle.keySet().toString());
      String wines = byTitle.get(Demo.WINES_TITLE).path("id").asText();
      JsonNode table = admin.get("/api/v1/projects/" + wines).body();
      assertEquals(300, table.path("assetCount").asInt(), table.toString());
      assertEquals(20, table.path("countsByStatus").path("LABELED").asInt(), table.toString());
      JsonNode schema = admin.get("/api/v1/projects/" + wines + "/schema").body();
      assertEquals("NUMERIC,NUMERIC,NUMERIC,CATEGORICAL,BOOLEAN,DATE,CATEGORICAL,CATEGORICAL", String.join(",",
          schema.path("columns").findValuesAsText("type")), schema.toString());
      assertEquals("LABEL", schema.path("columns").get(7).path("role").asText());
      JsonNode shapes = admin.get("/api/v1/projects/" + byTitle.get(Demo.SHAPES_TITLE).path("id").asText()).body();
      assertEquals("IMAGE", shapes.path("inputType").asText());
      assertEquals(24, shapes.path("assetCount").asInt(), shapes.toString());
      assertEquals(8, shapes.path("countsByStatus").path("LABELED").asInt(), shapes.toString());
      String labels = admin.get("/api/v1/projects/" + shapes.path("id").asText() + "/export?format=coco").text();
      JsonNode coco = Api.JSON.readTree(labels);
      assertTrue(coco.path("annotations").size() >= 8, "every labeled picture has at least one box");
      for (JsonNode a : coco.path("annotations")) {
        JsonNode box = a.path("bbox");
        assertTrue(box.get(0).asDouble() >= 0 && box.get(0).asDouble() + box.get(2).asDouble() <= 320.5, a.toString());
        assertTrue(box.get(1).asDouble() >= 0 && box.get(1).asDouble() + box.get(3).asDouble() <= 240.5, a.toString());
      }
    }
    try (LabelloopApp again = LabelloopApp.start(settings, new PrintStream(new ByteArrayOutputStream()))) {
      Api admin = new Api("http://127.0.0.1:" + again.port(), again.adminApiKey());
      assertEquals(4, admin.get("/api/v1/projects").body().path("items").size(), "a restart adds no second demo");
    }
  }
}
