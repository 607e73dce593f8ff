package org.labelloop.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.core.io.BoxConvertersTest.image;
import static org.labelloop.core.io.ZipRowSourceTest.zip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.Project;

/** Label Studio, Prodigy and Kili records, and Pascal VOC files, read into rows with their answers. */
class RecordFormatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Project project(InputType type, String jobs) {
    try {
      return new Project("1", "formats", "", "", type, JsonInterface.parse(JSON.readTree("{\"jobs\": {" + jobs + "}}")), Instant.EPOCH, Instant.EPOCH);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static final String TOPIC = """
      "TOPIC": {"mlTask": "CLASSIFICATION", "content": {"input": "radio", "categories": {"SPORT": {"name": "Sport"}, "FOOD": {"name": "Food"}}}}""";
  static final String NER = """
      "NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "content": {"input": "radio", "categories": {"PER": {"name": "Person"}, "ORG": {"name": "Org"}}}}""";
  static final String BOXES = """
      "BOXES": {"mlTask": "OBJECT_DETECTION", "tools": ["rectangle"], "content": {"input": "radio", "categories": {"CAR": {"name": "car"}}}}""";
  static final Project TEXT = project(InputType.TEXT, TOPIC + "," + NER);

  static List<ParsedRow> read(ImportFormat format, Project project, String source, String file) {
    List<ParsedRow> rows = new ArrayList<>();
    try (RowSource source1 = ImportRecords.open(new StringReader(file), format, ImportLimits.DEFAULT, ImportRecords.mapper(format, project, source))) {
      for (ParsedRow r = source1.next(); r != null; r = source1.next()) {
        rows.add(r);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  @Test
  void labelStudioTasksBecomeChoicesAndSpansOfTheirJobsAndUnannotatedTasksStayUnlabeled() {
    String tasks = """
        [{"id": 7, "data": {"text": "Ann ate soup", "source": "blog"}, "annotations": [{"was_cancelled": true, "result": []},
          {"result": [{"from_name": "sentiment", "to_name": "text", "type": "choices", "value": {"choices": ["Food"]}},
                      {"from_name": "label", "to_name": "text", "type": "labels", "value": {"start": 0, "end": 3, "labels": ["PER"]}}]}]},
         {"id": 8, "data": {"text": "Nothing yet"}, "annotations": []},
         {"data": {"text": "Only a topic"}, "annotations": [{"result": [{"from_name": "TOPIC", "type": "choices", "value": {"choices": ["SPORT"]}}]}]}]""";
    List<ParsedRow> rows = read(ImportFormat.LABELSTUDIO, TEXT, "ls.json", tasks);
    assertEquals(List.of("7", "8", "ls.json#2"), rows.stream().map(r -> r.draft().externalId()).toList());
    assertEquals("FOOD", rows.get(0).answer().path("TOPIC").path("categories").get(0).path("name").asText());
    JsonNode span = rows.get(0).answer().path("NER").path("annotations").get(0);
    assertEquals("PER", span.path("categories").get(0).path("name").asText());
    assertEquals("Ann", span.path("content").asText());
    assertEquals("blog", rows.get(0).draft().metadata().path("source").asText());
    assertNull(rows.get(1).answer(), "a task without annotations is unlabeled");
    assertEquals(0, rows.get(2).answer().path("NER").path("annotations").size(), "an annotated task without spans has no entity");
  }

  @Test
  void labelStudioRegionsThatFitNoJobOrCategoryAreRowErrors() {
    String tasks = """
        {"id": 1, "data": {"text": "a"}, "annotations": [{"result": [{"from_name": "x", "type": "textarea", "value": {"text": ["hi"]}}]}]}
        {"id": 2, "data": {"text": "b"}, "annotations": [{"result": [{"from_name": "TOPIC", "type": "choices", "value": {"choices": ["Music"]}}]}]}
        {"id": 3, "data": {"image": "x.png"}}
        """;
    List<ParsedRow> rows = read(ImportFormat.LABELSTUDIO, TEXT, "ls.jsonl", tasks);
    assertTrue(rows.get(0).error().contains("no such job"), rows.get(0).error());
    assertTrue(rows.get(1).error().contains("'Music' is not a category"), rows.get(1).error());
    assertTrue(rows.get(2).error().contains("no data.text"), rows.get(2).error());
    assertEquals(List.of(1L, 2L, 3L), rows.stream().map(ParsedRow::line).toList());
  }

  @Test
  void labelStudioJsonMinRowsAnswerWithTheirTagFieldsAndKeepTheirOtherFieldsAsMetadata() {
    String rows = """
        [{"id": 1, "text": "Great match", "sentiment": "Sport", "source": "blog", "annotator": 1, "annotation_id": 1,
          "created_at": "2026-01-01T00:00:00Z", "updated_at": "2026-01-01T00:00:00Z", "lead_time": 3.1, "agreement": 100},
         {"id": 2, "text": "Ann ate soup", "entities": [{"start": 0, "end": 3, "text": "Ann", "labels": ["Person"]}], "annotation_id": 2},
         {"id": 3, "text": "Just words", "comment": "nice one", "annotation_id": 3},
         {"id": 4, "text": "Not labeled yet", "annotator": null, "annotation_id": null},
         {"id": 5, "text": "Soup at the match", "sentiment": "Sport", "topic": "Food"},
         {"id": 6, "text": "Hi Bob", "label": [{"start": 3, "end": 6, "labels": ["PER"]}]}]""";
    List<ParsedRow> read = read(ImportFormat.LABELSTUDIO, TEXT, "min.json", rows);
    assertEquals("SPORT", read.get(0).answer().path("TOPIC").path("categories").get(0).path("name").asText());
    assertEquals(0, read.get(0).answer().path("NER").path("annotations").size(), "an annotated row without spans has no entity");
    assertEquals("{\"source\":\"blog\"}", read.get(0).draft().metadata().toString(), "the answer and the bookkeeping are no metadata");
    JsonNode span = read.get(1).answer().path("NER").path("annotations").get(0);
    assertEquals("PER Ann", span.path("categories").get(0).path("name").asText() + " " + span.path("content").asText());
    assertTrue(read.get(1).answer().path("TOPIC").isMissingNode());
    assertEquals("nice one", read.get(2).draft().metadata().path("comment").asText(), "a string that is no category stays metadata");
    assertTrue(read.get(2).answer().path("TOPIC").isMissingNode());
    assertNull(read.get(3).answer(), "a row written from no annotation is unlabeled");
    assertEquals("task 5: fields 'sentiment' and 'topic' both answer job TOPIC, which takes one category", read.get(4).error());
    assertEquals(6, read.get(4).line());
    assertEquals("Bob", read.get(5).answer().path("NER").path("annotations").get(0).path("content").asText(), "the legacy label list");
  }

  @Test
  void labelStudioJsonMinStringsAnswerTheJobTheyNameWhenSeveralClassifyAndChoicesObjectsFillACheckbox() {
    String tags = """
        "TAGS": {"mlTask": "CLASSIFICATION", "content": {"input": "checkbox", "categories": {"SPORT": {"name": "Sport"}, "FOOD": {"name": "Food"}}}}""";
    String rows = """
        {"id": 1, "text": "Soup after the match", "TAGS": {"choices": ["Sport", "Food"]}, "mood": "Sport"}
        {"id": 2, "text": "Lunch", "TOPIC": "food"}
        {"id": 3, "text": "Dinner", "TOPIC": "Music"}
        """;
    List<ParsedRow> read = read(ImportFormat.LABELSTUDIO, project(InputType.TEXT, TOPIC + "," + tags), "min.jsonl", rows);
    assertEquals("[{\"name\":\"SPORT\"},{\"name\":\"FOOD\"}]", read.get(0).answer().path("TAGS").path("categories").toString());
    assertEquals("Sport", read.get(0).draft().metadata().path("mood").asText(), "with two classification jobs a string answers only the job it names");
    assertTrue(read.get(0).answer().path("TOPIC").isMissingNode());
    assertEquals("FOOD", read.get(1).answer().path("TOPIC").path("categories").get(0).path("name").asText());
    assertTrue(read.get(1).draft().metadata().isEmpty());
    assertTrue(read.get(2).error().contains("'Music' is not a category of job TOPIC"), read.get(2).error());
  }

  @Test
  void prodigyRecordsAnswerWithAcceptedChoicesBinaryLabelsAndSpans() {
    String jsonl = """
        {"text": "Ann ate soup", "spans": [{"start": 0, "end": 3, "label": "PER"}], "accept": ["FOOD"], "answer": "accept", "meta": {"k": 1}}
        {"id": "b", "text": "Great match", "label": "Sport", "answer": "accept"}
        {"text": "Rejected one", "label": "SPORT", "answer": "reject"}
        {"text": "Bad", "accept": ["NOPE"], "answer": "accept"}
        """;
    List<ParsedRow> rows = read(ImportFormat.PRODIGY, TEXT, null, jsonl);
    assertEquals("FOOD", rows.get(0).answer().path("TOPIC").path("categories").get(0).path("name").asText());
    assertEquals("Ann", rows.get(0).answer().path("NER").path("annotations").get(0).path("content").asText());
    assertEquals(1, rows.get(0).draft().metadata().path("k").asInt());
    assertEquals(Columns.contentId("Ann ate soup"), rows.get(0).draft().externalId(), "a nameless upload names a record by its text");
    assertEquals("b", rows.get(1).draft().externalId());
    assertEquals("SPORT", rows.get(1).answer().path("TOPIC").path("categories").get(0).path("name").asText());
    assertTrue(rows.get(1).answer().path("NER").isMissingNode(), "a record without spans leaves the NER job unanswered");
    assertNull(rows.get(2).answer(), "a rejected record is imported without a label");
    assertTrue(rows.get(3).error().contains("unknown category 'NOPE'"), rows.get(3).error());
  }

  @Test
  void kiliAssetsTakeTheirJsonResponseLatestLabelOrChosenLabelFromJsonOrCsv() {
    String json = """
        [{"externalId": "k1", "content": "one", "jsonMetadata": "{\\"a\\": 1}", "jsonResponse": {"TOPIC": {"categories": [{"name": "SPORT"}]}}},
         {"externalId": "k2", "content": "two", "latestLabel": {"jsonResponse": {"TOPIC": {"categories": [{"name": "FOOD"}]}}}},
         {"externalId": "k3", "content": "three", "labels": [
           {"labelType": "REVIEW", "createdAt": "2026-01-01T00:00:00Z", "jsonResponse": {"TOPIC": {"categories": [{"name": "FOOD"}]}}},
           {"labelType": "DEFAULT", "createdAt": "2026-01-02T00:00:00Z", "jsonResponse": {"TOPIC": {"categories": [{"name": "SPORT"}]}}},
           {"labelType": "PREDICTION", "createdAt": "2026-01-03T00:00:00Z", "jsonResponse": {"TOPIC": {"categories": [{"name": "SPORT"}]}}}]},
         {"externalId": "k4", "content": "four"}]""";
    List<ParsedRow> rows = read(ImportFormat.KILI, TEXT, "kili.json", json);
    assertEquals(List.of("SPORT", "FOOD", "FOOD"), rows.subList(0, 3).stream()
        .map(r -> r.answer().path("TOPIC").path("categories").get(0).path("name").asText()).toList(), "the review wins over a newer label");
    assertEquals(1, rows.get(0).draft().metadata().path("a").asInt());
    assertNull(rows.get(3).answer());

    String csv = "externalId,content,jsonResponse\nc1,hello,\"{\"\"TOPIC\"\": {\"\"categories\"\": [{\"\"name\"\": \"\"SPORT\"\"}]}}\"\nc2,bye,\nc3,bad,{oops\n";
    List<ParsedRow> fromCsv = read(ImportFormat.KILI, TEXT, "kili.csv", csv);
    assertEquals("SPORT", fromCsv.get(0).answer().path("TOPIC").path("categories").get(0).path("name").asText());
    assertNull(fromCsv.get(1).answer());
    assertTrue(fromCsv.get(2).error().contains("'jsonResponse' is not valid JSON"), fromCsv.get(2).error());
    assertEquals(4, fromCsv.get(2).line());
  }

  @Test
  void mediaRecordsNameTheirFilesInTheZipEvenAsLabelStudioUploadPaths() throws IOException {
    Project images = project(InputType.IMAGE, BOXES + "," + TOPIC);
    String tasks = """
        [{"id": 1, "data": {"image": "/data/upload/3/1a2b3c4d-a.png"}, "annotations": [{"result": [
            {"from_name": "objects", "type": "rectanglelabels", "value": {"x": 10, "y": 20, "width": 30, "height": 40, "rectanglelabels": ["car"]}},
            {"from_name": "TOPIC", "type": "choices", "value": {"choices": ["SPORT"]}}]}]},
         {"id": 2, "data": {"image": "missing.png"}, "annotations": []}]""";
    byte[] zip = zip("tasks.json", tasks, "img/a.png", image("png", 20, 10), "b.png", image("png", 5, 5));
    List<ParsedRow> rows = readZip(zip, InputType.IMAGE, new RecordAnnotations(ImportFormat.LABELSTUDIO, images, ImportLimits.DEFAULT));
    ParsedRow a = rows.stream().filter(r -> r.draft() != null && r.draft().externalId().equals("1")).findFirst().orElseThrow();
    assertEquals("img/a.png", a.draft().metadata().path("fileName").asText());
    JsonNode vertices = a.answer().path("BOXES").path("annotations").get(0).path("boundingPoly").get(0).path("normalizedVertices");
    assertEquals(0.1, vertices.get(1).path("x").asDouble(), 1e-9);
    assertEquals(0.6, vertices.get(3).path("y").asDouble(), 1e-9);
    assertEquals("SPORT", a.answer().path("TOPIC").path("categories").get(0).path("name").asText());
    assertTrue(rows.stream().anyMatch(r -> r.error() != null && r.error().contains("'missing.png' is not in the zip")));
    assertTrue(rows.stream().anyMatch(r -> r.draft() != null && r.draft().externalId().equals("b.png") && r.answer() == null),
        "a file no task names is imported unlabeled");
  }

  @Test
  void vocBoxesUseOneBasedPixelIndicesAndNameProblemsPerObject() throws IOException {
    String voc = """
        <annotation><folder>JPEGImages</folder><filename>a.png</filename><size><width>200</width><height>100</height></size>
          <object><name>car</name><bndbox><xmin>21</xmin><ymin>11</ymin><xmax>80</xmax><ymax>50</ymax></bndbox></object>
        </annotation>""";
    String bad = """
        <annotation><filename>b.png</filename>
          <object><name>bus</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>2</xmax><ymax>2</ymax></bndbox></object>
        </annotation>""";
    byte[] zip = zip("JPEGImages/a.png", image("png", 200, 100), "JPEGImages/b.png", image("png", 10, 10),
        "Annotations/a.xml", voc, "Annotations/b.xml", bad, "Annotations/c.xml", "<not xml");
    List<ParsedRow> rows = readZip(zip, InputType.IMAGE, new VocAnnotations(BoxConvertersTest.boxJob()));
    ParsedRow a = rows.stream().filter(r -> r.draft() != null && r.draft().externalId().equals("JPEGImages/a.png")).findFirst().orElseThrow();
    JsonNode v = a.answer().path("BOXES").path("annotations").get(0).path("boundingPoly").get(0).path("normalizedVertices");
    assertEquals(0.1, v.get(1).path("x").asDouble(), 1e-9); // (21 - 1) / 200
    assertEquals(0.1, v.get(1).path("y").asDouble(), 1e-9);
    assertEquals(0.4, v.get(3).path("x").asDouble(), 1e-9); // 80 / 200
    assertEquals(0.5, v.get(3).path("y").asDouble(), 1e-9);
    assertTrue(rows.stream().anyMatch(r -> r.error() != null && r.error().startsWith("Annotations/b.xml object 1: unknown category 'bus'")));
    assertTrue(rows.stream().anyMatch(r -> r.error() != null && r.error().startsWith("Annotations/c.xml: not a readable XML file")));
  }

  private static List<ParsedRow> readZip(byte[] zip, InputType type, AnnotatedZipRowSource.Annotations annotations) throws IOException {
    List<ParsedRow> rows = new ArrayList<>();
    try (AnnotatedZipRowSource source = new AnnotatedZipRowSource(new ByteArrayInputStream(zip), new ZipRowSourceTest.MemoryStaging(), type,
        ImportLimits.DEFAULT, annotations)) {
      for (ParsedRow r = source.next(); r != null; r = source.next()) {
        rows.add(r);
      }
    }
    return rows;
  }
}
