package org.labelloop.learn.automl;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.feature.Featurizer;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Scorer;
import org.labelloop.learn.metrics.Calibration;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.model.LibraryVersions;
import org.labelloop.learn.model.ModelCard;
import org.labelloop.learn.model.TextModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The text task of the {@link Search}: its candidates (featurizer spec x learner) as arms, then calibration, an
 * optional ensemble, and the final fit.
 *
 * <p>Featurization is cached per (spec, fold), so the vocabulary is fit once per fold and shared by all learners over
 * it; n-gram counts and embeddings are computed once in a {@link FeatureCache}. Each job is deterministic, so for a
 * seed the result does not depend on scheduling (unless the budget cuts the search short). Calibration is temperature
 * scaling on out-of-fold scores; optionally the best configurations are combined by greedy ensemble selection, taken
 * only when its nested-CV accuracy beats the search's choice.
 *
 * <p>Tiny data: folds never exceed the smallest class count, below two per class it is leave-one-out; with fewer
 * than 4 examples no CV is run and the first candidate is fit directly (metrics NaN). Large data: the search
 * cross-validates on a stratified sample of {@link AutoMlConfig#maxSearchRows()} rows (the leaderboard's figures are the
 * sample's), the search gets half the budget, and the best configuration whose fit on every row is expected to finish in
 * the other half (extrapolated from its fold times) is fit on all of them (never an ensemble).
 */
public final class AutoMl {
  private static final Logger LOG = LoggerFactory.getLogger(AutoMl.class);

  private final AutoMlConfig config;
  private final Clock clock;

  public AutoMl(AutoMlConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** Searches on {@code data}, whose examples are rows {@code cacheRows} of {@code cache}. No unlabeled rows. */
  public AutoMlResult fit(TextDataset data, FeatureCache cache, int[] cacheRows, Progress progress) {
    return fit(data, cache, cacheRows, new int[0], progress);
  }

  /**
   * As {@link #fit(TextDataset, FeatureCache, int[], Progress)}, with the cache rows of the pool that have no label yet
   * ({@code unlabeled}). When the search may use embeddings and the labels follow the pool's clusters, the searched
   * model is joined by a semi-supervised expert that learned from the pool, where the two predict the labeled rows
   * better out of fold than the searched model alone ({@link SemiSupervisedText}).
   */
  public AutoMlResult fit(TextDataset data, FeatureCache cache, int[] cacheRows, int[] unlabeled, Progress progress) {
    long start = clock.millis();
    Searched searched = search(data, cache, cacheRows, progress);
    boolean embeds = cache.embedder() != null
        && config.candidates().stream().anyMatch(c -> c.spec().usesEmbeddings());
    if (searched.oof() == null || unlabeled.length == 0 || !embeds) return searched.result();
    SemiSupervisedText.Expert expert = SemiSupervisedText.fitOrNull(config, data, cache, cacheRows, unlabeled);
    if (expert == null) return searched.result();
    return expert.join(searched.result(), searched.oof(), data, clock.millis() - start);
  }

  /** A search's result and the out-of-fold probabilities of its model on every labeled row (null where it has none). */
  private record Searched(AutoMlResult result, double[][] oof) {}

  private Searched search(TextDataset data, FeatureCache cache, int[] cacheRows, Progress progress) {
    long start = clock.millis();
    long deadline = start + config.budget().toMillis();
    int n = data.size(), k = data.classes().size();
    if (k < 2) throw new IllegalArgumentException("need at least two classes, found " + k);
    if (cacheRows.length != n) throw new IllegalArgumentException("cacheRows must map every example");
    int[] y = data.y();
    List<Candidate> space = config.candidates().stream()
        .filter(c -> !c.spec().usesEmbeddings() || cache.embedder() != null).toList();
    if (n < 4) {
      LeaderboardEntry untried = new LeaderboardEntry(space.get(0).name(), 0, Double.NaN, Double.NaN, Double.NaN,
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
      return new Searched(refit(data, cache, cacheRows, y, List.of(space.get(0)), new int[] {1}, null, untried, start, 0),
          null);
    }

    int[] sample = SearchSample.of(y, k, config.maxSearchRows(), config.seed());
    if (sample.length < n) LOG.info("searching on a stratified sample of {} of {} rows", sample.length, n);
    List<String> texts = data.texts();
    List<String> sampleTexts = Arrays.stream(sample).mapToObj(texts::get).toList();
    int sn = sample.length;
    int[] sy = Evaluation.pick(y, sample);
    // a sample gets its own cache, so the search counts n-grams of its rows only (1M texts take longer than a search)
    FeatureCache searchCache = sn < n ? cache.subset(Evaluation.pick(cacheRows, sample)) : cache;
    int[] sampleRows = sn < n ? java.util.stream.IntStream.range(0, sn).toArray() : cacheRows;
    Folds folds = Folds.stratified(sampleTexts, sy, k, config.folds(), config.seed());
    double refitScale = (double) n / folds.train(0).length;
    // on a sample, half the budget is kept for the final fit on every row
    long searchDeadline = sn < n ? start + config.budget().toMillis() / 2 : deadline;
    Evaluation.Shared shared = new Evaluation.Shared(folds, searchCache, sampleRows, sy, k, new ConcurrentHashMap<>());
    List<Evaluation> evals = space.stream().map(c -> new Evaluation(c, shared)).toList();
    Search.Outcome outcome;
    try {
      outcome = new Search(folds.k(), config.threads(), clock).run(evals, searchDeadline, progress);
    } finally {
      shared.features().clear();
    }
    Map<Evaluation, Search.Trial> trialOf = new HashMap<>();
    for (Search.Trial t : outcome.ranked()) trialOf.put((Evaluation) t.arm(), t);
    trialOf.keySet().forEach(Evaluation::summarize);
    List<LeaderboardEntry> board = new ArrayList<>(outcome.ranked().stream()
        .map(t -> ((Evaluation) t.arm()).entry(t)).toList());
    List<Evaluation> complete = outcome.complete().stream().map(t -> (Evaluation) t.arm()).toList();
    if (complete.isEmpty()) { // budget ran out before any saw every fold: the best of those seen on the most folds
      Search.Trial t = outcome.chosen();
      Evaluation b = (Evaluation) t.arm();
      AutoMlResult r = refit(data, cache, cacheRows, y, List.of(b.candidate), new int[] {1}, b, b.entry(t), start,
          folds.k());
      return new Searched(new AutoMlResult(board, r.best(), r.model()), null);
    }
    List<Evaluation> robust = outcome.preferred().stream().map(t -> (Evaluation) t.arm()).toList();
    Evaluation best = sn < n ? refittable(robust, trialOf, refitScale, deadline - clock.millis(), n) : robust.get(0);
    if (best != complete.get(0)) {
      LOG.info("{} ranks first; choosing {} (within one standard error of it and simpler, or the only one that fits "
          + "the time and memory left for all {} rows)", complete.get(0).candidate.name(), best.candidate.name(), n);
    }
    // on a sample the final fit dominates the time: one model is refit on all rows, not an ensemble of them
    if (config.ensemble() && complete.size() > 1 && sn == n) {
      List<Evaluation> lib = library(complete, 10);
      List<double[][]> probs = lib.stream().map(e -> e.oofProba).toList();
      int[] w = EnsembleSelection.select(probs, sy, java.util.stream.IntStream.range(0, sn).toArray(), 20);
      LOG.debug("ensemble selection weights {} over {}", Arrays.toString(w),
          lib.stream().map(e -> e.candidate.name()).toList());
      if (Arrays.stream(w).filter(v -> v > 0).count() > 1) {
        List<double[][]> scores = lib.stream().map(e -> e.oofScores).toList();
        double[] t = lib.stream().mapToDouble(e -> e.temperature).toArray();
        // the blend is chosen and scored as selected; its probabilities are then calibrated as a whole
        double scale = Calibration.fitEnsembleScale(scores, t, w, sy);
        double[][] calibrated = Calibration.blend(scores, t, w, scale);
        double honest = EnsembleSelection.nestedAccuracy(scores, sy, folds, 20);
        Metrics m = Metrics.ofProba(sy, EnsembleSelection.blend(probs, w), k);
        List<Candidate> members = new ArrayList<>();
        List<Integer> weights = new ArrayList<>();
        StringBuilder name = new StringBuilder("ensemble(");
        double secs = 0;
        for (int j = 0; j < w.length; j++) {
          if (w[j] == 0) continue;
          members.add(lib.get(j).candidate);
          weights.add(w[j]);
          secs += trialOf.get(lib.get(j)).seconds();
          name.append(name.length() > 9 ? "," : "").append(w[j]).append('x').append(lib.get(j).candidate.name());
        }
        name.append(')');
        // the ensemble is chosen on the same out-of-fold predictions it is scored on; report its nested-CV accuracy
        // (temperatures and weights fit without the scored fold) when that is lower
        LeaderboardEntry e = new LeaderboardEntry(name.toString(), folds.k(), Math.min(m.accuracy(), honest), Double.NaN,
            m.macroF1(), m.weightedPrecision(), m.weightedRecall(), m.weightedF1(),
            Calibration.ece(calibrated, sy, 15), secs);
        LOG.debug("ensemble in-sample accuracy {} nested {}", m.accuracy(), honest);
        if (e.cvAccuracy() > complete.get(0).metrics.accuracy()) {
          board.add(0, e);
          int[] ws = weights.stream().mapToInt(Integer::intValue).toArray();
          Map<Candidate, Double> temps = new HashMap<>();
          for (Evaluation ev : lib) temps.put(ev.candidate, ev.temperature * scale);
          return new Searched(
              refitEnsemble(data, cache, cacheRows, y, members, ws, temps, e, m.confusion(), start, folds.k(), board),
              calibrated);
        }
      }
    }
    LeaderboardEntry entry = best.entry(trialOf.get(best));
    AutoMlResult r = refit(data, cache, cacheRows, y, List.of(best.candidate), new int[] {1}, best, entry, start,
        folds.k());
    return new Searched(new AutoMlResult(board, entry, r.model()), sn == n ? best.oofProba : null);
  }

  /**
   * The best of {@code ranked} whose fit on all {@code n} rows is expected to finish within {@code millisLeft} and to
   * fit in half the heap, else the lightest. Time: a fold's time scaled by {@code scale} (rows of the final fit per
   * training row of a fold), doubled for counting the n-grams of every row and for the error of a linear
   * extrapolation. Memory: 8 bytes per stored value (column and value), about three copies alive at once (counts,
   * TF-IDF, the blocks stacked); char n-grams of a million texts need more than a default heap.
   */
  private static Evaluation refittable(List<Evaluation> ranked, Map<Evaluation, Search.Trial> trials, double scale,
      long millisLeft, int n) {
    double heap = Runtime.getRuntime().maxMemory() / 2.0;
    return ranked.stream()
        .filter(e -> {
          Search.Trial t = trials.get(e);
          double foldSeconds = t.seconds() / Math.max(1, t.folds());
          return 2 * foldSeconds * scale * 1000 <= millisLeft && e.nnzPerRow() * n * 8 * 3 <= heap;
        })
        .findFirst()
        .orElseGet(() -> ranked.stream().min(Comparator.comparingDouble(Evaluation::nnzPerRow)).orElseThrow());
  }

  /**
   * The ensemble library: the best configuration of each kind (features x learner type) first, then the next best
   * overall. Ensembles gain from models that err differently (Caruana et al. 2004); the top ten by accuracy alone are
   * mostly one learner on one feature set at neighbouring C values, which make the same mistakes.
   */
  private static List<Evaluation> library(List<Evaluation> ranked, int size) {
    Map<String, Evaluation> bestOfKind = new java.util.LinkedHashMap<>();
    for (Evaluation e : ranked) {
      bestOfKind.putIfAbsent(e.candidate.spec().shortName() + "/" + e.candidate.learner().getClass().getName(), e);
    }
    List<Evaluation> lib = new ArrayList<>(bestOfKind.values().stream().limit(size).toList());
    for (Evaluation e : ranked) if (lib.size() < size && !lib.contains(e)) lib.add(e);
    return lib;
  }

  private AutoMlResult refit(TextDataset data, FeatureCache cache, int[] cacheRows, int[] y, List<Candidate> members,
      int[] weights, Evaluation eval, LeaderboardEntry entry, long start, int foldCount) {
    Map<Candidate, Double> temps = new HashMap<>();
    temps.put(members.get(0), eval == null ? 1.0 : eval.temperature);
    int[][] confusion = eval == null || eval.metrics == null ? null : eval.metrics.confusion();
    return refitEnsemble(data, cache, cacheRows, y, members, weights, temps, entry, confusion, start, foldCount,
        List.of(entry));
  }

  private AutoMlResult refitEnsemble(TextDataset data, FeatureCache cache, int[] cacheRows, int[] y,
      List<Candidate> members, int[] weights, Map<Candidate, Double> temps, LeaderboardEntry entry, int[][] confusion,
      long start, int foldCount, List<LeaderboardEntry> board) {
    int k = data.classes().size();
    List<TextModel.Member> fitted = new ArrayList<>();
    Map<String, String> hyper = new java.util.TreeMap<>();
    List<String> names = new ArrayList<>();
    for (int j = 0; j < members.size(); j++) {
      Candidate c = members.get(j);
      Featurizer fz = Featurizer.fit(c.spec(), cache, cacheRows, y);
      SparseMatrix x = fz.transform(cache, cacheRows);
      Scorer s = c.learner().fit(x, y, k);
      double t = temps.getOrDefault(c, 1.0);
      fitted.add(new TextModel.Member(fz, s, t, weights[j]));
      names.add(weights[j] + "x" + c.name());
      hyper.put("member" + j + ".features", c.spec().toString());
      hyper.put("member" + j + ".learner", c.learner().toString());
      hyper.put("member" + j + ".temperature", Double.toString(t));
      if (c.spec().usesEmbeddings()) hyper.put(TextModel.EMBEDDER, cache.embedder().name());
    }
    ModelCard card = new ModelCard(entry.config(), names, hyper, config.seed(), data.snapshotHash(), data.size(),
        data.classes(), foldCount, entry.cvAccuracy(), entry.macroF1(), entry.ece(), ModelCard.confusion(confusion),
        LibraryVersions.packaged(), clock.millis() - start);
    return new AutoMlResult(board, entry, new TextModel(data.classes(), fitted, card, cache.embedder()));
  }
}
