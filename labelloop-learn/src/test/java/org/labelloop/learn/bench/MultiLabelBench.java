package org.labelloop.learn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.learner.LinearSvmLearner;
import org.labelloop.learn.model.MultiLabelModel;

/**
 * A small measured multi-label case built from single-label BBC News: distinct articles are split 80/20 into train
 * and test pools first (no article on both sides), then each document is one article (label set of one) or, with
 * probability 1/2, two articles of different categories joined (label set of two). Reports micro-F1, macro-F1 and
 * exact-match accuracy of one-vs-rest SVMs with per-class out-of-fold F1 thresholds against a fixed 0.5 cut-off.
 * {@code java -cp ... org.labelloop.learn.bench.MultiLabelBench bbc-news-train.csv 800 200}. Not a unit test.
 */
public final class MultiLabelBench {
  private MultiLabelBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> articles = new LinkedHashMap<>(); // text -> category, duplicates dropped
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    for (String line : lines.subList(1, lines.size())) {
      articles.putIfAbsent(line.substring(line.indexOf(',') + 1, line.lastIndexOf(',')),
          line.substring(line.lastIndexOf(',') + 1).strip());
    }
    List<String> texts = new ArrayList<>(articles.keySet());
    Collections.shuffle(texts, new java.util.Random(5));
    int cut = texts.size() * 4 / 5;
    SplittableRandom rnd = new SplittableRandom(9);
    List<LabeledText> train = docs(texts.subList(0, cut), articles, Integer.parseInt(args[1]), rnd, "tr");
    List<LabeledText> test = docs(texts.subList(cut, texts.size()), articles, Integer.parseInt(args[2]), rnd, "te");
    TextDataset data = new TextDataset(train);
    List<String> all = new ArrayList<>(data.texts());
    test.forEach(t -> all.add(t.text()));
    long t0 = System.nanoTime();
    FeatureCache cache = new FeatureCache(all, null);
    MultiLabelModel m = MultiLabelModel.fit(data, cache, IntStream.range(0, train.size()).toArray(),
        FeatureSpec.words(), new LinearSvmLearner(3), 5, 42);
    double fitSecs = (System.nanoTime() - t0) / 1e9;
    double[][] p = m.predictProba(cache);
    System.out.printf("train %d docs, test %d docs, %d classes; fit with 5-fold thresholds %.1f s; thresholds %s%n",
        train.size(), test.size(), data.classes().size(), fitSecs, java.util.Arrays.toString(m.thresholds()));
    report("per-class thresholds", m.thresholds(), p, data, test, train.size());
    double[] half = new double[data.classes().size()];
    java.util.Arrays.fill(half, 0.5);
    report("fixed 0.5", half, p, data, test, train.size());
  }

  private static List<LabeledText> docs(List<String> pool, Map<String, String> cat, int n, SplittableRandom rnd,
      String prefix) {
    List<LabeledText> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String a = pool.get(rnd.nextInt(pool.size()));
      String b = pool.get(rnd.nextInt(pool.size()));
      boolean pair = rnd.nextBoolean() && !cat.get(a).equals(cat.get(b));
      out.add(new LabeledText(prefix + i, pair ? a + " " + b : a, pair ? Set.of(cat.get(a), cat.get(b)) : Set.of(cat.get(a))));
    }
    return out;
  }

  private static void report(String name, double[] thresholds, double[][] p, TextDataset data, List<LabeledText> test,
      int offset) {
    List<String> cls = data.classes();
    int[] tp = new int[cls.size()], fp = new int[cls.size()], fn = new int[cls.size()];
    int exact = 0;
    for (int i = 0; i < test.size(); i++) {
      Set<String> pred = new HashSet<>();
      for (int c = 0; c < cls.size(); c++) if (p[offset + i][c] >= thresholds[c]) pred.add(cls.get(c));
      Set<String> gold = test.get(i).labels();
      if (pred.equals(gold)) exact++;
      for (int c = 0; c < cls.size(); c++) {
        boolean pr = pred.contains(cls.get(c)), g = gold.contains(cls.get(c));
        if (pr && g) tp[c]++;
        else if (pr) fp[c]++;
        else if (g) fn[c]++;
      }
    }
    int stp = 0, sfp = 0, sfn = 0;
    double macro = 0;
    for (int c = 0; c < cls.size(); c++) {
      stp += tp[c]; sfp += fp[c]; sfn += fn[c];
      macro += tp[c] == 0 ? 0 : 2.0 * tp[c] / (2.0 * tp[c] + fp[c] + fn[c]);
    }
    System.out.printf("%-22s micro_f1=%.4f macro_f1=%.4f exact_match=%.4f%n", name, 2.0 * stp / (2.0 * stp + sfp + sfn),
        macro / cls.size(), (double) exact / test.size());
  }
}
