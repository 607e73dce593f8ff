package org.labelloop.app.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.learn.data.TextDataset;

class TableReaderTest {
  @TempDir Path dir;

  @Test
  void readsQuotedCsvFieldsWithSeparatorsQuotesAndNewlines() throws Exception {
    Path file = dir.resolve("data.csv");
    Files.writeString(file, "text,label\n\"x, \"\"y\"\"\nz\",B\r\nw,A\n");
    TextDataset data = TableReader.read(file, "csv", "text", "label", false);
    assertEquals(List.of("x, \"y\"\nz", "w"), data.texts());
    assertEquals(List.of("A", "B"), data.classes());
  }

  @Test
  void readsNumberedTsvColumnsWithoutHeader() throws Exception {
    Path file = dir.resolve("sms.tsv");
    Files.writeString(file, "ham\tsee you at 5\nspam\tWIN a prize now\n");
    TextDataset data = TableReader.read(file, "tsv", "2", "1", true);
    assertEquals(List.of("see you at 5", "WIN a prize now"), data.texts());
    assertEquals(List.of("ham", "spam"), data.classes());
  }
}
