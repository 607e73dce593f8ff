package org.labelloop.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.core.asset.AssetDraft;

class SpoolTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path dir;

  private static ParsedRow row(long line, String id, String content, JsonNode metadata, String label, JsonNode answer) {
    AssetDraft draft = new AssetDraft(id, content, metadata, (int) line % 7, line % 2 == 0, label);
    return answer == null ? ParsedRow.ok(line, draft) : ParsedRow.answered(line, draft, answer);
  }

  @Test
  void rowsComeBackInOrderAndIntactFromMemoryAndFromTheFile() throws Exception {
    List<ParsedRow> rows = List.of(
        row(2, "a", "in memory", null, null, null),
        row(3, "b", "first one in the file", MAPPER.readTree("{\"k\":[1,\"x\"]}"), "POS", null),
        row(5, "c", "ünïcödé 😀 and \"quotes\"\n", null, null, MAPPER.readTree("{\"JOB_0\":{\"categories\":[{\"name\":\"A\"}]}}")),
        row(6, "d", "x".repeat(70_000) + "é", MAPPER.nullNode(), "", null),
        row(7, "e", "pre-annotated", null, null, null)
            .predicted(new ParsedRow.Prediction(MAPPER.readTree("{\"JOB_0\":{\"categories\":[{\"name\":\"B\",\"confidence\":80}]}}"), "yolo-1")));
    List<List<ParsedRow>> batches = new ArrayList<>();
    try (Spool spool = new Spool(dir, 1)) {
      rows.forEach(spool::add);
      assertEquals(5, spool.size());
      spool.drain(3, Long.MAX_VALUE, batches::add);
    }
    assertEquals(List.of(3, 2), batches.stream().map(List::size).toList());
    List<ParsedRow> back = batches.stream().flatMap(List::stream).toList();
    // A JSON null in place of metadata comes back as no metadata; everything else exactly as added.
    List<ParsedRow> expected = new ArrayList<>(rows);
    expected.set(3, row(6, "d", "x".repeat(70_000) + "é", null, "", null));
    assertEquals(expected, back);
    try (var files = Files.list(dir)) {
      assertFalse(files.findAny().isPresent(), "the temporary file is deleted on close");
    }
  }

  @Test
  void aBatchAlsoEndsAtAboutTheCharacterLimit() {
    List<Integer> sizes = new ArrayList<>();
    try (Spool spool = new Spool(dir, 2)) {
      for (int i = 1; i <= 5; i++) {
        spool.add(row(i, "r" + i, "0123456789", null, null, null));
      }
      spool.drain(1000, 20, batch -> sizes.add(batch.size()));
    }
    assertEquals(List.of(2, 2, 1), sizes);
  }
}
