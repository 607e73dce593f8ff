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
    try (RowSource source = RowSource.open(new ByteArrayInputStream(data), options, type, ImportLimits.DEFAULT)) {
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
  void rejectsBytesThatAreNotUtf8AtTheLineTheyAreOn() {
    byte[] small = {'i', 'd', ',', 't', 'e', 'x', 't', '\n', 'a', ',', 'b', '\n', 'c', ',', (byte) 0xff, (byte) 0xfe, '\n'};
    List<ParsedRow> bad = read(small, csv(null, null, null), InputType.TEXT);
    assertEquals(2, bad.size());
    assertEquals("b", bad.get(0).draft().content());
    assertEquals(3, bad.get(1).line());
    assertTrue(bad.get(1).error().contains("not valid UTF-8"), bad.get(1).error());

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
  void aStoredContentThatIsNotARowReadsAsMissingCells() {
    assertEquals(java.util.Map.of("alcohol", "9.4"), TableRows.storedCells("{\"alcohol\":9.4}"));
    assertEquals(java.util.Map.of(), TableRows.storedCells("hello"));
    assertEquals(java.util.Map.of(), TableRows.storedCells("[1, 2]"));
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

  private static List<ParsedRow> read(byte[] data, ImportFormat format) {
    return read(data, new ImportOptions(format, null, null, null, false), InputType.TEXT);
  }

  @Test
  void dropsAUtf8ByteOrderMarkBeforeTheHeader() {
    byte[] bom = "\uFEFFid,text\na,first\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("a", read(bom, csv("id", "text", null), InputType.TEXT).getFirst().draft().externalId());
    byte[] jsonl = "\uFEFF{\"id\":\"j\",\"text\":\"t\"}\n".getBytes(StandardCharsets.UTF_8);
    assertEquals("j", read(jsonl, ImportFormat.JSONL).getFirst().draft().externalId());
  }

  @Test
  void anUnclosedJsonArrayEndsWithOneErrorInsteadOfSpinning() {
    List<ParsedRow> rows = read("[{\"externalId\":\"x\",\"content\":\"t\"}".getBytes(StandardCharsets.UTF_8), ImportFormat.JSON);
    assertEquals(2, rows.size());
    assertEquals("x", rows.get(0).draft().externalId());
    assertTrue(rows.get(1).error().contains("invalid JSON"), rows.get(1).error());
  }

  @Test
  void utf16AndRandomBytesAsJsonLinesEndWithOneError() {
    byte[] utf16 = "{\"externalId\":\"u1\",\"content\":\"x\"}\n".getBytes(StandardCharsets.UTF_16);
    List<ParsedRow> rows = read(utf16, ImportFormat.JSONL);
    assertEquals(1, rows.size());
    assertTrue(rows.getFirst().error().contains("UTF-16"), rows.getFirst().error());
    byte[] random = new byte[20_000];
    new java.util.Random(17).nextBytes(random);
    List<ParsedRow> noise = read(random, ImportFormat.JSONL);
    assertTrue(noise.size() <= 1 + java.util.stream.IntStream.range(0, random.length).filter(i -> random[i] == '\n').count());
    assertTrue(noise.stream().allMatch(r -> r.error() != null));
  }

  @Test
  void aFileOfNulBytesIsRefusedAtLineOne() {
    var e = assertThrows(LabelloopException.class, () -> read(new byte[100_000], csv("id", "text", null), InputType.TEXT));
    assertTrue(e.getMessage().startsWith("line 1:") && e.getMessage().contains("NUL"), e.getMessage());
    assertTrue(e.getMessage().length() < 300, e.getMessage());
  }

  @Test
  void aTxtFileIsOneTextPerLineForTextProjectsOnly() {
    List<ParsedRow> rows = read("first\r\n\n   \nsecond, with commas\n".getBytes(StandardCharsets.UTF_8), ImportFormat.TXT);
    assertEquals(List.of(1L, 4L), rows.stream().map(ParsedRow::line).toList());
    assertEquals(List.of("first", "second, with commas"), rows.stream().map(r -> r.draft().content()).toList());
    assertEquals(Columns.contentId("first"), rows.getFirst().draft().externalId());
    var e = assertThrows(LabelloopException.class,
        () -> read("a.png\n", new ImportOptions(ImportFormat.TXT, null, null, null, false), InputType.IMAGE));
    assertTrue(e.getMessage().contains("for TEXT projects"), e.getMessage());
    assertEquals(ImportFormat.TXT, ImportFormat.fromFileName("Notes.TXT"));
  }

  @Test
  void aWorkbookIsRefusedWithWhatToDoInstead() {
    var byName = assertThrows(LabelloopException.class, () -> ImportFormat.fromFileName("sales.xlsx"));
    assertTrue(byName.getMessage().contains("save the sheet as CSV UTF-8"), byName.getMessage());
    byte[] zip = new byte[200];
    System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, zip, 0, 4);
    var byBytes = assertThrows(LabelloopException.class, () -> read(zip, csv("id", "text", null), InputType.TEXT));
    assertTrue(byBytes.getMessage().contains("a zip archive") && byBytes.getMessage().contains("save the sheet as CSV UTF-8"),
        byBytes.getMessage());
  }

  @Test
  void aCellOverTheLimitIsRejectedWithItsLineAndARowOverItStopsTheFile() {
    ImportLimits small = new ImportLimits(100, 20_000, 1L << 30, 1L << 20, 100, 10_000, ZipLimits.DEFAULT);
    String data = "id,text\na,fine\nb," + "x".repeat(150) + "\nc,fine\nd," + "y".repeat(50_000) + "\ne,never read\n";
    List<ParsedRow> rows = new ArrayList<>();
    try (RowSource source = RowSource.open(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)), csv("id", "text", null), InputType.TEXT, small)) {
      for (ParsedRow row = source.next(); row != null; row = source.next()) {
        rows.add(row);
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(List.of(2L, 3L, 4L, 5L), rows.stream().map(ParsedRow::line).toList());
    assertTrue(rows.get(1).error().contains("150 characters"), rows.get(1).error());
    assertEquals("c", rows.get(2).draft().externalId());
    assertTrue(rows.get(3).error().contains("longer than the limit"), rows.get(3).error());
  }

  @Test
  void aJsonLineOverTheLimitIsSkippedAndTheNextLineRead() {
    ImportLimits small = new ImportLimits(100, 1000, 1L << 30, 1L << 20, 100, 10_000, ZipLimits.DEFAULT);
    String data = "{\"id\":\"a\",\"text\":\"" + "z".repeat(5000) + "\"}\n{\"id\":\"b\",\"text\":\"ok\"}\n";
    List<ParsedRow> rows = new ArrayList<>();
    try (RowSource source = RowSource.open(new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8)),
        new ImportOptions(ImportFormat.JSONL, null, null, null, false), InputType.TEXT, small)) {
      for (ParsedRow row = source.next(); row != null; row = source.next()) {
        rows.add(row);
      }
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertEquals(2, rows.size());
    assertEquals(1, rows.get(0).line());
    assertTrue(rows.get(0).error().contains("longer than the limit"), rows.get(0).error());
    assertEquals("b", rows.get(1).draft().externalId());
  }

  @Test
  void aHeaderThatNamesAColumnTwiceIsRefused() { // found by ImportFuzzIT: "id,text,text,label" mapped label past the row
    var e = assertThrows(LabelloopException.class, () -> read("id,text,text,label\na,one,x\n", csv(null, null, null), InputType.TEXT));
    assertTrue(e.getMessage().startsWith("line 1:") && e.getMessage().contains("duplicate"), e.getMessage());
  }
}
