package org.labelloop.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.labelloop.core.Labelloop;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.io.ImportFormat;
import org.labelloop.core.io.ImportOptions;
import org.labelloop.core.label.LabelDraft;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.Project;
import org.labelloop.core.project.ProjectDraft;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the demo projects once: a topic classification project from {@code demo/texts.csv} (its labeled rows become
 * the admin's labels), an NER project from {@code demo/ner.jsonl}, and an object-detection project of drawn shapes
 * imported as COCO ({@link DemoShapes}), and a table of wines to sort by colour ({@link DemoWines}).
 */
final class Demo {
  static final String TEXTS_TITLE = "Demo: news and support topics";
  static final String NER_TITLE = "Demo: named entities";
  static final String SHAPES_TITLE = "Demo: shapes (boxes on images)";
  static final String WINES_TITLE = "Demo: wines (a table)";
  private static final Logger LOG = LoggerFactory.getLogger(Demo.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Labelloop app;
  private final Ports ports;

  Demo(Labelloop app, Ports ports) {
    this.app = app;
    this.ports = ports;
  }

  void createIfAbsent(PrintStream out) {
    User admin = ports.users().list().stream().filter(User::admin).findFirst()
        .orElseThrow(() -> new IllegalStateException("no administrator to own the demo projects"));
    Caller caller = new Caller(admin);
    Set<String> titles = new LinkedHashSet<>();
    String cursor = null;
    do {
      var page = ports.projects().list(null, cursor, 1000);
      page.items().forEach(p -> titles.add(p.title()));
      cursor = page.nextCursor();
    } while (cursor != null);
    if (!titles.contains(TEXTS_TITLE) && exists("texts.csv")) {
      Project p = createTexts(caller);
      out.println("Demo project created: " + TEXTS_TITLE + " (id " + p.id() + ")");
    }
    if (!titles.contains(NER_TITLE) && exists("ner.jsonl")) {
      Project p = createNer(caller);
      out.println("Demo project created: " + NER_TITLE + " (id " + p.id() + ")");
    }
    if (!titles.contains(SHAPES_TITLE)) {
      Project p = createShapes(caller);
      out.println("Demo project created: " + SHAPES_TITLE + " (id " + p.id() + ")");
    }
    if (!titles.contains(WINES_TITLE)) {
      Project p = createWines(caller);
      out.println("Demo project created: " + WINES_TITLE + " (id " + p.id() + ")");
    }
  }

  private Project createTexts(Caller caller) {
    Set<String> labels = new LinkedHashSet<>();
    try (InputStream in = resource("texts.csv")) {
      for (CSVRecord r : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
          .parse(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String label = r.isMapped("label") ? r.get("label").trim() : "";
        if (!label.isEmpty()) {
          labels.add(label);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Project project = app.projects().create(caller, new ProjectDraft(TEXTS_TITLE,
        "Short news snippets and customer messages to sort by topic. Part of the set is labeled; the rest waits for you.",
        InputType.TEXT, JsonInterface.parse(iface("CLASSIFICATION", "Topic of the text", labels))));
    try (InputStream in = resource("texts.csv")) {
      var report = app.assets().importFile(caller, project.id(), in, new ImportOptions(ImportFormat.CSV, "id", "text", "label", true));
      LOG.info("demo texts imported: {} assets, {} rejected", report.imported(), report.rejected());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return project;
  }

  private Project createNer(Caller caller) {
    List<JsonNode> lines = new ArrayList<>();
    Set<String> labels = new LinkedHashSet<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(resource("ner.jsonl"), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (!line.isBlank()) {
          JsonNode n = MAPPER.readTree(line);
          lines.add(n);
          n.path("spans").forEach(s -> labels.add(s.path("label").asText()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (labels.isEmpty()) {
      labels.addAll(List.of("PER", "ORG", "LOC"));
    }
    Project project = app.projects().create(caller, new ProjectDraft(NER_TITLE,
        "Mark people (PER), organisations (ORG) and places (LOC) in short sentences.",
        InputType.TEXT, JsonInterface.parse(iface("NAMED_ENTITIES_RECOGNITION", "Mark the entities", labels))));
    List<AssetDraft> drafts = new ArrayList<>();
    List<LabelDraft> gold = new ArrayList<>();
    int i = 0;
    for (JsonNode n : lines) {
      i++;
      String id = n.path("id").asText(String.format("ner-%03d", i));
      String text = n.path("text").asText();
      drafts.add(new AssetDraft(id, text, null, 0, false, null));
      if (!n.path("spans").isEmpty()) {
        gold.add(new LabelDraft(null, id, LabelType.DEFAULT, nerResponse(text, n.path("spans")), null, null, false));
      }
    }
    app.assets().importDrafts(caller, project.id(), drafts, true);
    if (!gold.isEmpty()) {
      app.labels().submitAll(caller, project.id(), gold);
    }
    return project;
  }

  private Project createShapes(Caller caller) {
    Project project = app.projects().create(caller, new ProjectDraft(SHAPES_TITLE,
        "Drawn circles, squares and triangles: the first eight come with their boxes (imported as COCO), "
            + "the rest wait for you.",
        InputType.IMAGE, JsonInterface.parse(iface("OBJECT_DETECTION", "Draw a box around every shape",
            new LinkedHashSet<>(DemoShapes.SHAPES)))));
    byte[] zip = DemoShapes.cocoZip(24, 8);
    var report = app.assets().importFile(caller, project.id(), new java.io.ByteArrayInputStream(zip),
        new ImportOptions(ImportFormat.COCO, null, null, null, false));
    LOG.info("demo shapes imported: {} assets, {} rejected", report.imported(), report.rejected());
    return project;
  }

  private Project createWines(Caller caller) {
    Project project = app.projects().create(caller, new ProjectDraft(WINES_TITLE,
        "Generated wines with typed columns (numbers, a region, a flag, a date, a note): tell red from white. "
            + "The first twenty are labeled; the model explains each suggestion by the columns that pushed it most.",
        InputType.TABULAR, JsonInterface.parse(iface("CLASSIFICATION", "Colour of the wine", new LinkedHashSet<>(List.of(DemoWines.COLOURS))))));
    byte[] csv = DemoWines.csv(300, 20).getBytes(StandardCharsets.UTF_8);
    var report = app.assets().importFile(caller, project.id(), new java.io.ByteArrayInputStream(csv),
        new ImportOptions(ImportFormat.CSV, null, null, null, false));
    LOG.info("demo wines imported: {} rows, {} rejected", report.imported(), report.rejected());
    return project;
  }

  /** Kili's NER answer; the file's offsets count code points, Kili's (and Java's) count UTF-16 units. */
  private static JsonNode nerResponse(String text, JsonNode spans) {
    ObjectNode root = MAPPER.createObjectNode();
    var annotations = root.putObject("JOB_0").putArray("annotations");
    for (JsonNode s : spans) {
      int begin = text.offsetByCodePoints(0, s.path("start").asInt());
      int end = text.offsetByCodePoints(0, s.path("end").asInt());
      ObjectNode a = annotations.addObject();
      a.putArray("categories").addObject().put("name", s.path("label").asText());
      a.put("beginOffset", begin);
      a.put("content", text.substring(begin, end));
    }
    return root;
  }

  private static JsonNode iface(String mlTask, String instruction, Set<String> categories) {
    ObjectNode job = MAPPER.createObjectNode();
    job.put("mlTask", mlTask).put("instruction", instruction).put("required", 1);
    ObjectNode content = job.putObject("content");
    content.put("input", "radio");
    ObjectNode cats = content.putObject("categories");
    categories.forEach(c -> cats.putObject(c).put("name", c.charAt(0) + c.substring(1).toLowerCase(java.util.Locale.ROOT)));
    ObjectNode root = MAPPER.createObjectNode();
    root.putObject("jobs").set("JOB_0", job);
    return root;
  }

  private static boolean exists(String name) {
    return Demo.class.getResource("/demo/" + name) != null;
  }

  private static InputStream resource(String name) {
    return Demo.class.getResourceAsStream("/demo/" + name);
  }
}
