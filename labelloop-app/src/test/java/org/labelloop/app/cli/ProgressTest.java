package org.labelloop.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
  @Test
  void aBarWithAnUnknownTotalIsRedrawnAtMostTenTimesASecondNotOnEveryRead() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Progress progress = new Progress(new PrintStream(bytes, true, StandardCharsets.UTF_8), "downloading", -1);
    long start = System.nanoTime();
    for (long done = 1; done <= 10_000; done++) {
      progress.update(done * 65_536);
    }
    long tenths = (System.nanoTime() - start) / 100_000_000L;
    long redraws = bytes.toString(StandardCharsets.UTF_8).chars().filter(c -> c == '\r').count();
    assertTrue(redraws <= tenths + 1, redraws + " redraws in " + tenths + " tenths of a second");
  }
}
