package org.labelloop.learn.automl;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Model selection and hyperparameter search under a wall-clock budget.
 *
 * <p>Successive halving (Jamieson &amp; Talwalkar 2016, as in ASHA) with CV folds as the resource: every candidate is
 * first scored on one fold, the better half (at least six) on half the folds, the best half of those (at least three)
 * on all folds; budget left promotes the rest. The single configuration chosen is the simplest within one standard
 * error of the best mean fold accuracy ({@link #withinOneStandardError}). Featurization is cached per (spec, fold), so the
 * vocabulary is fit once per fold and shared by all learners over it; n-gram counts and embeddings are computed once
 * in a {@link FeatureCache}. Fold × candidate jobs run on {@code threads} workers; each job is deterministic, so for a
 * seed the result does not depend on scheduling (unless the budget cuts the search short). Calibration is temperature
 * scaling on out-of-fold scores; optionally the best configurations are combined by greedy ensemble selection.
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

  /** Searches on {@code data}, whose examples are rows {@code cacheRows} of {@code cache}. */
  public AutoMlResult fit(TextDataset data, FeatureCache cache, int[] cacheRows, Progress progress) {
    long start = clock.millis();
    long deadline = start + config.budget().toMillis();
    int n = data.size(), k = data.classes().size();
    if (k < 2) throw new IllegalArgumentException("need at least two classes, found " + k);
    if (cacheRows.length != n) throw new IllegalArgumentException("cacheRows must map every example");
    int[] y = data.y();
    List<Candidate> space = config.candidates().stream()
        .filter(c -> !c.spec().usesEmbeddings() || cache.embedder() != null).toList();
    if (n < 4) return refit(data, cache, cacheRows, y, List.of(space.get(0)), new int[] {1}, null, start, 0);

    int[] sample = SearchSample.of(y, k, config.maxSearchRows(), config.seed());
    if (sample.length < n) LOG.info("searching on a stratified sample of {} of {} rows", sample.length, n);
    List<String> texts = data.texts();
    List<String> sampleTexts = Arrays.stream(sample).mapToObj(texts::get).toList();
    int sn = sample.length;
    int[] sy = pick(y, sample);
    // a sample gets its own cache, so the search counts n-grams of its rows only (1M texts take longer than a search)
    FeatureCache searchCache = sn < n ? cache.subset(pick(cacheRows, sample)) : cache;
    int[] sampleRows = sn < n ? range(0, sn) : cacheRows;
    Folds folds = Folds.stratified(sampleTexts, sy, k, config.folds(), config.seed());
    double refitScale = (double) n / folds.train(0).length;
    // on a sample, half the budget is kept for the final fit on every row
    long searchDeadline = sn < n ? start + config.budget().toMillis() / 2 : deadline;
    Map<String, CompletableFuture<SparseMatrix>> features = new ConcurrentHashMap<>();
    List<Evaluation> evals = space.stream().map(c -> new Evaluation(c, sn, folds.k())).toList();
    ExecutorService pool = Executors.newFixedThreadPool(config.threads());
    try {
      // rung 0: one fold (or a fifth of leave-one-out folds) for everyone
      int firstFolds = Math.max(1, folds.k() / 5);
      int midFolds = Math.max(firstFolds, (folds.k() + 1) / 2);
      int midSize = Math.min(evals.size(), Math.max(6, evals.size() / 2));
      int topSize = Math.min(midSize, Math.max(3, midSize / 2));
      AtomicInteger done = new AtomicInteger();
      int total = evals.size() * firstFolds + midSize * (midFolds - firstFolds) + topSize * (folds.k() - midFolds);
      run(pool, evals, range(0, firstFolds), folds, searchCache, sampleRows, sy, k, features, searchDeadline, done,
          total, progress);
      evals.forEach(e -> e.summarize(sy, k));
      List<Evaluation> ranked = rank(evals.stream().filter(e -> e.metrics != null).toList());
      // rung 1: the better half on half the folds, so one lucky or unlucky fold does not decide who goes on
      List<Evaluation> middle = ranked.subList(0, Math.min(ranked.size(), midSize));
      run(pool, middle, range(firstFolds, midFolds), folds, searchCache, sampleRows, sy, k, features, searchDeadline,
          done, total, progress);
      middle.forEach(e -> e.summarize(sy, k));
      List<Evaluation> reranked = new ArrayList<>(rank(middle));
      ranked.stream().filter(e -> !middle.contains(e)).forEach(reranked::add);
      // rung 2: the best of those on every fold
      List<Evaluation> survivors = reranked.subList(0, Math.min(reranked.size(), topSize));
      run(pool, survivors, range(midFolds, folds.k()), folds, searchCache, sampleRows, sy, k, features,
          searchDeadline, done, total, progress);
      survivors.forEach(e -> e.summarize(sy, k));
      // budget left: promote the next candidates in rung-1 order, a few at a time, so a generous budget ends with
      // every configuration fully cross-validated (a larger library for ensemble selection)
      for (int next = survivors.size(); next < reranked.size() && clock.millis() < searchDeadline; ) {
        List<Evaluation> batch = reranked.subList(next, Math.min(reranked.size(), next + config.threads() * 2));
        next += batch.size();
        run(pool, batch, range(firstFolds, folds.k()), folds, searchCache, sampleRows, sy, k, features,
            searchDeadline, done, total, progress);
        batch.forEach(e -> e.summarize(sy, k));
      }
    } finally {
      pool.shutdownNow();
      features.clear();
    }
    List<Evaluation> complete = rank(evals.stream().filter(e -> e.oofProba != null).toList());
    List<Evaluation> all = rank(evals.stream().filter(e -> e.metrics != null).toList());
    if (all.isEmpty()) throw new IllegalStateException("time budget too small to evaluate any configuration");
    // fully cross-validated configurations first: a one-fold score is noisier and not comparable
    List<LeaderboardEntry> board = new ArrayList<>(all.stream().map(Evaluation::entry)
        .sorted(Comparator.comparingInt(LeaderboardEntry::folds).reversed()
            .thenComparing(Comparator.comparingDouble(LeaderboardEntry::cvAccuracy).reversed()))
        .toList());
    if (complete.isEmpty()) { // budget ran out before any saw every fold: the best of those seen on the most folds
      Evaluation b = all.stream().sorted(Comparator.comparingInt(Evaluation::foldsDone).reversed()).findFirst().orElseThrow();
      AutoMlResult r = refit(data, cache, cacheRows, y, List.of(b.candidate), new int[] {1}, b, start, folds.k());
      return new AutoMlResult(board, r.best(), r.model());
    }
    List<Evaluation> robust = withinOneStandardError(complete, space);
    Evaluation best = sn < n ? refittable(robust, refitScale, deadline - clock.millis(), n) : robust.get(0);
    if (best != complete.get(0)) {
      LOG.info("{} ranks first; choosing {} (within one standard error of it and simpler, or the only one that fits "
          + "the time and memory left for all {} rows)", complete.get(0).candidate.name(), best.candidate.name(), n);
    }
    // on a sample the final fit dominates the time: one model is refit on all rows, not an ensemble of them
    if (config.ensemble() && complete.size() > 1 && sn == n) {
      List<Evaluation> lib = library(complete, 10);
      List<double[][]> probs = lib.stream().map(e -> e.oofProba).toList();
      int[] w = EnsembleSelection.select(probs, sy, range(0, sn), 20);
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
          secs += lib.get(j).seconds;
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
          return refitEnsemble(data, cache, cacheRows, y, members, ws, temps, e, m.confusion(), start, folds.k(), board);
        }
      }
    }
    AutoMlResult r = refit(data, cache, cacheRows, y, List.of(best.candidate), new int[] {1}, best, start, folds.k());
    return new AutoMlResult(board, best.entry(), r.model());
  }

  /**
   * The best of {@code ranked} whose fit on all {@code n} rows is expected to finish within {@code millisLeft} and to
   * fit in half the heap, else the lightest. Time: a fold's time scaled by {@code scale} (rows of the final fit per
   * training row of a fold), doubled for counting the n-grams of every row and for the error of a linear
   * extrapolation. Memory: 8 bytes per stored value (column and value), about three copies alive at once (counts,
   * TF-IDF, the blocks stacked); char n-grams of a million texts need more than a default heap.
   */
  private static Evaluation refittable(List<Evaluation> ranked, double scale, long millisLeft, int n) {
    double heap = Runtime.getRuntime().maxMemory() / 2.0;
    return ranked.stream()
        .filter(e -> 2 * e.lastFoldSeconds * scale * 1000 <= millisLeft && e.nnzPerRow * n * 8 * 3 <= heap)
        .findFirst()
        .orElseGet(() -> ranked.stream().min(Comparator.comparingDouble(e -> e.nnzPerRow)).orElseThrow());
  }

  /**
   * {@code ranked} reordered for a choice robust to fold noise (the one-standard-error rule of Breiman et al. 1984,
   * Hastie et al. 2009 §7.10): the configurations whose mean fold accuracy is within one standard error of the best
   * mean come first, simplest first (fewest stored feature values per row, then earlier in the search space, where
   * stronger regularisation is listed first), then the rest in rank order.
   */
  static List<Evaluation> withinOneStandardError(List<Evaluation> ranked, List<Candidate> space) {
    Evaluation top = ranked.stream().max(Comparator.comparingDouble(Evaluation::meanFoldAccuracy)).orElseThrow();
    double se = top.foldStandardError();
    if (!Double.isFinite(se)) return ranked;
    double bar = top.meanFoldAccuracy() - se;
    List<Evaluation> out = new ArrayList<>(ranked.stream().filter(e -> e.meanFoldAccuracy() >= bar)
        .sorted(Comparator.comparingDouble((Evaluation e) -> e.nnzPerRow)
            .thenComparingInt(e -> space.indexOf(e.candidate)))
        .toList());
    ranked.stream().filter(e -> !out.contains(e)).forEach(out::add);
    return out;
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

  private static List<Evaluation> rank(List<Evaluation> evals) {
    return evals.stream().sorted(Comparator.comparingDouble((Evaluation e) -> -e.metrics.accuracy())
        .thenComparingDouble(e -> -e.metrics.macroF1())
        .thenComparingInt(evals::indexOf)).toList();
  }

  private static int[] range(int from, int to) { return java.util.stream.IntStream.range(from, to).toArray(); }


  private void run(ExecutorService pool, List<Evaluation> evals, int[] foldIds, Folds folds, FeatureCache cache,
      int[] cacheRows, int[] y, int k, Map<String, CompletableFuture<SparseMatrix>> features, long deadline,
      AtomicInteger done, int total, Progress progress) {
    List<Future<?>> jobs = new ArrayList<>();
    for (int f : foldIds) {
      for (Evaluation e : evals) {
        jobs.add(pool.submit(() -> {
          if (e.isDone(f)) return;
          // do not start a job that is not expected to finish in time (its own last fold time, else the mean so far)
          double expect = e.lastFoldSeconds > 0 ? e.lastFoldSeconds : meanJobSeconds();
          if (clock.millis() + (long) (expect * 1000) > deadline) return;
          long t0 = System.nanoTime();
          int[] train = folds.train(f), test = folds.test(f);
          int[] ytr = pick(y, train);
          SparseMatrix x = features(e.candidate.spec(), f, folds, cache, cacheRows, ytr, features);
          e.nnzPerRow = (double) x.nnz() / Math.max(1, x.rows());
          Scorer s = e.candidate.learner().fit(x.rows(train), ytr, k);
          double[][] sc = s.scores(x.rows(test));
          double secs = (System.nanoTime() - t0) / 1e9;
          e.record(f, test, y, sc, secs);
          synchronized (jobStats) {
            jobStats[0] += secs;
            jobStats[1]++;
          }
          e.markDone(f);
          progress.update(done.incrementAndGet(), total, e.candidate.name());
        }));
      }
    }
    for (Future<?> j : jobs) {
      try {
        j.get();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", ex);
      } catch (java.util.concurrent.ExecutionException ex) {
        throw new IllegalStateException("evaluation failed: " + ex.getCause(), ex.getCause());
      }
    }
  }

  private final double[] jobStats = new double[2]; // total seconds, count

  private double meanJobSeconds() {
    synchronized (jobStats) {
      return jobStats[1] == 0 ? 0 : jobStats[0] / jobStats[1];
    }
  }

  /** {@code values} at the positions {@code at}, in that order. */
  private static int[] pick(int[] values, int[] at) {
    int[] r = new int[at.length];
    for (int i = 0; i < at.length; i++) r[i] = values[at[i]];
    return r;
  }

  /** Features of all rows, fitted (vocabulary, IDF, selection) on the fold's training rows, labeled {@code yTrain}. */
  private static SparseMatrix features(FeatureSpec spec, int fold, Folds folds, FeatureCache cache, int[] cacheRows,
      int[] yTrain, Map<String, CompletableFuture<SparseMatrix>> memo) {
    CompletableFuture<SparseMatrix> mine = new CompletableFuture<>();
    CompletableFuture<SparseMatrix> prior = memo.putIfAbsent(spec + "#" + fold, mine);
    if (prior != null) return prior.join();
    try {
      // only the labeled rows: the cache may also hold a large unlabeled pool
      mine.complete(Featurizer.fit(spec, cache, pick(cacheRows, folds.train(fold)), yTrain).transform(cache, cacheRows));
    } catch (RuntimeException ex) {
      mine.completeExceptionally(ex);
      throw ex;
    }
    return mine.join();
  }

  private AutoMlResult refit(TextDataset data, FeatureCache cache, int[] cacheRows, int[] y, List<Candidate> members,
      int[] weights, Evaluation eval, long start, int foldCount) {
    Map<Candidate, Double> temps = new HashMap<>();
    temps.put(members.get(0), eval == null ? 1.0 : eval.temperature);
    LeaderboardEntry entry = eval != null ? eval.entry()
        : new LeaderboardEntry(members.get(0).name(), 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, 0);
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
