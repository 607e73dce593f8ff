package org.labelloop.app.learn;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.labelloop.learn.automl.AutoMl;
import org.labelloop.learn.automl.AutoMlConfig;
import org.labelloop.learn.automl.AutoMlResult;
import org.labelloop.learn.automl.LeaderboardEntry;
import org.labelloop.learn.automl.LearnerCatalog;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.image.ShippedImageEncoder;
import org.labelloop.learn.media.MediaClassifier;
import org.labelloop.learn.media.MediaTable;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.model.ModelFile;
import org.labelloop.learn.tabular.Table;
import org.labelloop.learn.tabular.TableEncoder;
import org.labelloop.learn.tabular.TableSchema;
import org.labelloop.learn.tabular.TabularAutoMl;
import org.labelloop.learn.tabular.TabularModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code labelloop automl}: model search on a labeled file, prints a leaderboard and the best configuration. */
@Command(name = "automl", mixinStandardHelpOptions = true,
    description = {"Searches featurizers x learners x hyperparameters by cross-validation under a time budget.",
        "Prints the leaderboard; last line: best config=... cv_accuracy=... test_accuracy=... seconds=..."})
public final class AutomlCommand implements Callable<Integer> {
  @Mixin DataOptions in = new DataOptions();

  @Option(names = "--test", description = "Held-out labeled file (same format and columns).")
  Path test;

  @Option(names = "--test-fraction", description = "Text and tabular, without --test: hold out this share of --data "
      + "(stratified by label, --seed; duplicates removed first) as the test set. Without either, all of --data is cross-validated.")
  Double testFraction;

  @Option(names = "--task", defaultValue = "classification",
      description = "classification (default: texts) or tabular (every column but --label and --drop is a feature, "
          + "typed by its values; the search cross-validates logistic regression and boosted trees), image or audio (--file "
          + "names each photo or recording; logistic or softmax regression over C and boosted trees on the shipped image encoders "
          + "or the audio features, cached by content).")
  String task;

  @Option(names = "--drop", split = ",", paramLabel = "COLUMN",
      description = "--task tabular: columns that are not features (e.g. an identifier or another target).")
  List<String> drop = List.of();

  @Option(names = "--cv", defaultValue = "5", description = "Cross-validation folds (default ${DEFAULT-VALUE}).")
  int cv;

  @Option(names = "--time-budget", defaultValue = "60", description = "Wall-clock budget in seconds (default ${DEFAULT-VALUE}).")
  int budget;

  @Option(names = "--out", description = "Write the leaderboard as CSV.")
  Path out;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--learner", defaultValue = "auto",
      description = "auto or one of: svm, svm-emb, cnb, lr, softmax-emb, xgb-emb; with --task tabular auto, lr or xgb.")
  String learner;

  @Mixin EmbeddingOptions embeddings = new EmbeddingOptions();

  @Option(names = "--no-ensemble", description = "Return the best single configuration, no ensemble.")
  boolean noEnsemble;

  @Option(names = "--save-model", paramLabel = "FILE",
      description = "Text or image classification: write the chosen model as one file, the format of export-model, for"
          + " labelloop-spark's ScoreJob.")
  Path saveModel;

  @Option(names = "--job", defaultValue = "JOB_0",
      description = "With --save-model: the project job the model's predictions answer (default ${DEFAULT-VALUE}).")
  String job;

  @Spec CommandSpec spec;

  @Override public Integer call() {
    long start = System.nanoTime();
    double cpuStart = EmbeddingOptions.cpuSecondsPerCore();
    var stdout = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    try {
      if (budget < 1 || cv < 2) throw new UserError("--time-budget must be >= 1 and --cv >= 2");
      CliTask kind = CliTask.named(task, "automl", CliTask.TEXT, CliTask.TABULAR, CliTask.IMAGE, CliTask.AUDIO);
      if (saveModel != null && kind != CliTask.TEXT && kind != CliTask.IMAGE) {
        throw new UserError("--save-model: only text and image classifiers export to a file");
      }
      if (testFraction != null && test != null) throw new UserError("give --test or --test-fraction, not both");
      if (kind == CliTask.TABULAR) return tabular(stdout, err, start);
      if (kind == CliTask.IMAGE || kind == CliTask.AUDIO) {
        if (testFraction != null) throw new UserError("--test-fraction: text and tabular; give --test for images or audio");
        return media(stdout, err, start);
      }
      TextDataset[] sets = texts(stdout);
      TextDataset data = sets[0], testData = sets[1];
      List<String> texts = new ArrayList<>(data.texts());
      if (testData != null) texts.addAll(testData.texts());
      ProgressBar bar = new ProgressBar(err, "automl");
      // the search needs the rest of the budget: CV of ~30 configurations took 40 s on BBC News (1,490 articles)
      double allowance = budget * 0.4, embedCpuStart = EmbeddingOptions.cpuSecondsPerCore();
      TextEmbedder embedder = EmbeddingOptions.usefulFor(learner) ? embeddings.embedAll(texts, allowance, bar, err) : null;
      TextEmbedder pair = embeddings.pairedWithBge(embedder, texts,
          allowance - (EmbeddingOptions.cpuSecondsPerCore() - embedCpuStart), bar, err);
      double reserve = Math.max(3, budget * 0.15); // for the final refit and for scoring the test set
      double elapsed = (System.nanoTime() - start) / 1e9;
      // the search gets at least 45 % of the budget even when other processes slowed the embedding (chosen by its CPU
      // cost, at most 40 %), so the result holds and the run takes longer
      double searchCpuStart = EmbeddingOptions.cpuSecondsPerCore(), searchStart = System.nanoTime();
      FeatureCache cache = new FeatureCache(texts, pair != null ? pair : embedder);
      AutoMlResult result = search(data, cache, Math.max(budget * 0.45, budget - elapsed - reserve), bar);
      if (pair == null) {
        // the search may have left time enough for bge-small beside e5-small and a second search as long as the first
        double searchCpu = EmbeddingOptions.cpuSecondsPerCore() - searchCpuStart;
        double searchWall = (System.nanoTime() - searchStart) / 1e9;
        double spare = budget - reserve - (EmbeddingOptions.cpuSecondsPerCore() - cpuStart) - searchCpu;
        pair = spare > 0 ? embeddings.pairedWithBge(embedder, texts, spare, bar, err) : null;
        if (pair != null) {
          FeatureCache paired = new FeatureCache(texts, pair);
          double left = budget - (System.nanoTime() - start) / 1e9 - reserve;
          AutoMlResult second = search(data, paired, Math.max(2 * searchWall, left), bar);
          boolean better = second.best().folds() >= result.best().folds()
              && second.best().cvAccuracy() > result.best().cvAccuracy();
          err.printf(Locale.ROOT, "%snote: e5-small+bge-small cross-validated %.4f against e5-small's %.4f: %s%n",
              "\r\u001b[K", second.best().cvAccuracy(), result.best().cvAccuracy(), better ? "kept" : "not kept");
          if (better) {
            result = second;
            cache = paired;
          }
        }
      }
      String testAcc = "NA", testF1 = null;
      if (testData != null) {
        double[][] p = result.model().predictProba(cache);
        int[] y = testData.items().stream().mapToInt(t -> data.classes().indexOf(t.label())).toArray();
        int[] pred = new int[y.length];
        int correct = 0;
        for (int i = 0; i < y.length; i++) {
          pred[i] = Metrics.argmax(p[data.size() + i]);
          if (pred[i] == y[i]) correct++;
        }
        testAcc = String.format(Locale.ROOT, "%.4f", (double) correct / y.length);
        testF1 = classF1(data.classes(), y, pred);
      }
      bar.finish();
      printLeaderboard(stdout, result.leaderboard());
      if (out != null) writeCsv(out, result.leaderboard());
      if (testF1 != null) stdout.println("test f1 " + testF1);
      if (saveModel != null) save(result.model().save(), null, stdout);
      long secs = Math.round((System.nanoTime() - start) / 1e9);
      stdout.printf(Locale.ROOT, "best config=%s cv_accuracy=%.4f test_accuracy=%s seconds=%d%n", result.best().config(),
          result.best().cvAccuracy(), testAcc, secs);
      stdout.flush();
      return 0;
    } catch (UserError e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  /** The text search over {@code cache}'s features for {@code seconds} (the space follows whether it has embeddings). */
  private AutoMlResult search(TextDataset data, FeatureCache cache, double seconds, ProgressBar bar) {
    List<org.labelloop.learn.automl.Candidate> space;
    try {
      space = LearnerCatalog.space(learner, cache.embedder() != null);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    AutoMlConfig config = new AutoMlConfig(cv, Duration.ofMillis((long) (seconds * 1000)), seed, !noEnsemble,
        Runtime.getRuntime().availableProcessors(), space);
    int[] rows = IntStream.range(0, data.size()).toArray();
    return new AutoMl(config, Clock.systemUTC()).fit(data, cache, rows, bar);
  }

  /**
   * The model as a {@link ModelFile} named after its bytes, so a Spark re-run knows what it scored; {@code image}: how
   * an image classifier's vectors are made (null for text).
   */
  private void save(byte[] bytes, ModelFile.ImageEncoding image, PrintWriter stdout) {
    String version;
    try {
      version = "automl-" + java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes), 0, 6);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path part = saveModel.resolveSibling(saveModel.getFileName() + ".part");
    try {
      try (OutputStream file = Files.newOutputStream(part)) {
        new ModelFile(version, job, bytes, image).write(file);
      }
      Files.move(part, saveModel, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UserError("cannot write " + saveModel + ": " + e.getMessage());
    }
    stdout.println("model saved: version=" + version + " file=" + saveModel);
  }

  private int tabular(PrintWriter stdout, PrintWriter err, long start) {
    TabularInput read = TabularInput.read(in.data, in.format, in.label, drop);
    if (testFraction != null) {
      TabularInput distinct = read.distinct();
      TabularInput[] split = HoldOut.split(distinct, testFraction, seed);
      stdout.println(heldOut(read.labels().size(), distinct.labels().size(), split[1].labels().size()));
      return tabular(stdout, err, start, split[0], split[1]);
    }
    return tabular(stdout, err, start, read, test == null ? null : TabularInput.read(test, in.format, in.label, drop));
  }

  /** The training texts and the test texts (null without --test or --test-fraction). */
  private TextDataset[] texts(PrintWriter stdout) {
    TextDataset data = in.read(in.data);
    if (testFraction == null) return new TextDataset[] {data, test == null ? null : in.read(test)};
    TextDataset distinct = HoldOut.distinct(data);
    TextDataset[] split = HoldOut.split(distinct, testFraction, seed);
    stdout.println(heldOut(data.size(), distinct.size(), split[1].size()));
    return split;
  }

  private String heldOut(int rows, int distinct, int held) {
    return String.format(Locale.ROOT, "test: %d of %d distinct rows held out (--test-fraction %s, stratified; %d duplicates removed)",
        held, distinct, testFraction, rows - distinct);
  }

  private int tabular(PrintWriter stdout, PrintWriter err, long start, TabularInput data, TabularInput held) {
    if (held != null && !held.table().names().equals(data.table().names())) {
      throw new UserError(test + " has other columns than " + in.data);
    }
    Table all = held == null ? data.table() : data.table().append(held.table());
    data.schema().firstBadValue(all).ifPresent(b -> {
      boolean inTest = b.row() >= data.labels().size();
      int row = inTest ? b.row() - data.labels().size() : b.row();
      throw new UserError((inTest ? test : in.data) + ": data row " + (row + 1) + ": " + b.message());
    });
    List<Learner> space;
    try {
      space = TabularAutoMl.space(learner, seed);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    searchTable(stdout, err, start, all, data.schema(), data.labels(), held == null ? null : held.labels(), space,
        String.format(Locale.ROOT, "data: %d rows; columns %s", data.labels().size(), data.describeColumns()));
    return 0;
  }

  /**
   * The tables' search on the first {@code labels.size()} rows of {@code all}; the rest, labeled {@code heldLabels}
   * (null for none), are the test set: prints the leaderboard and the best line, and returns the best model.
   */
  private TabularModel searchTable(PrintWriter stdout, PrintWriter err, long start, Table all, TableSchema schema, List<String> labels,
      List<String> heldLabels, List<Learner> space, String dataLine) {
    int[] rows = IntStream.range(0, labels.size()).toArray();
    // fitted on the training rows only: the test file stays unseen
    TableEncoder encoder = TableEncoder.fit(all, schema, rows, TableEncoder.MAX_CATEGORIES);
    SparseMatrix encoded = encoder.transform(all);
    // as for texts, the search gets at least 45 % of the budget however long reading (or featurizing media) took
    double left = Math.max(budget * 0.45, budget - (System.nanoTime() - start) / 1e9 - Math.max(3, budget * 0.15));
    TabularAutoMl.Config config = new TabularAutoMl.Config(cv, Duration.ofMillis((long) (left * 1000)), seed,
        Runtime.getRuntime().availableProcessors(), space);
    ProgressBar bar = new ProgressBar(err, "automl");
    TabularAutoMl.Result result = new TabularAutoMl(config, Clock.systemUTC()).fit(all, encoder, encoded, rows, labels, bar);
    String testAcc = "NA";
    if (heldLabels != null) {
      int n = labels.size();
      double[][] p = result.model().predictProba(encoded.rows(IntStream.range(n, all.size()).toArray()));
      long correct = IntStream.range(0, p.length)
          .filter(i -> result.model().classes().get(Metrics.argmax(p[i])).equals(heldLabels.get(i))).count();
      testAcc = String.format(Locale.ROOT, "%.4f", (double) correct / p.length);
    }
    bar.finish();
    stdout.println(dataLine);
    printLeaderboard(stdout, result.leaderboard());
    if (out != null) writeCsv(out, result.leaderboard());
    long secs = Math.round((System.nanoTime() - start) / 1e9);
    stdout.printf(Locale.ROOT, "best config=%s cv_accuracy=%.4f test_accuracy=%s seconds=%d%n", result.best().config(),
        result.best().cvAccuracy(), testAcc, secs);
    stdout.flush();
    return result.model();
  }

  /** Photos or recordings: their vectors as a table of numbers (scaled on the training files), then the tables' search. */
  private int media(PrintWriter stdout, PrintWriter err, long start) {
    MediaInput m = MediaInput.read(task, in, in.data, test, embeddings, new ProgressBar(err, "automl"), err);
    MediaTable.Scaling scaling = MediaTable.Scaling.fit(m.vectors(), IntStream.range(0, m.poolSize()).toArray());
    MediaTable t = MediaTable.of(scaling.apply(m.vectors()));
    List<String> held = test == null ? null : m.labels().subList(m.poolSize(), m.labels().size());
    TabularModel model = searchTable(stdout, err, start, t.table(), t.schema(), m.labels().subList(0, m.poolSize()), held,
        MediaTable.space(m.classes(), seed), m.summary());
    if (saveModel != null) save(new MediaClassifier(ShippedImageEncoder.NAME, scaling, model).save(), ModelFile.ImageEncoding.shipped(), stdout);
    return 0;
  }

  /** {@code class=F1} on the test set for every class, e.g. {@code spam=0.9412 ham=0.9911}. */
  static String classF1(List<String> classes, int[] truth, int[] predicted) {
    StringBuilder b = new StringBuilder();
    for (int c = 0; c < classes.size(); c++) {
      int tp = 0, fp = 0, fn = 0;
      for (int i = 0; i < truth.length; i++) {
        if (predicted[i] == c && truth[i] == c) tp++;
        else if (predicted[i] == c) fp++;
        else if (truth[i] == c) fn++;
      }
      double f1 = tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
      b.append(b.isEmpty() ? "" : " ").append(classes.get(c).replace(' ', '_')).append('=')
          .append(String.format(Locale.ROOT, "%.4f", f1));
    }
    return b.toString();
  }

  static void printLeaderboard(PrintWriter out, List<LeaderboardEntry> board) {
    out.printf(Locale.ROOT, "%-4s %-8s %-7s %-6s %-8s %-8s %-8s %-8s %-7s %-7s %s%n", "rank", "cv_acc", "cv_se", "folds",
        "macro_f1", "w_prec", "w_rec", "w_f1", "ece", "secs", "config");
    int r = 1;
    for (LeaderboardEntry e : board) {
      out.printf(Locale.ROOT, "%-4d %-8.4f %-7s %-6d %-8.4f %-8.4f %-8.4f %-8.4f %-7.4f %-7.1f %s%n", r++, e.cvAccuracy(),
          Double.isFinite(e.cvStandardError()) ? String.format(Locale.ROOT, "%.4f", e.cvStandardError()) : "-", e.folds(),
          e.macroF1(), e.weightedPrecision(), e.weightedRecall(), e.weightedF1(), e.ece(), e.seconds(), e.config());
    }
  }

  static void writeCsv(Path file, List<LeaderboardEntry> board) {
    List<String> lines = new ArrayList<>();
    lines.add("rank,config,folds,cv_accuracy,cv_standard_error,macro_f1,weighted_precision,weighted_recall,weighted_f1,ece,"
        + "seconds");
    int r = 1;
    for (LeaderboardEntry e : board) {
      lines.add(String.format(Locale.ROOT, "%d,\"%s\",%d,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.4f,%.2f", r++, e.config(), e.folds(),
          e.cvAccuracy(), e.cvStandardError(), e.macroF1(), e.weightedPrecision(), e.weightedRecall(), e.weightedF1(),
          e.ece(), e.seconds()));
    }
    try {
      Files.write(file, lines);
    } catch (IOException ex) {
      throw new UserError("cannot write " + file + ": " + ex.getMessage());
    }
  }
}
