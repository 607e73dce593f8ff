package org.labelloop.app.learn;

import java.io.PrintWriter;
import org.labelloop.learn.automl.Progress;

/** A one-line {@code \r} progress bar on stderr. */
public final class ProgressBar implements Progress {
  private final PrintWriter err;
  private final String label;
  private long lastDraw;

  public ProgressBar(PrintWriter err, String label) {
    this.err = err;
    this.label = label;
  }

  @Override public synchronized void update(int done, int total, String what) {
    long now = System.nanoTime();
    if (done < total && now - lastDraw < 100_000_000L) return;
    lastDraw = now;
    int width = 30;
    int filled = total <= 0 ? 0 : Math.min(width, done * width / total);
    String w = what.length() > 40 ? what.substring(0, 40) : what;
    err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + Math.min(done, total) + "/" + total
        + " " + w + "\u001b[K");
    err.flush();
  }

  public void finish() {
    err.print("\r\u001b[K");
    err.flush();
  }
}
