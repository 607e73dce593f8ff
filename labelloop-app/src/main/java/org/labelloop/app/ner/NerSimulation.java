package org.labelloop.app.ner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.NerSimulator;
import org.labelloop.learn.strategy.Strategies;
import org.labelloop.learn.ner.NerTrainingConfig;
import org.labelloop.learn.ner.WordClusters;
import org.labelloop.learn.ner.Prf;
import org.labelloop.learn.ner.format.NerFormatException;
import org.labelloop.learn.ner.format.NerFormats;

/** {@code simulate --task ner}: active-learning curves for the tagger, CSV + optional SVG + final lines on stdout. */
public final class NerSimulation {
  private NerSimulation() {}

  /**
   * Runs the simulation; returns the process exit code (0 ok, 2 bad input). {@code test == null} splits off
   * {@code testFraction} of {@code data} (seeded) as the test set; {@code format} null means {@code conll};
   * {@code wordClusters} (or null) are the k of MiniLM word clusters built on the pool's words, as {@code train} does. Writes the
   * curve CSV to {@code out} and an SVG chart to {@code plot} when non-null, progress to stderr, and one
   * {@code final strategy=... sentences=... precision=... recall=... f1=...} line per strategy to {@code stdout}.
   */
  public static int run(Path data, String format, Path test, double testFraction, List<String> strategies, int initial,
      int batch, int budget, long seed, int[] wordClusters, Path out, Path plot, PrintStream stdout) {
    PrintStream err = System.err;
    try {
      List<String> parsed = strategies.stream().flatMap(s -> List.of(s.split(",")).stream()).filter(s -> !s.isBlank())
          .map(s -> Strategies.named(s).name()).toList();
      if (parsed.isEmpty()) throw new IllegalArgumentException("no strategy given");
      if (format == null || format.isBlank()) format = "conll";
      List<NerSentence> pool = NerFormats.read(data, format);
      List<NerSentence> testSet;
      if (test != null) {
        testSet = NerFormats.read(test, format);
      } else {
        if (!(testFraction > 0 && testFraction < 1)) throw new IllegalArgumentException("--test-fraction must be in (0, 1)");
        List<NerSentence> shuffled = new ArrayList<>(pool);
        Collections.shuffle(shuffled, new java.util.Random(seed));
        int nTest = (int) Math.round(shuffled.size() * testFraction);
        testSet = List.copyOf(shuffled.subList(0, nTest));
        pool = List.copyOf(shuffled.subList(nTest, shuffled.size()));
      }
      if (testSet.isEmpty()) throw new IllegalArgumentException("empty test set");
      err.printf(Locale.ROOT, "ner simulate: pool %d sentences, test %d sentences, strategies %s%n", pool.size(), testSet.size(),
          parsed);
      WordClusters clusters = wordClusters == null ? null : WordClusterBuilder.build(pool, testSet, seed, wordClusters, err);
      NerTrainingConfig config = NerTrainingConfig.defaults(seed);
      config = config.withFeatures(config.features().withWordClusters(clusters != null));
      ProgressBar bar = new ProgressBar(err);
      Map<String, NerSimulator.Point> last = new LinkedHashMap<>();
      List<NerSimulator.Point> points = new NerSimulator(config, clusters).run(pool, testSet, parsed, initial, batch, budget, seed,
          (p, done, total) -> {
            last.put(p.strategy(), p);
            bar.update(done, total, p.strategy() + " " + p.sentences() + " f1=" + fmt(p.scores().overall().f1()));
          });
      bar.finish();
      if (out != null) writeCsv(points, out);
      if (plot != null) Files.writeString(plot, SvgPlot.render(points), StandardCharsets.UTF_8);
      for (NerSimulator.Point p : last.values()) {
        Prf o = p.scores().overall();
        stdout.printf(Locale.ROOT, "final strategy=%s sentences=%d precision=%s recall=%s f1=%s%n", p.strategy(),
            p.sentences(), fmt(o.precision()), fmt(o.recall()), fmt(o.f1()));
      }
      return 0;
    } catch (IOException e) {
      err.println("error: cannot read or write: " + e.getMessage());
      return 2;
    } catch (NerFormatException | IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  static String fmt(double v) { return String.format(Locale.ROOT, "%.4f", v); }

  private static void writeCsv(List<NerSimulator.Point> points, Path out) throws IOException {
    try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      w.write("strategy,sentences,precision,recall,f1,train_seconds\n");
      for (NerSimulator.Point p : points) {
        Prf o = p.scores().overall();
        w.write(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,%.3f%n", p.strategy(), p.sentences(), fmt(o.precision()),
            fmt(o.recall()), fmt(o.f1()), p.trainSeconds()));
      }
    }
  }

  /** One-line progress on stderr. */
  static final class ProgressBar {
    private final PrintStream err;

    ProgressBar(PrintStream err) { this.err = err; }

    void update(int done, int total, String what) {
      int width = 30;
      int filled = total == 0 ? width : width * done / total;
      err.printf(Locale.ROOT, "\r[%s%s] %d/%d %s   ", "#".repeat(filled), " ".repeat(width - filled), done, total, what);
      err.flush();
    }

    void finish() { err.println(); }
  }

}
