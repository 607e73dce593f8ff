package org.labelloop.app.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr, redrawn at most ten times a second; silent when stderr is not a terminal-ish stream. */
final class Progress {
  private static final int WIDTH = 30;
  /** Whether a bar is drawn on stderr and its line not ended yet (stderr is one per process). */
  private static volatile boolean lineOpen;
  private final PrintStream err;
  private final String label;
  private final long total;
  private long lastDraw;

  Progress(PrintStream err, String label, long total) {
    this.err = err;
    this.label = label;
    this.total = total;
  }

  synchronized void update(long done) {
    long now = System.nanoTime();
    // An unknown total (-1) is never reached: without the first test such a bar was redrawn on every read.
    if (now - lastDraw < 100_000_000L && (total < 0 || done < total)) {
      return;
    }
    lastDraw = now;
    draw(done);
  }

  synchronized void finish(long done, String message) {
    draw(done);
    err.println(message == null ? "" : "  " + message);
    lineOpen = false;
  }

  /** Ends a bar's line left open by work that failed midway, so that what follows starts on a line of its own. */
  static void endOpenLine(java.io.PrintStream err) {
    if (lineOpen) {
      err.println();
      lineOpen = false;
    }
  }

  private void draw(long done) {
    if (total > 0) {
      int filled = (int) Math.min(WIDTH, WIDTH * done / total);
      err.printf(Locale.ROOT, "\r%s [%s%s] %3d%% %s / %s", label, "#".repeat(filled), " ".repeat(WIDTH - filled),
          Math.min(100, 100 * done / total), mb(done), mb(total));
    } else {
      err.printf(Locale.ROOT, "\r%s %s", label, mb(done));
    }
    err.flush();
    lineOpen = true;
  }

  private static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
  }
}
