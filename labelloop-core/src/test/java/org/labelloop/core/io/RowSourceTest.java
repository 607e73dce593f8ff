package org.labelloop.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.InputType;

class RowSourceTest {
  private static List<ParsedRow> read(String data, ImportOptions options, InputType type) {
    return read(data.getBytes(StandardCharsets.UTF_8), options, type);
  }

  private static List<ParsedRow> read(byte[] data, ImportOptions options, InputType type) {
    List<ParsedRow> rows = new ArrayList<>();
    try (RowSource source = RowSource.open(new ByteArrayInputStream(data), options, type)) {
      for (ParsedRow row = source.next(); row != null; row = source.next()) {
        rows.add(row);
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    return rows;
  }

  private static ImportOptions csv(String id, String text, String label) {
    return new ImportOptions(ImportFormat.CSV, id, text, label, false);
  }

  @Test
  void readsQuotedCsvWithLineNumbersAndMetadata() {
    List<ParsedRow> rows =
        read("id,text,source\na1,\"hello, world\",web\na2,\"two\nlines\",mail\na3,plain,web\n", csv("id", "text", null), InputType.TEXT);
    assertEquals(3, rows.size());
    assertEquals("hello, world", rows.get(0).draft().content());
    assertEquals("web", rows.get(0).draft().metadata().get("source").asText());
    assertEquals(List.of(2L, 3L, 5L), rows.stream().map(ParsedRow::line).toList());
  }

  @Test
  void reportsUnterminatedQuoteWithItsLine() {
    List<ParsedRow> rows = read("id,text\na1,ok\na2,\"unterminated\n", csv("id", "text", null), InputType.TEXT);
    assertEquals(2, rows.size());
    assertNull(rows.get(1).draft());
    assertEquals(3, rows.get(1).line());
  }

  @Test
  void reportsRowsWithTheWrongNumberOfFields() {
    List<ParsedRow> rows = read("id,text\na1,ok\na2\n", csv("id", "text", null), InputType.TEXT);
    assertTrue(rows.get(1).error().contains("expected 2 fields"), rows.get(1).error());
  }

  @Test
  void rejectsAChosenColumnThatIsNotInTheHeader() {
    var e = assertThrows(LabelloopException.class, () -> read("id,body\na,b\n", csv("id", "text", null), InputType.TEXT));
    assertTrue(e.getMessage().contains("'text' is not in the file"), e.getMessage());
  }

  @Test
  void rejectsBytesThatAreNotUtf8() {
    byte[] small = {'i', 'd', ',', 't', 'e', 'x', 't', '\n', 'a', ',', (byte) 0xff, (byte) 0xfe, '\n'};
    var e = assertThrows(LabelloopException.class, () -> read(small, csv(null, null, null), InputType.TEXT));
    assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());

    StringBuilder big = new StringBuilder("id,text\n");
    for (int i = 0; i < 20_000; i++) {
      big.append('r').append(i).append(",fine text\n");
    }
    byte[] head = big.toString().getBytes(StandardCharsets.UTF_8);
    byte[] data = java.util.Arrays.copyOf(head, head.length + 4);
    System.arraycopy(new byte[] {'x', ',', (byte) 0xff, '\n'}, 0, data, head.length, 4);
    List<ParsedRow> rows = read(data, csv(null, null, null), InputType.TEXT);
    assertTrue(rows.getLast().error().contains("not valid UTF-8"), String.valueOf(rows.getLast()));
  }

  @Test
  void givesRowsWithoutIdAStableContentId() {
    List<ParsedRow> rows = read("text\nsame\nsame\n", csv(null, null, null), InputType.TEXT);
    assertEquals(rows.get(0).draft().externalId(), rows.get(1).draft().externalId());
  }

  @Test
  void tabularRowBecomesJsonContent() {
    List<ParsedRow> rows = read("id,alcohol,color,quality\nw1,9.4,red,5\n", csv("id", null, "quality"), InputType.TABULAR);
    assertEquals("{\"alcohol\":\"9.4\",\"color\":\"red\"}", rows.getFirst().draft().content());
    assertEquals("5", rows.getFirst().draft().label());
  }

  @Test
  void readsJsonLinesAndReportsBadLines() {
    String data = "{\"externalId\":\"x1\",\"content\":\"one\",\"priority\":3}\n\nnot json\n{\"id\":\"x3\",\"text\":\"three\",\"isHoneypot\":true}\n";
    List<ParsedRow> rows = read(data, new ImportOptions(ImportFormat.JSONL, null, null, null, false), InputType.TEXT);
    assertEquals(3, rows.get(0).draft().priority());
    assertEquals(3, rows.get(1).line());
    assertTrue(rows.get(1).error().startsWith("invalid JSON"));
    assertTrue(rows.get(2).draft().honeypot());
    assertEquals("x3", rows.get(2).draft().externalId());
  }

  @Test
  void readsJsonArray() {
    String data = "[{\"externalId\":\"a\",\"content\":\"A\"},\n {\"externalId\":\"b\",\"content\":\"B\",\"metadata\":{\"k\":1}}]";
    List<ParsedRow> rows = read(data, new ImportOptions(ImportFormat.JSON, null, null, null, false), InputType.TEXT);
    assertEquals(List.of("a", "b"), rows.stream().map(r -> r.draft().externalId()).toList());
    assertEquals(1, rows.get(1).draft().metadata().get("k").asInt());
  }
}
