package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.labelloop.store.Fixtures.NOW;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.asset.StoredAsset;
import org.labelloop.core.io.ExportFormat;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Caller;

class JsonlExportIT extends OnBothDatabases {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void jsonlExportCopiesStoredJsonAsTheDecodedAssetsAndLabelsRead() throws Exception {
    Caller admin = Fixtures.admin(db);
    Project p = Fixtures.project(db);
    db.assets().insert(p.id(), List.of(
        new AssetDraft("m", "with \"quotes\"\nand a line", Fixtures.json("{\"source\": \"web\", \"n\": [1, 2.5]}"), 3, true, null),
        Fixtures.draft("plain"), Fixtures.draft("unlabeled")), NOW);
    String m = db.assets().findByExternalId(p.id(), "m").orElseThrow().id();
    String plain = db.assets().findByExternalId(p.id(), "plain").orElseThrow().id();
    db.labels().insert(p.id(), m, null, Fixtures.label(m, LabelType.PREDICTION, "SPORT"), NOW);
    db.labels().insert(p.id(), m, admin.userId(), Fixtures.label(m, LabelType.DEFAULT, "POLITICS"), NOW);
    db.labels().insert(p.id(), plain, admin.userId(), Fixtures.label(plain, LabelType.DEFAULT, "SPORT"), NOW);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    app.exports().export(admin, p.id(), ExportFormat.JSONL, new AssetQuery(p.id(), null, null, null, null, 0), out);

    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    List<Asset> assets = db.assets().list(new AssetQuery(p.id(), null, null, null, null, 100)).items();
    var labels = db.labels().forAssets(assets.stream().map(Asset::id).toList());
    assertEquals(3, lines.size());
    for (int i = 0; i < assets.size(); i++) {
      assertEquals(expected(assets.get(i), labels.get(assets.get(i).id())), MAPPER.readTree(lines.get(i)));
    }
  }

  @Test
  void storedPagesCutBetweenAssetsNeverBetweenTheLabelsOfOne() {
    Caller admin = Fixtures.admin(db);
    Project p = Fixtures.project(db);
    db.assets().insert(p.id(), Fixtures.drafts("a", 3), NOW);
    List<Asset> assets = db.assets().list(new AssetQuery(p.id(), null, null, null, null, 100)).items();
    for (Asset a : assets) {
      db.labels().insert(p.id(), a.id(), admin.userId(), Fixtures.label(a.id(), LabelType.DEFAULT, "SPORT"), NOW);
      db.labels().insert(p.id(), a.id(), null, Fixtures.label(a.id(), LabelType.PREDICTION, "POLITICS"), NOW);
    }
    List<StoredAsset> first = new ArrayList<>();
    String cursor = db.jdbi().withHandle(h -> StoredAssets.page(h, db.dialect(), new AssetQuery(p.id(), null, null, null, null, 0), 2, first::add));
    assertEquals(List.of("a0", "a1"), first.stream().map(a -> utf8(a.externalId())).toList());
    assertEquals(List.of(2, 2), first.stream().map(a -> a.labels().size()).toList());
    assertEquals(first.getLast().id(), cursor);
    List<StoredAsset> second = new ArrayList<>();
    assertNull(db.jdbi().withHandle(h -> StoredAssets.page(h, db.dialect(), new AssetQuery(p.id(), null, null, null, cursor, 0), 2, second::add)));
    assertEquals(List.of("a2"), second.stream().map(a -> utf8(a.externalId())).toList());
    assertEquals(List.of(LabelType.DEFAULT, LabelType.PREDICTION),
        second.getFirst().labels().stream().map(StoredAsset.StoredLabel::labelType).toList());
    List<StoredAsset> all = new ArrayList<>();
    db.assets().forEachStored(new AssetQuery(p.id(), null, null, null, first.getFirst().id(), 0), all::add);
    assertEquals(List.of("a1", "a2"), all.stream().map(a -> utf8(a.externalId())).toList());
  }

  @Test
  void eachStoredAssetGetsItsOwnLabelsWhenTheFilterOrAnotherProjectLeavesAssetsOutOfTheIdRange() throws Exception {
    Caller admin = Fixtures.admin(db);
    Project p = Fixtures.project(db);
    Project other = Fixtures.project(db);
    db.assets().insert(p.id(), Fixtures.drafts("a", 2), NOW);
    db.assets().insert(other.id(), Fixtures.drafts("o", 2), NOW);
    db.assets().insert(p.id(), List.of(Fixtures.draft("a2"), Fixtures.draft("a3")), NOW);
    for (Project project : List.of(p, other)) {
      for (Asset a : db.assets().list(new AssetQuery(project.id(), null, null, null, null, 100)).items()) {
        db.labels().insert(project.id(), a.id(), admin.userId(), Fixtures.label(a.id(), LabelType.DEFAULT, a.externalId()), NOW);
        db.labels().insert(project.id(), a.id(), null, Fixtures.label(a.id(), LabelType.PREDICTION, a.externalId()), NOW);
      }
    }
    db.assets().update(p.id(), List.of("a1", "a2"), AssetStatus.LABELED, null);

    List<StoredAsset> todo = new ArrayList<>();
    db.assets().forEachStored(new AssetQuery(p.id(), AssetStatus.TODO, null, null, null, 0), todo::add);
    List<StoredAsset> todoPredicted = new ArrayList<>();
    db.assets().forEachStored(new AssetQuery(p.id(), AssetStatus.TODO, LabelType.PREDICTION, null, null, 0), todoPredicted::add);
    List<StoredAsset> all = new ArrayList<>();
    db.assets().forEachStored(new AssetQuery(p.id(), null, null, null, null, 0), all::add);

    assertEquals(List.of("a0", "a3"), todo.stream().map(a -> utf8(a.externalId())).toList());
    assertEquals(List.of(2, 2), todo.stream().map(a -> a.labels().size()).toList());
    assertEquals(List.of("a0", "a3"), todoPredicted.stream().map(a -> utf8(a.externalId())).toList());
    assertEquals(List.of(2, 2), todoPredicted.stream().map(a -> a.labels().size()).toList());
    assertEquals(List.of("a0", "a1", "a2", "a3"), all.stream().map(a -> utf8(a.externalId())).toList());
    for (StoredAsset a : all) {
      assertEquals(List.of(LabelType.DEFAULT, LabelType.PREDICTION), a.labels().stream().map(StoredAsset.StoredLabel::labelType).toList());
      for (StoredAsset.StoredLabel label : a.labels()) {
        assertEquals(utf8(a.externalId()), MAPPER.readTree(label.responseJson()).at("/JOB_0/categories/0/name").asText());
      }
    }
  }

  @Test
  void jsonlExportWritesTheBytesJacksonsGeneratorWroteForEveryKindOfText() throws Exception {
    Caller admin = Fixtures.admin(db);
    Project p = Fixtures.project(db);
    StringBuilder controls = new StringBuilder();
    for (char c = 1; c < 0x20; c++) {
      controls.append(c);
    }
    String large = "long \u00e9\u4e2d\ud83d\ude00 \"q\" \\ \t".repeat(20_000);
    db.assets().insert(p.id(), List.of(
        new AssetDraft("controls", controls + "\u007f \\ / \"", null, 0, false, null),
        new AssetDraft("unicode \u00e9", "\u00e9t\u00e9 \u4e2d\u6587 \u0627\u0644 \u2028\u2029 \ufeff", Fixtures.json(
            "{\"note\": \"tab\\there \u00e9 \ud83d\ude00\", \"n\": [1, 2.5, -3e-7, 12345678901234], \"nested\": {\"a\": null, \"b\": true}}"),
            -2, false, null),
        new AssetDraft("emoji", "\ud83d\ude00\ud83d\udc4d\ud83c\udffd \ud83c\uddeb\ud83c\uddf7 family \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67",
            Fixtures.json("{}"), 7, true, null),
        new AssetDraft("large", large, null, 0, false, null),
        new AssetDraft("empty", "", Fixtures.json("{\"s\": \"\"}"), 0, false, null)), NOW);
    for (String externalId : List.of("controls", "unicode \u00e9", "emoji")) {
      String id = db.assets().findByExternalId(p.id(), externalId).orElseThrow().id();
      db.labels().insert(p.id(), id, null, Fixtures.label(id, LabelType.PREDICTION, "SP\u00c9CIAL \ud83d\ude00 \\\"x\\\" \\n"), NOW);
      db.labels().insert(p.id(), id, admin.userId(), Fixtures.label(id, LabelType.DEFAULT, "POLITICS"), NOW);
      db.labels().insert(p.id(), id, admin.userId(), Fixtures.skip(id), NOW);
    }

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    app.exports().export(admin, p.id(), ExportFormat.JSONL, new AssetQuery(p.id(), null, null, null, null, 0), out);

    List<Asset> assets = db.assets().list(new AssetQuery(p.id(), null, null, null, null, 100)).items();
    var labels = db.labels().forAssets(assets.stream().map(Asset::id).toList());
    ByteArrayOutputStream before = new ByteArrayOutputStream();
    for (Asset asset : assets) {
      before.write(jacksonLine(asset, labels.getOrDefault(asset.id(), List.of())));
    }
    assertEquals(5, out.toString(StandardCharsets.UTF_8).lines().count());
    assertEquals(before.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
    assertArrayEquals(before.toByteArray(), out.toByteArray());
  }

  /** The line the export wrote with Jackson's generator before it wrote bytes itself (stored JSON copied raw). */
  private static byte[] jacksonLine(Asset asset, List<Label> labels) throws Exception {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(line, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeStringField("id", asset.id());
      json.writeStringField("externalId", asset.externalId());
      json.writeStringField("content", asset.content());
      json.writeFieldName("metadata");
      json.writeRawValue(asset.metadata() == null ? "{}" : MAPPER.writeValueAsString(asset.metadata()));
      json.writeStringField("status", asset.status().name());
      json.writeNumberField("priority", asset.priority());
      json.writeBooleanField("isHoneypot", asset.honeypot());
      json.writeArrayFieldStart("labels");
      for (Label label : labels) {
        json.writeStartObject();
        json.writeStringField("id", label.id());
        json.writeStringField("labelType", label.labelType().name());
        json.writeFieldName("jsonResponse");
        json.writeRawValue(MAPPER.writeValueAsString(label.jsonResponse()));
        json.writeStringField("authorId", label.authorId());
        json.writeStringField("modelVersion", label.modelVersion());
        json.writeStringField("createdAt", label.createdAt().toString());
        if (label.secondsToLabel() != null) {
          json.writeNumberField("secondsToLabel", label.secondsToLabel());
        }
        json.writeBooleanField("skipped", label.skipped());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
    line.write('\n');
    return line.toByteArray();
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** The line the export wrote before it copied stored JSON: built from the decoded records. */
  private static ObjectNode expected(Asset asset, List<Label> labels) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", asset.id()).put("externalId", asset.externalId()).put("content", asset.content());
    o.set("metadata", asset.metadata() == null ? MAPPER.createObjectNode() : asset.metadata());
    o.put("status", asset.status().name()).put("priority", asset.priority()).put("isHoneypot", asset.honeypot());
    var array = o.putArray("labels");
    for (Label l : labels) {
      ObjectNode label = array.addObject();
      label.put("id", l.id()).put("labelType", l.labelType().name());
      label.set("jsonResponse", l.jsonResponse());
      label.put("authorId", l.authorId()).put("modelVersion", l.modelVersion()).put("createdAt", l.createdAt().toString());
      if (l.secondsToLabel() != null) {
        label.put("secondsToLabel", l.secondsToLabel());
      }
      label.put("skipped", l.skipped());
    }
    return o;
  }
}
