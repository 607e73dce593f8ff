package org.labelloop.learn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.image.ImageEncoder;
import org.labelloop.learn.image.ShippedImageEncoder;
import org.labelloop.learn.learner.LiblinearLrLearner;
import org.labelloop.learn.learner.Scorer;
import org.labelloop.learn.metrics.Metrics;

/**
 * Offline evaluation of the shipped image embedding on a manifest ({@code file,label,split}, splits train/val):
 * embedding speed (decoding included), then logistic regression on standardised features with all train labels,
 * with 40 random labels and with 40 margin-chosen labels (10 random, then batches of 10), mean of 5 seeds.
 *
 * <pre>java -cp … org.labelloop.learn.bench.ImageBench MANIFEST.csv [THREADS]</pre>
 */
public final class ImageBench {
  private static final double[] CS = {0.003, 0.01, 0.03, 0.1, 1};
  private static final int SEEDS = 5, INITIAL = 10, BATCH = 10, BUDGET = 40;

  private ImageBench() {}

  public static void main(String[] args) throws IOException {
    Path manifest = Path.of(args[0]);
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : Runtime.getRuntime().availableProcessors();
    List<String[]> rows = Files.readAllLines(manifest).stream().skip(1).map(l -> l.split(",")).toList();
    List<String> classes = rows.stream().map(r -> r[1]).distinct().sorted().toList();
    List<byte[]> images = new ArrayList<>();
    for (String[] r : rows) images.add(Files.readAllBytes(manifest.resolveSibling(r[0])));
    float[][] x;
    try (ImageEncoder enc = new ShippedImageEncoder(threads)) {
      enc.embed(images.subList(0, Math.min(8, images.size()))); // warm-up
      long t0 = System.nanoTime();
      x = enc.embed(images);
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "embed encoder=%s images=%d threads=%d seconds=%.1f images_per_s=%.2f%n",
          enc.name(), images.size(), threads, s, images.size() / s);
    }
    int[] train = IntStream.range(0, rows.size()).filter(i -> rows.get(i)[2].equals("train")).toArray();
    int[] val = IntStream.range(0, rows.size()).filter(i -> rows.get(i)[2].equals("val")).toArray();
    int[] y = rows.stream().mapToInt(r -> classes.indexOf(r[1])).toArray();
    standardise(x, train);
    for (double c : CS) {
      double all = accuracy(fit(x, y, train, c, classes.size()), x, y, val);
      double[] rnd = new double[SEEDS], margin = new double[SEEDS], aulcR = new double[SEEDS], aulcM = new double[SEEDS];
      for (int seed = 0; seed < SEEDS; seed++) {
        double[] r = curve(x, y, train, val, c, classes.size(), seed, false);
        double[] m = curve(x, y, train, val, c, classes.size(), seed, true);
        rnd[seed] = r[r.length - 1];
        margin[seed] = m[m.length - 1];
        aulcR[seed] = mean(r);
        aulcM[seed] = mean(m);
      }
      System.out.printf(Locale.ROOT, "lr C=%s all_labels=%.4f random@%d=%.4f margin@%d=%.4f aulc_random=%.4f aulc_margin=%.4f%n",
          c, all, BUDGET, mean(rnd), BUDGET, mean(margin), mean(aulcR), mean(aulcM));
    }
  }

  /** Validation accuracy after each batch (10, 20, 30, 40 labels); its mean is the area under the curve. */
  private static double[] curve(float[][] x, int[] y, int[] pool, int[] val, double c, int k, int seed, boolean margin) {
    List<Integer> left = new ArrayList<>(Arrays.stream(pool).boxed().toList());
    Collections.shuffle(left, new Random(seed));
    List<Integer> labeled = new ArrayList<>(left.subList(0, INITIAL));
    left.subList(0, INITIAL).clear();
    List<Double> acc = new ArrayList<>();
    while (true) {
      Scorer s = fit(x, y, labeled.stream().mapToInt(Integer::intValue).toArray(), c, k);
      acc.add(accuracy(s, x, y, val));
      if (labeled.size() >= BUDGET) break;
      List<Integer> pick = new ArrayList<>(left.subList(0, BATCH));
      if (margin) {
        double[][] p = s.scores(rows(x, left.stream().mapToInt(Integer::intValue).toArray()));
        pick = IntStream.range(0, left.size()).boxed().sorted((a, b) -> Double.compare(gap(p[a]), gap(p[b])))
            .limit(BATCH).map(left::get).toList();
      }
      labeled.addAll(pick);
      left.removeAll(pick);
    }
    return acc.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Top-two gap of the class probabilities (the scores are log-probabilities). */
  private static double gap(double[] s) {
    double[] p = Arrays.stream(s).map(Math::exp).sorted().toArray();
    return p[p.length - 1] - p[p.length - 2];
  }

  private static Scorer fit(float[][] x, int[] y, int[] rows, double c, int k) {
    return new LiblinearLrLearner(c).fit(rows(x, rows), Arrays.stream(rows).map(i -> y[i]).toArray(), k);
  }

  private static double accuracy(Scorer s, float[][] x, int[] y, int[] val) {
    double[][] p = s.scores(rows(x, val));
    int ok = 0;
    for (int i = 0; i < val.length; i++) if (Metrics.argmax(p[i]) == y[val[i]]) ok++;
    return ok / (double) val.length;
  }

  private static SparseMatrix rows(float[][] x, int[] idx) {
    return SparseMatrix.ofDense(Arrays.stream(idx).mapToObj(i -> x[i]).toArray(float[][]::new), x[0].length);
  }

  /** z-scores each column with the mean and deviation of the unlabeled pool (no labels are looked at). */
  private static void standardise(float[][] x, int[] pool) {
    for (int j = 0; j < x[0].length; j++) {
      double s = 0, ss = 0;
      for (int i : pool) {
        s += x[i][j];
        ss += x[i][j] * x[i][j];
      }
      double m = s / pool.length, sd = Math.sqrt(Math.max(0, ss / pool.length - m * m)) + 1e-6;
      for (float[] row : x) row[j] = (float) ((row[j] - m) / sd);
    }
  }

  private static double mean(double[] v) { return Arrays.stream(v).average().orElse(0); }
}
