package org.labelloop.learn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.labelloop.learn.automl.Folds;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.learner.Scorer;
import org.labelloop.learn.learner.SoftmaxLearner;
import org.labelloop.learn.learner.XgboostLearner;
import org.labelloop.learn.metrics.Metrics;

/**
 * 5-fold CV accuracy of XGBoost and softmax regression on a dense numeric table (wine quality): every column but the
 * label is a feature, standardised with the training fold's mean and deviation.
 * {@code java -cp ... org.labelloop.learn.bench.DenseLearnersBench winequality-red.csv}. Not a unit test.
 */
public final class DenseLearnersBench {
  private DenseLearnersBench() {}

  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    List<String> rows = lines.subList(1, lines.size());
    int d = lines.get(0).split(";").length - 1;
    float[][] x = new float[rows.size()][d];
    String[] label = new String[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      String[] f = rows.get(i).split(";");
      for (int j = 0; j < d; j++) x[i][j] = Float.parseFloat(f[j]);
      label[i] = f[d];
    }
    List<String> classes = Arrays.stream(label).distinct().sorted().toList();
    int[] y = Arrays.stream(label).mapToInt(classes::indexOf).toArray();
    Folds folds = Folds.stratified(rows, y, classes.size(), 5, 42);
    System.out.printf("%d rows, %d features, %d classes, %d folds%n", rows.size(), d, classes.size(), folds.k());
    for (Learner l : List.<Learner>of(new SoftmaxLearner(10), new XgboostLearner(100, 4),
        new XgboostLearner(300, 6, 0.05, 1, 1))) {
      long t0 = System.nanoTime();
      int correct = 0;
      for (int f = 0; f < folds.k(); f++) {
        int[] tr = folds.train(f), te = folds.test(f);
        float[][] z = standardise(x, tr);
        Scorer s = l.fit(SparseMatrix.ofDense(pick(z, tr), d), Arrays.stream(tr).map(i -> y[i]).toArray(), classes.size());
        double[][] sc = s.scores(SparseMatrix.ofDense(pick(z, te), d));
        for (int i = 0; i < te.length; i++) if (Metrics.argmax(sc[i]) == y[te[i]]) correct++;
      }
      System.out.printf("%-28s cv_accuracy=%.4f seconds=%.1f%n", l.name(), (double) correct / y.length,
          (System.nanoTime() - t0) / 1e9);
    }
  }

  private static float[][] pick(float[][] x, int[] rows) {
    return Arrays.stream(rows).mapToObj(i -> x[i]).toArray(float[][]::new);
  }

  private static float[][] standardise(float[][] x, int[] train) {
    int d = x[0].length;
    double[] mean = new double[d], sd = new double[d];
    for (int i : train) for (int j = 0; j < d; j++) mean[j] += x[i][j] / train.length;
    for (int i : train) for (int j = 0; j < d; j++) sd[j] += (x[i][j] - mean[j]) * (x[i][j] - mean[j]) / train.length;
    float[][] z = new float[x.length][d];
    IntStream.range(0, x.length).forEach(i -> {
      for (int j = 0; j < d; j++) z[i][j] = (float) ((x[i][j] - mean[j]) / Math.max(1e-9, Math.sqrt(sd[j])));
    });
    return z;
  }
}
