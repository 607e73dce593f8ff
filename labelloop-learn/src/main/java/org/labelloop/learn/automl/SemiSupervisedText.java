package org.labelloop.learn.automl;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.feature.Featurizer;
import org.labelloop.learn.feature.PrincipalAxes;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Scorer;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.model.ModelCard;
import org.labelloop.learn.model.TextModel;
import org.labelloop.learn.tabular.SemiSupervisedLda;
import org.labelloop.learn.tabular.TabularAutoMl;

/**
 * A second opinion for a text search that learned from the labels alone: the semi-supervised discriminant that tables
 * use ({@link SemiSupervisedLda}), fitted on the unlabeled pool's leading {@link PrincipalAxes} of the sentence
 * embeddings. Topics are clusters in embedding space, so a few labels that name the clusters place every class, where a
 * supervised model of the same labels sees only them; and the labels a queue picks at its model's boundary are a poor
 * sample to learn from alone (BENCHMARKS "Few labels, text: the pool's clusters as a second opinion").
 *
 * <p>It is asked only when the labels follow the pool's clusters ({@link SemiSupervisedLda#labelsFollowClusters}, the
 * tables' check), and it joins the searched model as a product of experts (see {@link TextModel}) only where that
 * product is the better one out of fold. Its temperature is fitted on out-of-fold scores like every searched model's.
 */
final class SemiSupervisedText {
  /** Axes the Gaussians live on: a handful of topics' directions, few enough parameters for EM from 10 labels. */
  static final int AXES = 8;
  static final String NAME = "emb/sslda(axes=" + AXES + ")";

  private SemiSupervisedText() {}

  /**
   * The expert fitted on rows {@code cacheRows} (labeled {@code data}) and {@code unlabeled}, or null when these labels
   * do not follow the pool's clusters or there are too few rows for it.
   */
  static Expert fitOrNull(AutoMlConfig config, TextDataset data, FeatureCache cache, int[] cacheRows, int[] unlabeled) {
    int[] pool = TabularAutoMl.atMost(unlabeled, SemiSupervisedLda.MAX_POOL, config.seed());
    int n = data.size(), k = data.classes().size();
    if (n < 4 || !SemiSupervisedLda.fits(AXES, pool.length)) return null;
    long start = System.nanoTime();
    FeatureSpec spec = FeatureSpec.embeddingsOnly();
    Featurizer featurizer = Featurizer.fit(spec, cache, cacheRows);
    float[][] poolRows = featurizer.transform(cache, pool).toDense();
    PrincipalAxes axes = PrincipalAxes.fit(poolRows, AXES, config.seed());
    SemiSupervisedLda lda = new SemiSupervisedLda(axes.project(poolRows));
    SparseMatrix x = axes.project(featurizer.transform(cache, cacheRows));
    int[] y = data.y();
    if (!lda.labelsFollowClusters(x, y, k)) return null;

    Folds folds = Folds.stratified(data.texts(), y, k, config.folds(), config.seed());
    double[][] oof = new double[n][];
    for (int f = 0; f < folds.k(); f++) {
      int[] train = folds.train(f), test = folds.test(f);
      double[][] s = lda.fit(x.rows(train), Evaluation.pick(y, train), k).scores(x.rows(test));
      for (int i = 0; i < test.length; i++) oof[test[i]] = s[i];
    }
    double temperature = Calibration.fitTemperature(oof, y);
    double[][] proba = Calibration.softmax(oof, temperature);
    TextModel.Member member = new TextModel.Member(featurizer, new Projected(axes, lda.fit(x, y, k)), temperature, 1);
    LeaderboardEntry entry = entry(NAME, folds.k(), proba, Metrics.ofProba(y, proba, k), y,
        (System.nanoTime() - start) / 1e9);
    return new Expert(member, entry, proba, lda + "[axes=" + AXES + "]");
  }

  /**
   * A fitted expert: its model member, its leaderboard row, its calibrated out-of-fold probabilities on the labeled
   * rows, and its learner's description for the model card.
   */
  record Expert(TextModel.Member member, LeaderboardEntry entry, double[][] oof, String learner) {
    /**
     * The searched model joined by this expert, when the product predicts the labeled rows out of fold at least as
     * well as the searched model alone (log-loss; {@code searchedOof}: its calibrated out-of-fold probabilities on the
     * same rows), else {@code searched}. As labels accumulate the searched model catches up and the expert leaves.
     * The joined card and leaderboard row measure the product out of fold.
     */
    AutoMlResult join(AutoMlResult searched, double[][] searchedOof, TextDataset data, long millis) {
      int k = data.classes().size();
      int[] y = data.y();
      double[][] product = new double[y.length][];
      for (int i = 0; i < y.length; i++) product[i] = TextModel.product(searchedOof[i], oof[i]);
      if (Calibration.nll(product, y) > Calibration.nll(searchedOof, y)) return searched;
      ModelCard was = searched.model().card();
      String config = searched.best().config() + "*sslda";
      Metrics m = Metrics.ofProba(y, product, k);
      LeaderboardEntry joined = SemiSupervisedText.entry(config, was.cvFolds(), product, m, y,
          searched.best().seconds() + entry.seconds());
      TreeMap<String, String> hyper = new TreeMap<>(was.hyperparameters());
      hyper.put("expert.features", member.featurizer().spec().toString());
      hyper.put("expert.learner", learner);
      hyper.put("expert.temperature", Double.toString(member.temperature()));
      List<String> members = new ArrayList<>(was.members());
      members.add("expert:" + NAME);
      ModelCard card = new ModelCard(config, members, hyper, was.seed(), was.snapshotHash(), was.trainingExamples(),
          was.classes(), was.cvFolds(), joined.cvAccuracy(), joined.macroF1(), joined.ece(),
          ModelCard.confusion(m.confusion()), was.libraryVersions(), millis);
      List<LeaderboardEntry> board = new ArrayList<>(List.of(joined));
      board.addAll(searched.leaderboard());
      board.add(entry);
      return new AutoMlResult(board, joined, searched.model().withExpert(member, card));
    }
  }

  private static LeaderboardEntry entry(String name, int folds, double[][] proba, Metrics m, int[] y, double seconds) {
    return new LeaderboardEntry(name, folds, m.accuracy(), Double.NaN, m.macroF1(), m.weightedPrecision(),
        m.weightedRecall(), m.weightedF1(), Calibration.ece(proba, y, 15), seconds);
  }

  /** Scores features by projecting them on the axes first. */
  record Projected(PrincipalAxes axes, Scorer inner) implements Scorer {
    @Override public double[][] scores(SparseMatrix x) { return inner.scores(axes.project(x)); }
  }
}
