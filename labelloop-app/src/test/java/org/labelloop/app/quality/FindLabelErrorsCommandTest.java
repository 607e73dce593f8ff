package org.labelloop.app.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.app.Main;

class FindLabelErrorsCommandTest {
  private static final Pattern SUMMARY =
      Pattern.compile("flipped=(\\d+) flagged=(\\d+) precision_at_k=(\\d\\.\\d\\d) recall_at_k=(\\d\\.\\d\\d)");

  @TempDir Path dir;

  @Test
  void findsFlippedLabelsOnSeparableTextAndEndsWithTheSummaryLine() throws Exception {
    String[][] words = {{"goal", "match", "team", "league", "coach", "striker"}, {"chip", "code", "server", "laptop", "robot", "software"}};
    StringBuilder csv = new StringBuilder("text,label\n");
    SplittableRandom rnd = new SplittableRandom(3);
    for (int i = 0; i < 200; i++) {
      int c = i % 2;
      csv.append(words[c][rnd.nextInt(6)]).append(' ').append(words[c][rnd.nextInt(6)]).append(' ')
          .append(words[c][rnd.nextInt(6)]).append(" item").append(i).append(',').append(c == 0 ? "SPORT" : "TECH").append('\n');
    }
    Path file = dir.resolve("data.csv");
    Files.writeString(file, csv);
    String last = run("find-label-errors", "--data", file.toString(), "--format", "csv", "--text", "text", "--label", "label",
        "--flip", "0.05", "--seed", "5").getLast();
    Matcher m = SUMMARY.matcher(last);
    assertTrue(m.matches(), last);
    assertEquals(10, Integer.parseInt(m.group(1)));
    assertTrue(Double.parseDouble(m.group(3)) >= 0.7, last);
  }

  @Test
  void findsFlippedLabelsOfATableByItsColumns() throws Exception {
    // the class follows one number whose digits differ on every row: words alone would find nothing
    StringBuilder csv = new StringBuilder("id,acidity,region,label\n");
    SplittableRandom rnd = new SplittableRandom(4);
    for (int i = 0; i < 200; i++) {
      boolean red = i % 2 == 0;
      csv.append('w').append(i).append(',').append(String.format(Locale.ROOT, "%.6f", (red ? 0.6 : 0.3) + rnd.nextDouble() * 0.1))
          .append(',').append(rnd.nextBoolean() ? "north" : "south").append(',').append(red ? "RED" : "WHITE").append('\n');
    }
    Path file = dir.resolve("wines.csv");
    Files.writeString(file, csv);
    String last = run("find-label-errors", "--task", "tabular", "--data", file.toString(), "--format", "csv", "--label", "label",
        "--drop", "id", "--flip", "0.05", "--seed", "5").getLast();
    Matcher m = SUMMARY.matcher(last);
    assertTrue(m.matches(), last);
    assertEquals(10, Integer.parseInt(m.group(1)));
    assertEquals(1.0, Double.parseDouble(m.group(3)), last);
  }

  private static List<String> run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      assertEquals(0, Main.commandLine().execute(args));
    } finally {
      System.setOut(old);
    }
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }
}
