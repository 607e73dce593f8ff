package org.labelloop.learn.automl;

import java.time.Duration;
import java.util.List;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.learner.ComplementNbLearner;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.learner.LiblinearLrLearner;
import org.labelloop.learn.learner.LinearSvmLearner;
import org.labelloop.learn.learner.SoftmaxLearner;

/**
 * Settings of a search.
 *
 * @param folds requested CV folds (capped by the smallest class count)
 * @param budget wall-clock budget for search and final refit
 * @param seed drives fold assignment and solvers
 * @param ensemble whether to build a greedy ensemble of the best configurations
 * @param threads configurations/folds evaluated in parallel
 * @param candidates the search space; see {@link #defaultSpace(boolean)}
 * @param maxSearchRows above this many examples the search cross-validates on a stratified sample of this size
 */
public record AutoMlConfig(int folds, Duration budget, long seed, boolean ensemble, int threads,
    List<Candidate> candidates, int maxSearchRows) {
  /** Searches on samples of 20,000 rows: enough to rank configurations, small enough to keep every fold in memory. */
  public static final int DEFAULT_MAX_SEARCH_ROWS = 20_000;

  public AutoMlConfig {
    if (folds < 2) throw new IllegalArgumentException("folds must be >= 2");
    if (budget.isNegative() || budget.isZero()) throw new IllegalArgumentException("budget must be positive");
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1");
    candidates = List.copyOf(candidates);
    if (candidates.isEmpty()) throw new IllegalArgumentException("empty search space");
    if (maxSearchRows < 4) throw new IllegalArgumentException("maxSearchRows must be >= 4");
  }

  public AutoMlConfig(int folds, Duration budget, long seed, boolean ensemble, int threads, List<Candidate> candidates) {
    this(folds, budget, seed, ensemble, threads, candidates, DEFAULT_MAX_SEARCH_ROWS);
  }

  public static AutoMlConfig defaults(Duration budget, long seed, boolean embeddings) {
    return new AutoMlConfig(5, budget, seed, true, Runtime.getRuntime().availableProcessors(),
        defaultSpace(embeddings));
  }

  /**
   * The default space: linear SVMs over word, char and word+char TF-IDF (and + embeddings), class-balanced SVMs and
   * logistic regressions over TF-IDF + embeddings, complement NB over TF-IDF, softmax regression over embeddings. SVM C
   * runs from strong regularisation (0.1: small or noisy data needs it) to weak; below 0.1 an SVM on unit-norm rows is
   * little more than its bias. Class weights make a minority class count as much as a majority one, which noisy data
   * with shifting class shares (app reviews) rewards. Logistic regression on the sparse blocks alone is left out:
   * liblinear's primal solver took 5-50 times an SVM's fold time (78 s a BBC fold at load 24) and never ranked first on
   * app reviews, SMS or BBC. Ordered cheap first so a short budget still evaluates a spread, and within one feature set
   * from strong to weak regularisation (the order that breaks ties between equally good configurations towards the
   * simpler).
   */
  public static List<Candidate> defaultSpace(boolean embeddings) {
    List<Candidate> c = new java.util.ArrayList<>();
    FeatureSpec w = FeatureSpec.words(), wc = FeatureSpec.sparseDefault();
    FeatureSpec ch = new FeatureSpec(0, 2, 5, 0, 2, 300_000);
    for (double a : new double[] {0.1, 0.3, 1}) c.add(new Candidate(w, new ComplementNbLearner(a)));
    for (double cc : new double[] {0.3, 1, 3, 10}) c.add(new Candidate(w, svm(cc, 1)));
    if (embeddings) {
      FeatureSpec e = FeatureSpec.embeddingsOnly();
      for (double cc : new double[] {1, 10, 100}) c.add(new Candidate(e, new SoftmaxLearner(cc)));
      c.add(new Candidate(e, svm(1, 1)));
    }
    for (double cc : new double[] {0.1, 0.3, 1, 3, 10}) c.add(new Candidate(wc, svm(cc, 1)));
    for (double cc : new double[] {1, 3}) c.add(new Candidate(ch, svm(cc, 1)));
    c.add(new Candidate(wc, new ComplementNbLearner(0.3)));
    if (embeddings) {
      for (double cc : new double[] {0.3, 1, 3}) c.add(new Candidate(wc.withEmbeddings(0.5), svm(cc, 1)));
      FeatureSpec we = wc.withEmbeddings(1);
      for (double cc : new double[] {0.1, 0.3, 1, 3, 10}) c.add(new Candidate(we, svm(cc, 1)));
      for (double cc : new double[] {0.3, 1}) c.add(new Candidate(we, new LinearSvmLearner(cc, 0.05, 200, 1, true)));
      for (double cc : new double[] {1, 10}) c.add(new Candidate(we, new LiblinearLrLearner(cc, true)));
    }
    return c;
  }

  private static Learner svm(double c, long seed) { return new LinearSvmLearner(c, 0.05, 200, seed); }
}
