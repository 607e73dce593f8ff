package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.app.BoxesApiContract.image;
import static org.labelloop.app.MediaApiContract.zip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;

/**
 * The formats people already have, over real HTTP against the real wiring: each file imports with its labels, and
 * import → export → import gives the same labels (Label Studio for text, image boxes and audio; Prodigy; doccano; Kili JSON and
 * CSV through the jsonl and csv exports; Pascal VOC). Subclasses pick the database.
 */
abstract class FormatsContract extends ServerContract {
  static final String TOPIC = """
      "TOPIC": {"mlTask": "CLASSIFICATION", "content": {"input": "radio", "categories": {"SPORT": {"name": "Sport"}, "FOOD": {"name": "Food"}}}}""";
  static final String NER = """
      "NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "content": {"input": "radio", "categories": {"PER": {"name": "Person"}, "ORG": {"name": "Org"}}}}""";
  static final String BOXES = """
      "BOXES": {"mlTask": "OBJECT_DETECTION", "tools": ["rectangle"], "content": {"input": "radio", "categories": {"CAR": {"name": "car"}, "PERSON": {"name": "person"}}}}""";

  /** A Label Studio export of a project of its own: its tag names ("sentiment", "label") are not our job ids. */
  static final String LS_TEXT = """
      [{"id": 101, "data": {"text": "Ann cooked soup for Acme", "source": "blog"},
        "annotations": [{"id": 1, "result": [
          {"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Food"]}},
          {"from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "text": "Ann", "labels": ["Person"]}},
          {"from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 20, "end": 24, "text": "Acme", "labels": ["ORG"]}}]}]},
       {"id": 102, "data": {"text": "A late goal won the match"},
        "annotations": [{"result": [{"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["SPORT"]}}]}]},
       {"id": 103, "data": {"text": "Not labeled yet"}, "annotations": []}]""";

  String project(String inputType, String jobs) {
    Response r = admin.post("/api/v1/projects", "{\"title\": \"formats\", \"inputType\": \"" + inputType + "\", \"jsonInterface\": {\"jobs\": {" + jobs + "}}}");
    assertEquals(201, r.status(), r.text());
    return r.body().path("id").asText();
  }

  Response importFile(String project, String fileName, String content, String format) {
    return admin.upload("/api/v1/projects/" + project + "/assets", fileName, content, Map.of("format", format));
  }

  byte[] export(String project, String format) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(admin.base() + "/api/v1/projects/" + project + "/export?format=" + format))
        .header("Authorization", "Bearer " + app.adminApiKey()).GET().build();
    HttpResponse<byte[]> res = HTTP.send(req, HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
    return res.body();
  }

  /** Each labeled asset's answer by externalId, numbers rounded to 4 decimals (boxes go through pixels and percents). */
  Map<String, JsonNode> answers(String project) {
    Map<String, String> externalIds = new TreeMap<>();
    admin.get("/api/v1/projects/" + project + "/assets?limit=1000").body().path("items")
        .forEach(a -> externalIds.put(a.path("id").asText(), a.path("externalId").asText()));
    Map<String, JsonNode> out = new TreeMap<>();
    Response labels = admin.get("/api/v1/projects/" + project + "/labels?type=DEFAULT&limit=1000");
    assertEquals(200, labels.status(), labels.text());
    labels.body().path("items").forEach(l -> out.put(externalIds.get(l.path("assetId").asText()), rounded(l.path("jsonResponse"))));
    return out;
  }

  private static JsonNode rounded(JsonNode node) {
    if (node.isNumber() && !node.isIntegralNumber()) {
      return Api.JSON.getNodeFactory().numberNode(Math.round(node.asDouble() * 10_000) / 10_000.0);
    }
    if (node.isObject()) {
      ObjectNode copy = Api.object();
      node.fields().forEachRemaining(e -> copy.set(e.getKey(), rounded(e.getValue())));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Api.array();
      node.forEach(v -> copy.add(rounded(v)));
      return copy;
    }
    return node;
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static String category(JsonNode answer, String job) {
    return answer.path(job).path("categories").path(0).path("name").asText();
  }

  @Test
  void labelStudioTasksImportWithChoicesAndSpansAndTheExportImportsTheSameLabels() throws Exception {
    String p = project("TEXT", TOPIC + "," + NER);
    Response r = importFile(p, "ls.json", LS_TEXT, "labelstudio");
    assertEquals(201, r.status(), r.text());
    assertEquals(3, r.body().path("imported").asInt(), r.text());
    Map<String, JsonNode> answers = answers(p);
    assertEquals(List.of("101", "102"), List.copyOf(answers.keySet()), "the task without annotations stays unlabeled");
    assertEquals("FOOD", category(answers.get("101"), "TOPIC"));
    JsonNode spans = answers.get("101").path("NER").path("annotations");
    assertEquals("PER Ann 0, ORG Acme 20", spans.get(0).path("categories").get(0).path("name").asText() + " " + spans.get(0).path("content").asText()
        + " " + spans.get(0).path("beginOffset").asInt() + ", " + spans.get(1).path("categories").get(0).path("name").asText() + " "
        + spans.get(1).path("content").asText() + " " + spans.get(1).path("beginOffset").asInt());

    JsonNode exported = Api.JSON.readTree(export(p, "labelstudio"));
    assertEquals(3, exported.size());
    String again = project("TEXT", TOPIC + "," + NER);
    Response back = importFile(again, "export.json", exported.toString(), "labelstudio");
    assertEquals(201, back.status(), back.text());
    assertEquals(answers, answers(again));
    assertEquals("blog", admin.get("/api/v1/projects/" + again + "/assets?externalId=101").body().path("items").get(0)
        .path("metadata").path("source").asText(), "the task's other data is the asset's metadata, both ways");
  }

  @Test
  void labelStudioPredictionsImportAsPredictionLabelsThatTheNextImportBringsAlong() throws Exception {
    String p = project("TEXT", TOPIC + ", " + NER);
    String tasks = """
        [{"id": 1, "data": {"text": "Ann cooked soup"},
          "annotations": [{"result": [{"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Food"]}}]}],
          "predictions": [{"model_version": "old", "result": [{"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Sport"]}}]},
                          {"model_version": "bert-2", "score": 0.8, "result": [
                            {"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Food"]}},
                            {"from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "text": "Ann", "labels": ["Person"]}}]}]},
         {"id": 2, "data": {"text": "A late goal"}, "predictions": [{"result": [{"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["SPORT"]}}]}]}]""";
    Response r = importFile(p, "predicted.json", tasks, "labelstudio");
    assertEquals(201, r.status(), r.text());
    assertEquals(2, r.body().path("imported").asInt(), r.text());
    JsonNode predictions = admin.get("/api/v1/projects/" + p + "/labels?type=PREDICTION").body().path("items");
    assertEquals(2, predictions.size(), predictions.toString());
    JsonNode first = predictions.get(0), second = predictions.get(1);
    assertEquals("bert-2", first.path("modelVersion").asText(), "the newest prediction, with its model's version");
    assertEquals("FOOD", category(first.path("jsonResponse"), "TOPIC"));
    assertEquals(80, first.at("/jsonResponse/TOPIC/categories/0/confidence").asInt(), first.toString());
    assertEquals("PER", first.at("/jsonResponse/NER/annotations/0/categories/0/name").asText(), first.toString());
    assertTrue(first.path("authorId").isNull(), "a model's label has no author");
    assertEquals("imported", second.path("modelVersion").asText());
    assertEquals("TODO", admin.get("/api/v1/projects/" + p + "/assets?externalId=2").body().at("/items/0/status").asText(),
        "a prediction pre-annotates, it does not label");
    assertEquals(java.util.Set.of("1"), answers(p).keySet(), "only the annotated task is labeled");

    String again = project("TEXT", TOPIC + ", " + NER);
    assertEquals(201, importFile(again, "export.jsonl", text(export(p, "jsonl")), "kili").status());
    JsonNode carried = admin.get("/api/v1/projects/" + again + "/labels?type=PREDICTION").body().path("items");
    assertEquals(List.of("bert-2", "imported"), java.util.stream.StreamSupport.stream(carried.spliterator(), false)
        .map(l -> l.path("modelVersion").asText()).sorted().toList(), "Labelloop's own export brings its predictions along");

    Response bad = importFile(project("TEXT", TOPIC), "bad.json", """
        [{"data": {"text": "x"}, "predictions": [{"result": [{"from_name": "s", "to_name": "text", "type": "choices", "value": {"choices": ["Weather"]}}]}]}]""",
        "labelstudio");
    assertEquals(400, bad.status(), bad.text());
    assertTrue(bad.text().contains("its prediction") && bad.text().contains("Weather"), bad.text());
  }

  @Test
  void labelStudioJsonMinRowsImportTheirAnswersAndKeepTheirOtherDataAsMetadata() {
    String p = project("TEXT", TOPIC + "," + NER);
    String min = """
        [{"id": 201, "text": "Great match", "sentiment": "Sport", "source": "blog", "annotator": 1, "annotation_id": 1,
          "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "lead_time": 3.1},
         {"id": 202, "text": "Ann cooked", "label": [{"start": 0, "end": 3, "text": "Ann", "labels": ["Person"]}], "annotation_id": 2}]""";
    Response r = importFile(p, "min.json", min, "labelstudio");
    assertEquals(201, r.status(), r.text());
    Map<String, JsonNode> answers = answers(p);
    assertEquals("SPORT", category(answers.get("201"), "TOPIC"));
    assertEquals("Ann", answers.get("202").path("NER").path("annotations").get(0).path("content").asText());
    assertEquals("{\"source\":\"blog\"}", admin.get("/api/v1/projects/" + p + "/assets?externalId=201").body().path("items").get(0)
        .path("metadata").toString(), "the answer and the annotation's bookkeeping are no metadata");

    Response twice = importFile(p, "twice.json", "[{\"text\": \"Soup\", \"sentiment\": \"Sport\", \"topic\": \"Food\"}]", "labelstudio");
    assertEquals(400, twice.status(), twice.text());
    assertTrue(twice.text().contains("line 1: task twice.json#0: fields 'sentiment' and 'topic' both answer job TOPIC"), twice.text());
  }

  @Test
  void doccanoRecordsOfEachProjectKindImportAndRoundTrip() throws Exception {
    String ner = project("TEXT", NER);
    String spans = """
        {"id": 7, "text": "Ann works at Acme", "label": [[0, 3, "Person"], [13, 17, "ORG"]], "Comments": [], "source": "wiki"}
        {"id": 8, "text": "Nobody here", "label": []}
        """;
    Response r = importFile(ner, "ner.jsonl", spans, "doccano");
    assertEquals(201, r.status(), r.text());
    assertEquals(2, r.body().path("imported").asInt(), r.text());
    Map<String, JsonNode> answers = answers(ner);
    assertEquals(List.of("7"), List.copyOf(answers.keySet()), "a record without a label stays unlabeled");
    assertEquals("PER", answers.get("7").at("/NER/annotations/0/categories/0/name").asText());
    assertEquals("Acme", answers.get("7").at("/NER/annotations/1/content").asText());
    assertEquals("wiki", admin.get("/api/v1/projects/" + ner + "/assets?externalId=7").body().at("/items/0/metadata/source").asText());
    String exported = text(export(ner, "doccano"));
    assertTrue(exported.contains("{\"id\":\"7\",\"text\":\"Ann works at Acme\",\"label\":[[0,3,\"PER\"],[13,17,\"ORG\"]]}"), exported);
    assertTrue(exported.contains("{\"id\":\"8\",\"text\":\"Nobody here\",\"label\":[]}"), exported);
    String again = project("TEXT", NER);
    assertEquals(201, importFile(again, "export.jsonl", exported, "doccano").status());
    assertEquals(answers, answers(again));

    String both = project("TEXT", TOPIC + "," + NER);
    String intents = """
        {"text": "Ann cooked soup", "cats": ["Food"], "entities": [{"id": 1, "start_offset": 0, "end_offset": 3, "label": "PER"}]}
        {"text": "A late goal", "label": ["SPORT"]}
        """;
    assertEquals(201, importFile(both, "intents.jsonl", intents, "doccano").status());
    Map<String, JsonNode> bothAnswers = answers(both);
    assertEquals(2, bothAnswers.size(), bothAnswers.toString());
    String cats = text(export(both, "doccano"));
    assertTrue(cats.contains("\"cats\":[\"FOOD\"],\"entities\":[[0,3,\"PER\"]]"), cats);
    String third = project("TEXT", TOPIC + "," + NER);
    assertEquals(201, importFile(third, "export.jsonl", cats, "doccano").status());
    assertEquals(bothAnswers, answers(third));

    Response bad = importFile(project("TEXT", TOPIC), "bad.jsonl", "{\"text\": \"x\", \"label\": [\"Weather\"]}\n{\"text\": \"y\", \"label\": [[0, 1]]}\n", "doccano");
    assertEquals(400, bad.status(), bad.text());
    assertTrue(bad.text().contains("line 1") && bad.text().contains("Weather") && bad.text().contains("line 2"), bad.text());
  }

  @Test
  void prodigyRecordsRoundTripCategoriesAndSpans() throws Exception {
    String p = project("TEXT", TOPIC + "," + NER);
    String jsonl = """
        {"id": "p1", "text": "Ann cooked soup", "spans": [{"start": 0, "end": 3, "label": "PER"}], "accept": ["FOOD"], "answer": "accept"}
        {"id": "p2", "text": "A late goal", "label": "SPORT", "answer": "accept"}
        {"id": "p3", "text": "Rejected question", "label": "FOOD", "answer": "reject"}
        """;
    Response r = importFile(p, "db-out.jsonl", jsonl, "prodigy");
    assertEquals(201, r.status(), r.text());
    assertEquals(3, r.body().path("imported").asInt(), r.text());
    Map<String, JsonNode> answers = answers(p);
    assertEquals(List.of("p1", "p2"), List.copyOf(answers.keySet()));
    assertEquals("SPORT", category(answers.get("p2"), "TOPIC"));

    String exported = text(export(p, "prodigy"));
    assertEquals(2, exported.lines().count(), exported);
    assertTrue(exported.contains("\"accept\":[\"FOOD\"]") && exported.contains("\"token_start\":0"), exported);
    String again = project("TEXT", TOPIC + "," + NER);
    assertEquals(201, importFile(again, "export.jsonl", exported, "prodigy").status());
    assertEquals(answers, answers(again));
  }

  @Test
  void kiliAssetsImportWithTheirLabelsAndTheJsonlAndCsvExportsImportBackAsKili() throws Exception {
    String p = project("TEXT", TOPIC + "," + NER);
    String kili = """
        [{"externalId": "k1", "content": "Bob ate", "jsonMetadata": "{\\"lang\\": \\"en\\"}",
          "latestLabel": {"jsonResponse": {"TOPIC": {"categories": [{"name": "FOOD"}]},
                                           "NER": {"annotations": [{"categories": [{"name": "PER"}], "beginOffset": 0, "content": "Bob"}]}}}},
         {"externalId": "k2", "content": "Goal!", "jsonResponse": {"TOPIC": {"categories": [{"name": "SPORT"}]}}},
         {"externalId": "k3", "content": "nothing"}]""";
    Response r = importFile(p, "kili.json", kili, "kili");
    assertEquals(201, r.status(), r.text());
    assertEquals(3, r.body().path("imported").asInt(), r.text());
    Map<String, JsonNode> answers = answers(p);
    assertEquals(List.of("k1", "k2"), List.copyOf(answers.keySet()));
    assertEquals("en", admin.get("/api/v1/projects/" + p + "/assets?externalId=k1").body().path("items").get(0).path("metadata").path("lang").asText());

    String fromJsonl = project("TEXT", TOPIC + "," + NER);
    assertEquals(201, importFile(fromJsonl, "export.jsonl", text(export(p, "jsonl")), "kili").status());
    assertEquals(answers, answers(fromJsonl));
    String fromCsv = project("TEXT", TOPIC + "," + NER);
    Response csv = importFile(fromCsv, "export.csv", text(export(p, "csv")), "kili");
    assertEquals(201, csv.status(), csv.text());
    assertEquals(3, csv.body().path("imported").asInt(), csv.text());
    assertEquals(answers, answers(fromCsv));
  }

  @Test
  void aTablesCsvExportSpreadsItsColumnsAndImportsBackAsKili() throws Exception {
    String p = project("TABULAR", TOPIC);
    Response r = importFile(p, "rows.json", """
        [{"externalId": "w1", "content": {"alcohol": 9.5, "region": "north, coast", "status": "young"}, "label": "FOOD"},
         {"externalId": "w2", "content": {"alcohol": null, "region": "south", "status": "old"}}]""", "json");
    assertEquals(201, r.status(), r.text());
    List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().get()
        .parse(new java.io.StringReader(text(export(p, "csv")))).getRecords();
    assertEquals(List.of("id", "externalId", "content", "alcohol", "region", "row.status", "status", "TOPIC", "jsonResponse"),
        rows.getFirst().getParser().getHeaderNames(), "the table's columns after content; one named like the export's own is renamed");
    assertEquals(List.of("w1", "9.5", "north, coast", "young", "LABELED", "FOOD"), List.of(rows.get(0).get("externalId"),
        rows.get(0).get("alcohol"), rows.get(0).get("region"), rows.get(0).get("row.status"), rows.get(0).get("status"), rows.get(0).get("TOPIC")));
    assertEquals(List.of("", "TODO", ""), List.of(rows.get(1).get("alcohol"), rows.get(1).get("status"), rows.get(1).get("TOPIC")));

    String again = project("TABULAR", TOPIC);
    assertEquals(201, importFile(again, "export.csv", text(export(p, "csv")), "kili").status());
    assertEquals(answers(p), answers(again));
    assertEquals(admin.get("/api/v1/projects/" + p + "/assets?externalId=w1").body().path("items").get(0).path("content"),
        admin.get("/api/v1/projects/" + again + "/assets?externalId=w1").body().path("items").get(0).path("content"));

    // what is not a row never gets into a table (the model, the screen and this export read every asset as one)
    Response notARow = importFile(again, "k.jsonl", "{\"externalId\": \"k9\", \"content\": \"hello\"}\n", "kili");
    assertEquals(400, notARow.status(), notARow.text());
    assertTrue(notARow.text().contains("line 1") && notARow.text().contains("a table row must be a JSON object"), notARow.text());
    Response tasks = importFile(again, "tasks.json", LS_TEXT, "labelstudio");
    assertEquals(400, tasks.status(), tasks.text());
    assertTrue(tasks.text().contains("a TABULAR project imports csv, tsv, jsonl, json or kili"), tasks.text());
    assertEquals(2, admin.get("/api/v1/projects/" + again).body().path("assetCount").asInt());
  }

  @Test
  void aLabelThatDoesNotFitTheInterfaceIsRefusedWithItsLine() {
    String p = project("TEXT", TOPIC);
    String kili = "{\"externalId\": \"a\", \"content\": \"x\"}\n{\"externalId\": \"b\", \"content\": \"y\", \"jsonResponse\": {\"TOPIC\": {\"categories\": [{\"name\": \"MUSIC\"}]}}}\n";
    Response r = importFile(p, "kili.jsonl", kili, "kili");
    assertEquals(400, r.status(), r.text());
    assertTrue(r.text().contains("line 2") && r.text().contains("MUSIC"), r.text());
    assertEquals(0, admin.get("/api/v1/projects/" + p).body().path("assetCount").asInt(), "nothing was imported");
  }

  @Test
  void labelStudioImageTasksInAZipRoundTripBoxesAndChoices() throws Exception {
    String p = project("IMAGE", BOXES + "," + TOPIC);
    String tasks = """
        [{"id": 1, "data": {"image": "/data/upload/7/0a1b2c3d-street.png"},
          "annotations": [{"result": [
            {"from_name": "label", "to_name": "image", "type": "rectanglelabels", "original_width": 200, "original_height": 100,
             "value": {"x": 10, "y": 20, "width": 30, "height": 40, "rotation": 0, "rectanglelabels": ["car"]}},
            {"from_name": "label", "to_name": "image", "type": "rectanglelabels",
             "value": {"x": 50, "y": 0, "width": 50, "height": 100, "rotation": 0, "rectanglelabels": ["Person"]}},
            {"from_name": "scene", "to_name": "image", "type": "choices", "value": {"choices": ["Sport"]}}]}]},
         {"id": 2, "data": {"image": "images/other.jpg"}, "annotations": []}]""";
    byte[] street = image("png", 200, 100);
    byte[] other = image("jpg", 50, 40);
    Response r = uploadZip(p, zip("images/street.png", street, "images/other.jpg", other, "tasks.json", tasks), "labelstudio", "");
    assertEquals(201, r.status(), r.text());
    assertEquals(2, r.body().path("imported").asInt(), r.text());
    Map<String, JsonNode> answers = answers(p);
    assertEquals(List.of("1"), List.copyOf(answers.keySet()));
    assertEquals(2, answers.get("1").path("BOXES").path("annotations").size());
    assertEquals("SPORT", category(answers.get("1"), "TOPIC"));

    byte[] exported = export(p, "labelstudio");
    assertTrue(text(exported).contains("\"image\":\"images/street.png\""), text(exported));
    String again = project("IMAGE", BOXES + "," + TOPIC);
    Response back = uploadZip(again, zip("images/street.png", street, "images/other.jpg", other, "export.json", exported), "labelstudio", "");
    assertEquals(201, back.status(), back.text());
    assertEquals(answers, answers(again));
  }

  @Test
  void labelStudioAudioTasksRoundTripTheirClass() throws Exception {
    String p = project("AUDIO", TOPIC);
    String tasks = """
        [{"id": 5, "data": {"audio": "clips/a.wav"}, "annotations": [{"result": [{"from_name": "kind", "to_name": "audio", "type": "choices", "value": {"choices": ["Food"]}}]}]}]""";
    byte[] wav = wav();
    Response r = uploadZip(p, zip("clips/a.wav", wav, "tasks.json", tasks), "labelstudio", "");
    assertEquals(201, r.status(), r.text());
    Map<String, JsonNode> answers = answers(p);
    assertEquals("FOOD", category(answers.get("5"), "TOPIC"));
    String again = project("AUDIO", TOPIC);
    assertEquals(201, uploadZip(again, zip("clips/a.wav", wav, "export.json", export(p, "labelstudio")), "labelstudio", "").status());
    assertEquals(answers, answers(again));
  }

  @Test
  void labelStudioImageTasksAloneMustNameUrls() {
    String p = project("IMAGE", TOPIC);
    String tasks = "[{\"data\": {\"image\": \"https://example.org/a.jpg\"}, \"annotations\": [{\"result\": [{\"from_name\": \"TOPIC\", \"type\": \"choices\", \"value\": {\"choices\": [\"SPORT\"]}}]}]},"
        + " {\"data\": {\"image\": \"b.jpg\"}}]";
    Response r = importFile(p, "tasks.json", tasks, "labelstudio");
    assertEquals(400, r.status(), r.text());
    assertTrue(r.text().contains("'b.jpg' is not a URL"), r.text());
    Response skipped = admin.upload("/api/v1/projects/" + p + "/assets?onError=skip", "tasks.json", tasks, Map.of("format", "labelstudio"));
    assertEquals(201, skipped.status(), skipped.text());
    assertEquals("https://example.org/a.jpg", admin.get("/api/v1/projects/" + p + "/assets").body().path("items").get(0).path("content").asText());
  }

  @Test
  void vocBoxesRoundTrip() throws Exception {
    String p = project("IMAGE", BOXES);
    String voc = """
        <annotation><folder>JPEGImages</folder><filename>a.png</filename><size><width>200</width><height>100</height><depth>3</depth></size>
          <object><name>person</name><difficult>0</difficult><bndbox><xmin>21</xmin><ymin>11</ymin><xmax>80</xmax><ymax>50</ymax></bndbox></object>
          <object><name>CAR</name><bndbox><xmin>101</xmin><ymin>1</ymin><xmax>200</xmax><ymax>100</ymax></bndbox></object>
        </annotation>""";
    byte[] a = image("png", 200, 100);
    Response r = uploadZip(p, zip("JPEGImages/a.png", a, "Annotations/a.xml", voc), "voc", "");
    assertEquals(201, r.status(), r.text());
    Map<String, JsonNode> answers = answers(p);
    JsonNode first = answers.get("JPEGImages/a.png").path("BOXES").path("annotations").get(0).path("boundingPoly").get(0).path("normalizedVertices");
    assertEquals(0.1, first.get(1).path("x").asDouble(), 1e-9);
    assertEquals(0.5, first.get(3).path("y").asDouble(), 1e-9);

    Map<String, byte[]> exported = BoxesApiContract.unzip(export(p, "voc"));
    assertEquals(List.of("Annotations/a.xml"), List.copyOf(exported.keySet()));
    String xml = text(exported.get("Annotations/a.xml"));
    assertTrue(xml.contains("<xmin>21</xmin><ymin>11</ymin><xmax>80</xmax><ymax>50</ymax>"), xml);
    String again = project("IMAGE", BOXES);
    assertEquals(201, uploadZip(again, zip("JPEGImages/a.png", a, "Annotations/a.xml", exported.get("Annotations/a.xml")), "voc", "").status());
    assertEquals(answers, answers(again));
  }

  /** A tenth of a second of 16 kHz silence as a real WAV file. */
  static byte[] wav() throws IOException {
    AudioFormat format = new AudioFormat(16_000, 16, 1, true, false);
    byte[] pcm = new byte[3_200];
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), format, pcm.length / 2), AudioFileFormat.Type.WAVE, out);
    return out.toByteArray();
  }
}
