package org.labelloop.learn.model;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.labelloop.learn.automl.Folds;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.feature.Featurizer;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.learner.Scorer;
import org.labelloop.learn.metrics.Calibration;

/**
 * Multi-label (checkbox) classifier: one binary model per class (one-vs-rest), each calibrated by temperature scaling
 * on out-of-fold scores, with a per-class decision threshold chosen to maximise that class's out-of-fold F1 (a
 * single 0.5 cut-off under-predicts rare labels).
 */
public final class MultiLabelModel implements Serializable {
  private final List<String> classes;
  private final Featurizer featurizer;
  private final Scorer[] scorers;
  private final double[] temperatures;
  private final double[] thresholds;

  private MultiLabelModel(List<String> classes, Featurizer featurizer, Scorer[] scorers, double[] temperatures,
      double[] thresholds) {
    this.classes = classes;
    this.featurizer = featurizer;
    this.scorers = scorers;
    this.temperatures = temperatures;
    this.thresholds = thresholds;
  }

  /** Trains on {@code data} (examples are rows {@code rows} of {@code cache}) with {@code folds}-fold CV. */
  public static MultiLabelModel fit(TextDataset data, FeatureCache cache, int[] rows, FeatureSpec spec, Learner learner,
      int folds, long seed) {
    List<String> classes = data.classes();
    int n = data.size(), k = classes.size();
    Featurizer full = Featurizer.fit(spec, cache, rows);
    SparseMatrix x = full.transform(cache, rows);
    Scorer[] scorers = new Scorer[k];
    double[] temps = new double[k], thresholds = new double[k];
    for (int c = 0; c < k; c++) {
      String cls = classes.get(c);
      int[] y = data.items().stream().mapToInt(t -> t.labels().contains(cls) ? 1 : 0).toArray();
      int positives = Arrays.stream(y).sum();
      scorers[c] = learner.fit(x, y, 2);
      if (positives < 2 || positives > n - 2) { // too few to cross-validate: uncalibrated, 0.5 cut-off
        temps[c] = 1;
        thresholds[c] = 0.5;
        continue;
      }
      Folds f = Folds.stratified(data.texts(), y, 2, folds, seed + c);
      double[][] oof = new double[n][];
      for (int fold = 0; fold < f.k(); fold++) {
        int[] tr = f.train(fold), te = f.test(fold);
        Featurizer fz = Featurizer.fit(spec, cache, map(tr, rows));
        Scorer s = learner.fit(fz.transform(cache, map(tr, rows)), Arrays.stream(tr).map(i -> y[i]).toArray(), 2);
        double[][] sc = s.scores(fz.transform(cache, map(te, rows)));
        for (int i = 0; i < te.length; i++) oof[te[i]] = sc[i];
      }
      temps[c] = Calibration.fitTemperature(oof, y);
      double[] p = Arrays.stream(Calibration.softmax(oof, temps[c])).mapToDouble(r -> r[1]).toArray();
      thresholds[c] = bestF1Threshold(p, y);
    }
    return new MultiLabelModel(classes, full, scorers, temps, thresholds);
  }

  static double bestF1Threshold(double[] p, int[] y) {
    double best = 0.5, bestF1 = -1;
    for (double t = 0.05; t < 0.951; t += 0.05) {
      int tp = 0, fp = 0, fn = 0;
      for (int i = 0; i < p.length; i++) {
        boolean pred = p[i] >= t;
        if (pred && y[i] == 1) tp++;
        else if (pred) fp++;
        else if (y[i] == 1) fn++;
      }
      double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
      if (f1 > bestF1 + 1e-12) { bestF1 = f1; best = t; }
    }
    return best;
  }

  private static int[] map(int[] idx, int[] rows) { return Arrays.stream(idx).map(i -> rows[i]).toArray(); }

  public List<String> classes() { return classes; }

  public double[] thresholds() { return thresholds.clone(); }

  /** Independent calibrated probability of each class for every cache row. */
  public double[][] predictProba(FeatureCache cache) {
    SparseMatrix x = featurizer.transform(cache);
    double[][] out = new double[x.rows()][classes.size()];
    for (int c = 0; c < classes.size(); c++) {
      double[][] s = scorers[c].scores(x);
      for (int i = 0; i < s.length; i++) out[i][c] = Calibration.softmax(s[i], temperatures[c])[1];
    }
    return out;
  }

  /** The predicted label set of every cache row (per-class thresholds). */
  public List<Set<String>> predict(FeatureCache cache) {
    double[][] p = predictProba(cache);
    List<Set<String>> out = new ArrayList<>();
    for (double[] row : p) {
      Set<String> s = new HashSet<>();
      IntStream.range(0, row.length).filter(c -> row[c] >= thresholds[c]).forEach(c -> s.add(classes.get(c)));
      out.add(s);
    }
    return out;
  }
}
