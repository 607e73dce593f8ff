package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labelloop.core.project.Job;
import org.labelloop.learn.automl.AutoMl;
import org.labelloop.learn.automl.AutoMlConfig;
import org.labelloop.learn.automl.AutoMlResult;
import org.labelloop.learn.automl.Candidate;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.learner.LinearSvmLearner;
import org.labelloop.learn.learner.SoftmaxLearner;
import org.labelloop.learn.model.Confidence;
import org.labelloop.learn.model.ModelBytes;
import org.labelloop.learn.model.MultiLabelModel;
import org.labelloop.learn.model.TextModel;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.strategy.ItemUncertainty;

/**
 * The CLASSIFICATION task's trainer: a text classifier chosen and fit by the learn module's AutoML (time-boxed
 * model search, calibrated probabilities), or a one-vs-rest multi-label model for a checkbox job; the
 * class distribution of each pool asset is its suggested answer and what the project's strategy ranks on. The
 * project's stored sentence embeddings, when every asset has one, are offered to the search as features and to the
 * strategy (diverse batches cluster on them). If the learn module's classification API changes, only this class changes.
 *
 * <p>The label-independent n-gram counts of a project's texts are kept between retrains in a {@link FeatureCache}
 * (the asset set rarely changes between two retrains), so a retrain costs the vocabulary fits and the learners, not
 * tokenising every asset again. Ensembles are off: predicting 10,000 pool assets with one model keeps the loop within
 * its few-second target, and the gain of an ensemble on a growing labeled set is small. When the project's sentence
 * embeddings are stored, they come in through the cache's embedder ({@link StoredEmbeddings}) and the search also
 * tries dense and sparse+dense features ({@link #loopSpace}).
 */
final class TextModelTrainer implements ClassificationAnswers {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int FOLDS = 5;
  private static final int MULTI_LABEL_FOLDS = 3;

  private final EmbeddingRepository embeddings;
  private final Map<String, FeatureCache> caches =
      new LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, FeatureCache> eldest) {
          return size() > 2;
        }
      };

  TextModelTrainer(EmbeddingRepository embeddings) {
    this.embeddings = embeddings;
  }

  @Override
  public PoolModel train(String projectId, Job job, Snapshot<Set<String>> snapshot, long budgetMillis, long seed) {
    StoredEmbeddings stored = StoredEmbeddings.of(embeddings, projectId, snapshot).orElse(null);
    String cacheKey = projectId + ":" + snapshot.texts().size() + ":" + snapshot.assetIds().hashCode() + ":"
        + (stored == null ? "sparse" : stored.model());
    return poolModel(cacheKey, job, snapshot, stored == null ? null : stored.embedder(),
        stored == null ? null : stored.rows(snapshot.poolRows()), budgetMillis, seed, false);
  }

  /**
   * Trains and predicts the pool, with {@code poolVectors} (or null) for the strategy's diversity. With
   * {@code embeddingsOnly} the model sees the embedder's vectors alone ({@link #embeddingSpace}): media, whose snapshot
   * texts are keys, not content.
   */
  PoolModel poolModel(String cacheKey, Job job, Snapshot<Set<String>> snapshot, TextEmbedder embedder, float[][] poolVectors,
      long budgetMillis, long seed, boolean embeddingsOnly) {
    Result model = train(cacheKey, snapshot, job.multiple(), embedder, budgetMillis, seed, embeddingsOnly);
    double[][] proba = model.poolProba();
    ItemUncertainty uncertainty = model.thresholds() != null ? ItemUncertainty.thresholds(proba, model.thresholds())
        : ItemUncertainty.distributions(proba);
    List<JsonNode> responses = new ArrayList<>(proba.length);
    for (double[] p : proba) responses.add(response(job.id(), model.classes(), p, model.categories(p)));
    return new PoolModel(model.bytes(), model.card(), model.cvAccuracy(), model.cvMacroF1(), responses,
        new Candidates(proba.length, uncertainty, proba, poolVectors));
  }

  /**
   * Kili's shape with the confidence in percent, plus the whole distribution (for a multi-label model, each class's
   * own probability):
   * {@code {"JOB_0": {"categories": [{"name": "SPAM", "confidence": 93}], "probabilities": {"HAM": 0.07, "SPAM": 0.93}}}}.
   */
  static JsonNode response(String jobId, List<String> classes, double[] p, Set<String> categories) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode job = f.objectNode();
    ArrayNode answer = job.putArray("categories");
    for (String c : categories) {
      answer.addObject().put("name", c).put("confidence", Confidence.percent(p[classes.indexOf(c)]));
    }
    ObjectNode dist = job.putObject("probabilities");
    for (int k = 0; k < classes.size(); k++) dist.put(classes.get(k), Confidence.fourDecimals(p[k]));
    ObjectNode root = f.objectNode();
    root.set(jobId, job);
    return root;
  }

  /**
   * A trained model: the classes (probability column order), pool probabilities, bytes and a model card.
   * {@code thresholds} is null for a single-label model (probabilities sum to one); for a multi-label model each class
   * has its own probability and decision threshold.
   */
  private record Result(List<String> classes, double[][] poolProba, double[] thresholds, byte[] bytes, ObjectNode card,
      Double cvAccuracy, Double cvMacroF1) {
    /** The predicted categories of a pool row's probabilities: the most probable class, or every class at or above its threshold. */
    public Set<String> categories(double[] p) {
      int best = 0;
      for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
      if (thresholds == null) return Set.of(classes.get(best));
      Set<String> out = new LinkedHashSet<>();
      for (int c = 0; c < p.length; c++) if (p[c] >= thresholds[c]) out.add(classes.get(c));
      if (out.isEmpty()) out.add(classes.get(best)); // training answers always name a category, so predictions do too
      return out;
    }
  }

  /**
   * Trains on the snapshot's labeled rows and predicts its pool. {@code cacheKey} identifies the snapshot's texts
   * (equal keys must mean equal texts) and whether embeddings are offered.
   *
   * @param multiLabel a checkbox job: one-vs-rest on every category of an answer instead of AutoML on the first
   * @param embedder stored sentence embeddings, or null for sparse features only
   */
  private synchronized Result train(String cacheKey, Snapshot<Set<String>> snapshot, boolean multiLabel, TextEmbedder embedder,
      long budgetMillis, long seed, boolean embeddingsOnly) {
    List<String> texts = snapshot.texts();
    int[] labeledRows = snapshot.labeledRows();
    List<LabeledText> items = new ArrayList<>(labeledRows.length);
    for (int i = 0; i < labeledRows.length; i++) {
      String id = snapshot.assetIds().get(labeledRows[i]);
      String text = texts.get(labeledRows[i]);
      Set<String> answer = snapshot.answers().get(i);
      items.add(multiLabel ? new LabeledText(id, text, answer) : LabeledText.of(id, text, answer.iterator().next()));
    }
    TextDataset data = new TextDataset(items);
    FeatureCache full = caches.get(cacheKey);
    if (full == null || full.size() != texts.size()) {
      full = new FeatureCache(texts, embedder);
      if (embedder != null) full.embeddings(); // read once here, not inside a timed AutoML job
      caches.put(cacheKey, full);
    }
    FeatureSpec multiLabelSpec = embeddingsOnly ? FeatureSpec.embeddingsOnly()
        : embedder != null ? FeatureSpec.sparseDefault().withEmbeddings(1) : FeatureSpec.sparseDefault();
    List<Candidate> space = embeddingsOnly ? embeddingSpace() : loopSpace(embedder != null);
    return multiLabel ? multiLabel(data, full, snapshot, multiLabelSpec, seed) : singleLabel(data, full, snapshot, space, budgetMillis, seed);
  }

  private Result singleLabel(TextDataset data, FeatureCache full, Snapshot<?> snapshot, List<Candidate> space, long budgetMillis, long seed) {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    AutoMlConfig config = new AutoMlConfig(FOLDS, Duration.ofMillis(budgetMillis), seed, false, threads, space);
    AutoMlResult result = new AutoMl(config, Clock.systemUTC())
        .fit(data, full, snapshot.labeledRows(), snapshot.poolRows(), Progress.NONE);
    TextModel model = result.model();
    double[][] pool = poolRows(model.predictProba(full), snapshot.poolRows());
    ObjectNode card = ModelCards.json(model.card(), result.leaderboard(), model.classes(), "text-classification");
    return new Result(model.classes(), pool, null, model.save(), card, finite(model.card().cvAccuracy()),
        finite(model.card().cvMacroF1()));
  }

  /**
   * The loop's search space: AutoML's sparse default with two dense candidates in front (sparse+embeddings and
   * embeddings alone, both linear SVMs) instead of its ten (L-BFGS softmax among them). A retrain has a few seconds:
   * with the full dense space the 10,000-asset benchmark ran out of budget before any candidate was cross-validated on
   * every fold (BENCHMARKS.md, learning loop).
   */
  static List<Candidate> loopSpace(boolean embeddings) {
    List<Candidate> space = new ArrayList<>();
    if (embeddings) {
      space.add(new Candidate(FeatureSpec.sparseDefault().withEmbeddings(0.5), new LinearSvmLearner(3)));
      space.add(new Candidate(FeatureSpec.embeddingsOnly(), new LinearSvmLearner(1)));
    }
    space.addAll(AutoMlConfig.defaultSpace(false));
    return space;
  }

  /**
   * The search space over embeddings alone (images, audio): linear SVMs and softmax regression from strong to weak
   * regularisation, cheap first, so a few-second budget still compares both kinds.
   */
  static List<Candidate> embeddingSpace() {
    FeatureSpec e = FeatureSpec.embeddingsOnly();
    List<Candidate> space = new ArrayList<>();
    for (double c : new double[] {0.1, 1}) space.add(new Candidate(e, new LinearSvmLearner(c)));
    for (double c : new double[] {0.1, 1, 10}) space.add(new Candidate(e, new SoftmaxLearner(c)));
    return space;
  }

  /**
   * One-vs-rest with per-class thresholds ({@link MultiLabelModel}) on one fixed, fast configuration: AutoML's search
   * compares single-label scores and has no multi-label counterpart yet.
   */
  private Result multiLabel(TextDataset data, FeatureCache full, Snapshot<?> snapshot, FeatureSpec spec, long seed) {
    LinearSvmLearner learner = new LinearSvmLearner(1);
    MultiLabelModel model = MultiLabelModel.fit(data, full, snapshot.labeledRows(), spec, learner, MULTI_LABEL_FOLDS, seed);
    double[][] pool = poolRows(model.predictProba(full), snapshot.poolRows());
    ObjectNode card = JSON.createObjectNode();
    card.put("task", "text-multi-label-classification");
    card.put("features", spec.shortName());
    card.put("learner", learner.toString());
    card.put("seed", seed);
    card.put("trainingSize", data.size());
    card.set("classes", JSON.valueToTree(model.classes()));
    card.set("thresholds", JSON.valueToTree(model.thresholds()));
    return new Result(model.classes(), pool, model.thresholds(), ModelBytes.write(model), card, null, null);
  }

  private static double[][] poolRows(double[][] all, int[] poolRows) {
    double[][] pool = new double[poolRows.length][];
    for (int i = 0; i < poolRows.length; i++) pool[i] = all[poolRows[i]];
    return pool;
  }

  static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
