package org.labelloop.app.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.app.Main;

class FindLabelErrorsCommandTest {
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
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream old = System.out;
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      code = Main.commandLine().execute("find-label-errors", "--data", file.toString(), "--format", "csv",
          "--text", "text", "--label", "label", "--flip", "0.05", "--seed", "5");
    } finally {
      System.setOut(old);
    }
    assertEquals(0, code);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    Matcher m = Pattern.compile("flipped=(\\d+) flagged=(\\d+) precision_at_k=(\\d\\.\\d\\d) recall_at_k=(\\d\\.\\d\\d)")
        .matcher(lines.getLast());
    assertTrue(m.matches(), lines.getLast());
    assertEquals(10, Integer.parseInt(m.group(1)));
    assertTrue(Double.parseDouble(m.group(3)) >= 0.7, lines.getLast());
  }
}
