package org.labelloop.learn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.labelloop.learn.automl.AutoMl;
import org.labelloop.learn.automl.AutoMlConfig;
import org.labelloop.learn.automl.Candidate;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.feature.Featurizer;
import org.labelloop.learn.learner.Scorer;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.learner.LinearSvmLearner;
import org.labelloop.learn.model.TextModel;

/**
 * Retrain + rescore timing: {@code RetrainThroughput LABELED_TSV POOL_SIZE [LABELED]} trains the default active-learning
 * configuration (word 1-2 + char 2-5 TF-IDF, linear SVM) on the first LABELED lines of the labeled file
 * ({@code label<TAB>text}) and scores a pool of POOL_SIZE texts, all with n-gram counts already cached. Not a unit test.
 */
public final class RetrainThroughput {
  private RetrainThroughput() {}

  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0]));
    int poolSize = Integer.parseInt(args[1]);
    List<LabeledText> labeled = new ArrayList<>();
    int labeledCount = args.length > 2 ? Integer.parseInt(args[2]) : lines.size();
    for (int i = 0; i < labeledCount; i++) {
      String[] p = lines.get(i).split("\t", 2);
      labeled.add(LabeledText.of(Integer.toString(i), p[1], p[0]));
    }
    TextDataset data = new TextDataset(labeled);
    List<String> texts = new ArrayList<>(data.texts());
    for (int i = 0; i < poolSize; i++) texts.add(data.texts().get(i % data.size()) + " #" + i);
    FeatureCache cache = new FeatureCache(texts, null);
    List<Candidate> space = List.of(new Candidate(FeatureSpec.sparseDefault(), new LinearSvmLearner(3)));
    long t0 = System.nanoTime();
    cache.prepare(FeatureSpec.sparseDefault());
    System.out.printf("n-gram counts for %d texts: %.2f s (once, cached)%n", texts.size(), (System.nanoTime() - t0) / 1e9);
    int[] rows = IntStream.range(0, data.size()).toArray();
    int[] pool = IntStream.range(data.size(), texts.size()).toArray();
    for (int rep = 0; rep < 3; rep++) {
      // the server's retrain: refit the chosen configuration (vocabulary/IDF + SVM), reuse the searched temperature
      long t1 = System.nanoTime();
      Featurizer f = Featurizer.fit(FeatureSpec.sparseDefault(), cache, rows);
      Scorer s = new LinearSvmLearner(3).fit(f.transform(cache, rows), data.y(), data.classes().size());
      long t2 = System.nanoTime();
      double[][] p = Calibration.softmax(s.scores(f.transform(cache, pool)), 0.15);
      long t3 = System.nanoTime();
      System.out.printf("refit on %d labels: %.2f s; rescore %d pool texts: %.2f s; total %.2f s%n", data.size(),
          (t2 - t1) / 1e9, p.length, (t3 - t2) / 1e9, (t3 - t1) / 1e9);
    }
    long t4 = System.nanoTime();
    TextModel m = new AutoMl(new AutoMlConfig(5, Duration.ofMinutes(5), 1, false, Runtime.getRuntime().availableProcessors(),
        space), Clock.systemUTC()).fit(data, cache, rows, Progress.NONE).model();
    long t5 = System.nanoTime();
    m.predictProba(cache);
    System.out.printf("with 5-fold CV for calibration: train %.2f s, score all %d texts %.2f s%n", (t5 - t4) / 1e9,
        texts.size(), (System.nanoTime() - t5) / 1e9);
  }
}
