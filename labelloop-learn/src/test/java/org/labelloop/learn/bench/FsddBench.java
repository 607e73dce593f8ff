package org.labelloop.learn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.labelloop.learn.audio.AudioClip;
import org.labelloop.learn.audio.AudioDecoder;
import org.labelloop.learn.audio.AudioFeaturizer;
import org.labelloop.learn.automl.Folds;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.learner.SoftmaxLearner;
import org.labelloop.learn.learner.XgboostLearner;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.strategy.QueryStrategy;
import org.labelloop.learn.strategy.Strategies;

/**
 * Spoken digits (FSDD): featurizer speed, learners and feature blocks chosen by 5-fold CV on split=train, then
 * accuracy on split=test with all train labels, active learning (random vs margin, 20 + 4 × 20 labels, 5 seeds) and
 * accuracy on a speaker never heard in training. Feature blocks are also scored by CV grouped by speaker (train on five
 * speakers' split=train clips, validate on the sixth's), the validation behind the speaker-held-out figure. {@code java -cp ... org.labelloop.learn.bench.FsddBench DATASET_DIR}. Not a unit test.
 */
public final class FsddBench {
  private FsddBench() {}

  record Clip(String file, String label, String speaker, String split) {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<Clip> clips = Files.readAllLines(dir.resolve("manifest.csv")).stream().skip(1).map(l -> l.split(","))
        .map(f -> new Clip(f[0], f[1], f[2], f[3])).toList();
    System.out.printf("load before: %s", Files.readString(Path.of("/proc/loadavg")));
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long c0 = os.getProcessCpuTime(), t0 = System.nanoTime();
    List<AudioClip> audio = clips.parallelStream().map(c -> {
      try {
        return AudioDecoder.decode(Files.readAllBytes(dir.resolve(c.file())));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).toList();
    long c1 = os.getProcessCpuTime(), t1 = System.nanoTime();
    float[][] x;
    try (AudioFeaturizer f = new AudioFeaturizer()) {
      x = f.featurize(audio);
    }
    long c2 = os.getProcessCpuTime(), t2 = System.nanoTime();
    double seconds = audio.stream().mapToDouble(AudioClip::seconds).sum();
    System.out.printf("decode+resample: %d clips (%.0f s of audio) in %.1f s = %.0f clips/s; features: %.1f s = %.0f clips/s;"
        + " together %.0f clips/s; load after: %s", clips.size(), seconds, (t1 - t0) / 1e9, clips.size() / ((t1 - t0) / 1e9),
        (t2 - t1) / 1e9, clips.size() / ((t2 - t1) / 1e9), clips.size() / ((t2 - t0) / 1e9),
        Files.readString(Path.of("/proc/loadavg")));
    System.out.printf("cpu: decode+resample %.2f ms/clip, features %.2f ms/clip (%d cores)%n", (c1 - c0) / 1e6 / clips.size(),
        (c2 - c1) / 1e6 / clips.size(), Runtime.getRuntime().availableProcessors());

    List<String> classes = clips.stream().map(Clip::label).distinct().sorted().toList();
    int[] y = clips.stream().mapToInt(c -> classes.indexOf(c.label())).toArray();
    int[] train = IntStream.range(0, clips.size()).filter(i -> clips.get(i).split().equals("train")).toArray();
    int[] test = IntStream.range(0, clips.size()).filter(i -> clips.get(i).split().equals("test")).toArray();
    List<String> names = AudioFeaturizer.names();
    int[] all = IntStream.range(0, names.size()).toArray();

    System.out.println("-- learners, 5-fold CV on split=train, all feature blocks");
    List<Learner> learners = List.of(new SoftmaxLearner(0.1), new SoftmaxLearner(1), new SoftmaxLearner(10),
        new XgboostLearner(100, 4, 0.1, 1, 1));
    Learner best = null;
    double bestCv = -1;
    for (Learner l : learners) {
      long start = System.nanoTime();
      double cv = cv(x, y, train, all, l, classes.size());
      System.out.printf("%-24s cv_accuracy=%.4f seconds=%.1f%n", l.name(), cv, (System.nanoTime() - start) / 1e9);
      if (cv > bestCv) { bestCv = cv; best = l; }
    }
    System.out.printf("all blocks speaker_cv=%.4f%n", speakerCv(x, y, clips, train, all, best, classes.size()));
    System.out.println("-- feature blocks with " + best.name() + ", 5-fold CV and CV by speaker on split=train");
    for (String block : List.of("mfcc", "delta", "mel", "shape", "energy", "vad")) {
      int[] without = IntStream.range(0, names.size()).filter(j -> !names.get(j).startsWith(block + ".")).toArray();
      int[] only = IntStream.range(0, names.size()).filter(j -> names.get(j).startsWith(block + ".")).toArray();
      System.out.printf("%-7s alone cv_accuracy=%.4f speaker_cv=%.4f   all but it cv_accuracy=%.4f speaker_cv=%.4f%n",
          block, cv(x, y, train, only, best, classes.size()), speakerCv(x, y, clips, train, only, best, classes.size()),
          cv(x, y, train, without, best, classes.size()), speakerCv(x, y, clips, train, without, best, classes.size()));
    }
    System.out.printf("-- split=test, all %d train labels, %s: test_accuracy=%.4f%n", train.length, best.name(),
        accuracy(x, y, train, test, all, best, classes.size()));

    System.out.println("-- active learning on split=train, accuracy on split=test: initial 20, batch 20, budget 100, seeds 1-5");
    for (String strategy : List.of("random", "margin")) {
      double at100 = 0, aulc = 0;
      for (long seed = 1; seed <= 5; seed++) {
        double[] curve = activeLearning(x, y, train, test, best, classes.size(), Strategies.named(strategy), seed);
        at100 += curve[curve.length - 1] / 5;
        aulc += Arrays.stream(curve).average().orElseThrow() / 5;
      }
      System.out.printf("final strategy=%s labels=100 accuracy=%.4f aulc=%.4f (mean of 5 seeds)%n", strategy, at100, aulc);
    }

    System.out.println("-- one speaker held out: train on the other five speakers' split=train, test on its split=test");
    int correct = 0;
    for (String s : clips.stream().map(Clip::speaker).distinct().sorted().toList()) {
      int[] in = Arrays.stream(train).filter(i -> !clips.get(i).speaker().equals(s)).toArray();
      int[] out = Arrays.stream(test).filter(i -> clips.get(i).speaker().equals(s)).toArray();
      double a = accuracy(x, y, in, out, all, best, classes.size());
      correct += (int) Math.round(a * out.length);
      System.out.printf("held_out=%s accuracy=%.4f%n", s, a);
    }
    System.out.printf("held_out all speakers accuracy=%.4f%n", correct / (double) test.length);
  }

  public static double cv(float[][] x, int[] y, int[] rows, int[] cols, Learner l, int k) {
    int[] yr = Arrays.stream(rows).map(i -> y[i]).toArray();
    Folds folds = Folds.stratified(Arrays.stream(rows).mapToObj(Integer::toString).toList(), yr, k, 5, 42);
    int correct = 0;
    for (int f = 0; f < folds.k(); f++) {
      int[] tr = Arrays.stream(folds.train(f)).map(i -> rows[i]).toArray();
      int[] te = Arrays.stream(folds.test(f)).map(i -> rows[i]).toArray();
      correct += (int) Math.round(accuracy(x, y, tr, te, cols, l, k) * te.length);
    }
    return correct / (double) rows.length;
  }

  /** Accuracy over six folds, each validating on one speaker's {@code rows} after training on the others'. */
  static double speakerCv(float[][] x, int[] y, List<Clip> clips, int[] rows, int[] cols, Learner l, int k) {
    int correct = 0;
    for (String s : clips.stream().map(Clip::speaker).distinct().toList()) {
      int[] tr = Arrays.stream(rows).filter(i -> !clips.get(i).speaker().equals(s)).toArray();
      int[] va = Arrays.stream(rows).filter(i -> clips.get(i).speaker().equals(s)).toArray();
      correct += (int) Math.round(accuracy(x, y, tr, va, cols, l, k) * va.length);
    }
    return correct / (double) rows.length;
  }

  public static double accuracy(float[][] x, int[] y, int[] tr, int[] te, int[] cols, Learner l, int k) {
    double[][] p = proba(x, y, tr, te, cols, l, k);
    return Metrics.ofProba(Arrays.stream(te).map(i -> y[i]).toArray(), p, k).accuracy();
  }

  /** Class probabilities of rows {@code te} from {@code l} fit on rows {@code tr}, features standardised on {@code tr}. */
  static double[][] proba(float[][] x, int[] y, int[] tr, int[] te, int[] cols, Learner l, int k) {
    float[][] z = standardise(x, tr, cols);
    SparseMatrix a = SparseMatrix.ofDense(pick(z, tr), cols.length), b = SparseMatrix.ofDense(pick(z, te), cols.length);
    double[][] s = l.fit(a, Arrays.stream(tr).map(i -> y[i]).toArray(), k).scores(b);
    for (double[] r : s) { // scores are logits or log-probabilities: softmax either way
      double max = Arrays.stream(r).max().orElseThrow(), sum = 0;
      for (int c = 0; c < r.length; c++) sum += r[c] = Math.exp(r[c] - max);
      for (int c = 0; c < r.length; c++) r[c] /= sum;
    }
    return s;
  }

  static double[] activeLearning(float[][] x, int[] y, int[] pool, int[] test, Learner l, int k, QueryStrategy sampler, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    List<Integer> labeled = new ArrayList<>();
    boolean[] taken = new boolean[pool.length];
    while (labeled.size() < 20) {
      int p = rnd.nextInt(pool.length);
      if (!taken[p]) { taken[p] = true; labeled.add(p); }
    }
    List<Double> curve = new ArrayList<>();
    int[] all = IntStream.range(0, x[0].length).toArray();
    while (true) {
      int[] tr = labeled.stream().mapToInt(p -> pool[p]).toArray();
      curve.add(accuracy(x, y, tr, test, all, l, k));
      if (labeled.size() >= 100) break;
      int[] unl = IntStream.range(0, pool.length).filter(p -> !taken[p]).toArray();
      double[][] p = proba(x, y, tr, Arrays.stream(unl).map(i -> pool[i]).toArray(), all, l, k);
      for (int c : sampler.select(Candidates.of(p), 20, rnd)) {
        taken[unl[c]] = true;
        labeled.add(unl[c]);
      }
    }
    return curve.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static float[][] pick(float[][] x, int[] rows) {
    return Arrays.stream(rows).mapToObj(i -> x[i]).toArray(float[][]::new);
  }

  private static float[][] standardise(float[][] x, int[] train, int[] cols) {
    double[] mean = new double[cols.length], sd = new double[cols.length];
    for (int i : train) for (int j = 0; j < cols.length; j++) mean[j] += x[i][cols[j]] / train.length;
    for (int i : train) for (int j = 0; j < cols.length; j++) sd[j] += Math.pow(x[i][cols[j]] - mean[j], 2) / train.length;
    float[][] z = new float[x.length][cols.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < cols.length; j++) z[i][j] = (float) ((x[i][cols[j]] - mean[j]) / Math.max(1e-9, Math.sqrt(sd[j])));
    }
    return z;
  }
}
