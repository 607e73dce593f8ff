package org.labelloop.app.learn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.labelloop.app.ner.NerInput;
import org.labelloop.app.ner.WordClusterBuilder;
import org.labelloop.learn.automl.AutoMl;
import org.labelloop.learn.automl.AutoMlConfig;
import org.labelloop.learn.automl.Candidate;
import org.labelloop.learn.automl.LearnerCatalog;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.image.DetectionReplay;
import org.labelloop.learn.ner.NerReplay;
import org.labelloop.learn.ner.WordClusters;
import org.labelloop.learn.ner.format.NerFormatException;
import org.labelloop.learn.simulate.CurvePoint;
import org.labelloop.learn.simulate.ForecastCheck;
import org.labelloop.learn.simulate.Replay;
import org.labelloop.learn.simulate.SimulationConfig;
import org.labelloop.learn.simulate.Simulator;
import org.labelloop.learn.simulate.TextReplay;
import org.labelloop.learn.tabular.TabularAutoMl;
import org.labelloop.learn.tabular.TabularReplay;
import org.labelloop.learn.simulate.Trainer;
import org.labelloop.learn.strategy.Strategies;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code labelloop simulate}: replays a labeled dataset through active-learning strategies. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Replays a fully labeled dataset through query strategies and records learning curves.",
        "Exact duplicate texts are removed before the split. Per strategy the last line is",
        "final strategy=NAME labels=N accuracy=... macro_f1=... aulc=... ece=... certain=N labels95=N forecast_error=... forecast_covered=K/N "
            + "forecast_width=... doubled_covered=K/N doubled_width=... (aulc = mean "
            + "accuracy over the curve; ece = expected calibration error on the test set, 15 bins; certain = unlabeled "
            + "items given a probability of exactly 1;",
        "labels95 = fewest labels at which the accuracy, averaged over repeats, reaches 95 % of a model trained on the whole pool,",
        "NA when not within the budget, text and tabular only; forecast_error = median absolute error of the accuracy that the "
            + "saturating curve fitted on the first half of the budget forecast for the rounds of the second half, the "
            + "check of the dashboard's \"how many more labels?\"; nan below three rounds in the first half; forecast_covered = "
            + "repeats whose 90 % interval of labels to 95 % of the forecast ceiling held the labels the second half needed to "
            + "reach it, forecast_width its median width in labels; doubled_covered and doubled_width the same for the "
            + "interval of the accuracy at twice the first half's labels).",
        "--task ner: final strategy=NAME sentences=N precision=... recall=... f1=... aulc=... (entity scores; aulc = mean f1);"
            + " --task detection: final strategy=NAME images=N map50=... aulc=... (aulc = mean map50)."})
public final class SimulateCommand implements Callable<Integer> {
  @Mixin DataOptions in = new DataOptions();

  @Option(names = "--task", defaultValue = "text",
      description = "text (default; also: classification), ner (--format conll; --initial/--batch/--budget count "
          + "sentences) or tabular (every column but --label and --drop is a feature, typed by its values; exact "
          + "duplicate rows are removed before the split; each round cross-validates logistic regression and boosted trees), "
          + "image or audio (--file names each photo or recording; the shipped image encoders or the audio features, "
          + "cached by content; each round cross-validates logistic or softmax regression over C and boosted trees on them), "
          + "detection (--data a COCO instances file, --format coco; --initial/--batch/--budget count images; each round "
          + "learns the categories of the detector's boxes (the shipped one or --detector) from the labeled boxes' crops and measures map50, "
          + "mean average precision at IoU 0.5, on the test images).")
  String task;

  @Option(names = "--images", paramLabel = "FOLDER",
      description = "--task detection: the folder the COCO files' file_name entries are in (default: each COCO file's folder).")
  Path images;

  @Mixin DetectorOptions detector = new DetectorOptions();

  @Option(names = "--drop", split = ",", paramLabel = "COLUMN",
      description = "--task tabular: columns that are not features (e.g. another target).")
  List<String> drop = List.of();

  @Option(names = "--test", description = "Held-out labeled file (same format and columns).")
  Path test;

  @Option(names = "--test-fraction", defaultValue = "0.2", description = "Stratified test share when no --test (default ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--strategy", required = true, split = ",",
      description = "Comma-separated: random, least-confidence, margin, entropy, max-entropy, diverse, cold-start "
          + "(ner reads margin as span margin, entropy as mean token entropy).")
  List<String> strategies;

  @Option(names = "--seed", defaultValue = "42") long seed;
  @Option(names = "--initial", defaultValue = "10", description = "Labels to start with: random ones (shared by every "
      + "strategy of a repeat); with embeddings, every strategy but random starts as the server's queue does, with the first "
      + "of its cold-start order.") int initial;
  @Option(names = "--batch", defaultValue = "10", description = "Labels queried per round.") int batch;
  @Option(names = "--budget", defaultValue = "100", description = "Total labels.") int budget;
  @Option(names = "--repeats", defaultValue = "1", description = "Repeats with different initial sets.") int repeats;

  @Option(names = "--learner", defaultValue = "auto",
      description = "auto (default: each round a small CV search over a linear SVM on word 1-2 + char 2-5 TF-IDF and "
          + "softmax regression on sentence embeddings, greedy ensemble, temperature-calibrated; embeddings are skipped "
          + "when they would take over 10 minutes), or one fixed learner: svm, svm-emb, cnb, lr, softmax-emb, xgb-emb. With --task tabular: auto (logistic "
          + "regression and boosted trees), lr or xgb.")
  String learner;

  @Mixin EmbeddingOptions embeddings = new EmbeddingOptions();

  @Option(names = "--word-clusters", paramLabel = "K[,K...]|none", defaultValue = WordClusterBuilder.DEFAULT_COUNTS,
      description = "--task ner: MiniLM word-cluster features, clustering the pool's word types into K clusters (several "
          + "counts give one clustering each; default ${DEFAULT-VALUE}, the best measured on CoNLL-2003); none turns them off.")
  String wordClusters;

  @Option(names = "--out", required = true, description = "CSV: strategy,repeat,labels and the task's metrics (text: accuracy,macro_f1,ece,certain,confidence = mean top-class probability on the test set,ece_floor = the ECE "
      + "perfectly calibrated probabilities with these confidences would show on this test set).") Path out;
  @Option(names = "--plot", description = "SVG plot of the learning curves.") Path plot;

  @Spec CommandSpec spec;

  private int[] clusterCounts() {
    try {
      return WordClusterBuilder.parseCounts(wordClusters);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  @Override public Integer call() {
    var stdout = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    try {
      List<String> names = strategies.stream().map(SimulateCommand::strategy).toList();
      if (initial < 1 || batch < 1 || repeats < 1 || budget < initial) {
        throw new UserError("need --initial >= 1, --batch >= 1, --repeats >= 1 and --budget >= --initial");
      }
      ProgressBar bar = new ProgressBar(err, "simulate");
      CliTask kind = CliTask.named(task, "simulate", CliTask.TEXT, CliTask.NER, CliTask.TABULAR, CliTask.IMAGE, CliTask.AUDIO,
          CliTask.DETECTION);
      boolean ner = kind == CliTask.NER, detection = kind == CliTask.DETECTION;
      Replay replay = switch (kind) {
        case TEXT -> textReplay(bar);
        case NER -> nerReplay();
        case TABULAR -> tabularReplay();
        case IMAGE, AUDIO -> mediaReplay(bar);
        case DETECTION -> detectionReplay(bar);
      };
      List<CurvePoint> points = Simulator.run(replay, new SimulationConfig(names, seed, initial, batch, budget, repeats), bar);
      bar.finish();
      write(points, replay, ner ? "sentences" : detection ? "images" : "labels");
      if (summary != null) stdout.println(summary);
      // the reference for labels95: a model trained on the whole pool (NER's full CRF would cost minutes, so not there)
      double target = Double.NaN;
      if (!ner) {
        double full = replay.round(IntStream.range(0, replay.poolSize()).toArray(), new int[0]).metrics().get(replay.quality());
        target = 0.95 * full;
        stdout.printf(Locale.ROOT, "full pool labels=%d %s=%.4f (labels95 = labels to reach %.4f)%n", replay.poolSize(),
            replay.quality(), full, target);
      }
      for (String s : names) {
        List<CurvePoint> curve = points.stream().filter(p -> p.strategy().equals(s)).toList();
        int last = curve.stream().mapToInt(CurvePoint::labels).max().orElse(0);
        List<CurvePoint> finals = curve.stream().filter(p -> p.labels() == last).toList();
        if (ner) {
          stdout.printf(Locale.ROOT, "final strategy=%s sentences=%d precision=%.4f recall=%.4f f1=%.4f aulc=%.4f%n", s, last,
              mean(finals, "precision"), mean(finals, "recall"), mean(finals, "f1"), aulc(curve, "f1"));
        } else if (detection) {
          stdout.printf(Locale.ROOT, "final strategy=%s images=%d map50=%.4f aulc=%.4f%n", s, last, mean(finals, DetectionReplay.MAP50),
              aulc(curve, DetectionReplay.MAP50));
        } else {
          double aulc = aulc(curve, "accuracy");
          int certain = finals.stream().mapToInt(p -> (int) p.metric("certain")).max().orElse(0);
          var reach = Simulator.labelsToReach(curve, replay.quality(), target);
          ForecastCheck check = ForecastCheck.of(curve, "accuracy");
          stdout.printf(Locale.ROOT, "final strategy=%s labels=%d accuracy=%.4f macro_f1=%.4f aulc=%.4f ece=%.4f certain=%d labels95=%s"
              + " forecast_error=%.4f forecast_covered=%d/%d forecast_width=%.0f doubled_covered=%d/%d doubled_width=%.4f%n", s,
              last, mean(finals, "accuracy"), mean(finals, "macro_f1"), aulc, mean(finals, "ece"), certain,
              reach.isPresent() ? Integer.toString(reach.getAsInt()) : "NA", check.medianAbsoluteError(), check.moreCovered(),
              check.checked(), check.moreWidth(), check.doubledCovered(), check.doubledChecked(), check.doubledWidth());
        }
      }
      stdout.flush();
      return 0;
    } catch (UserError | IllegalArgumentException | NerFormatException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("error: cannot read or write: " + e.getMessage());
      return 2;
    }
  }

  private static String strategy(String name) {
    try {
      return Strategies.named(name).name();
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The area under each repeat's curve, averaged over repeats. */
  private double aulc(List<CurvePoint> curve, String metric) {
    return IntStream.range(0, repeats)
        .mapToDouble(r -> Simulator.aulc(curve.stream().filter(p -> p.repeat() == r).toList(), metric)).average().orElse(Double.NaN);
  }

  private static double mean(List<CurvePoint> points, String metric) {
    return points.stream().mapToDouble(p -> p.metric(metric)).average().orElse(Double.NaN);
  }

  /** Text classification: reads, dedupes and splits the data, embeds it when the learner uses embeddings. */
  private Replay textReplay(ProgressBar bar) {
    var err = spec.commandLine().getErr();
    TextDataset data = dedupe(in.read(in.data));
    TextDataset pool, testSet;
    if (test != null) {
      Set<String> seen = new HashSet<>(data.texts());
      pool = data;
      testSet = new TextDataset(dedupe(in.read(test)).items().stream().filter(t -> !seen.contains(t.text())).toList());
    } else {
      TextDataset[] split = HoldOut.split(data, testFraction, seed);
      pool = split[0];
      testSet = split[1];
    }
    if (testSet.size() == 0) throw new UserError("empty test set");
    List<String> texts = new ArrayList<>(pool.texts());
    texts.addAll(testSet.texts());
    TextEmbedder embedder = EmbeddingOptions.usefulFor(learner) ? embeddings.embedAll(texts, 600, bar, err) : null;
    List<Candidate> space;
    try {
      space = learner.equalsIgnoreCase("auto") ? activeSpace(embedder != null) : LearnerCatalog.space(learner, embedder != null);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    FeatureCache cache = new FeatureCache(texts, embedder);
    space.forEach(c -> cache.prepare(c.spec()));
    Trainer trainer = (labeled, c, rows, unlabeled) -> new AutoMl(
        new AutoMlConfig(5, Duration.ofSeconds(60), seed, space.size() > 1,
            Runtime.getRuntime().availableProcessors(), space), Clock.systemUTC())
        .fit(labeled, c, rows, unlabeled, org.labelloop.learn.automl.Progress.NONE).model();
    summary = String.format(Locale.ROOT, "data: %d texts after removing %d duplicates; pool %d, test %d; learner %s",
        pool.size() + testSet.size(), removed, pool.size(), testSet.size(), learner);
    return new TextReplay(pool, testSet, cache, trainer, embedder != null);
  }

  /** Named entities: reads the sentence file, splits off the test set, clusters the pool's words when asked. */
  private Replay nerReplay() throws IOException, NerFormatException {
    int[] counts = clusterCounts();
    NerInput data = NerInput.read(in.data, in.format, test, testFraction, seed);
    System.err.printf(Locale.ROOT, "ner simulate: pool %d sentences, test %d sentences%n", data.train().size(), data.test().size());
    WordClusters clusters = counts == null ? null : WordClusterBuilder.build(data.train(), data.test(), seed, counts, System.err);
    return new NerReplay(data.train(), data.test(), NerInput.defaultConfig(seed, clusters), clusters);
  }

  /** Photos or recordings: featurized (or read from the cache), then split like texts when there is no --test. */
  private Replay mediaReplay(ProgressBar bar) {
    MediaInput media = MediaInput.read(task, in, in.data, test, embeddings, bar, spec.commandLine().getErr());
    summary = media.summary();
    return media.replay(testFraction, seed);
  }

  /** Photos with boxes: a COCO file (and a test one), read once through the detector and the shipped encoder. */
  private Replay detectionReplay(ProgressBar bar) {
    if (!in.format.equalsIgnoreCase("coco")) throw new UserError("--task detection reads --format coco (got '" + in.format + "')");
    DetectionInput data = DetectionInput.read(in.data, test, images, detector, bar, spec.commandLine().getErr());
    summary = data.summary();
    return data.replay(testFraction, seed);
  }

  /** Tables: reads the typed table, drops duplicate rows and splits it like texts (stratified by label). */
  private Replay tabularReplay() {
    if (test != null) throw new UserError("--task tabular splits --data by --test-fraction; --test is not supported");
    TabularInput read = TabularInput.read(in.data, in.format, in.label, drop);
    TabularInput data = read.distinct();
    TabularInput[] split = HoldOut.split(data, testFraction, seed);
    TabularInput ordered = split[0].append(split[1]);
    List<org.labelloop.learn.learner.Learner> space;
    try {
      space = TabularAutoMl.space(learner, seed);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    summary = String.format(Locale.ROOT, "data: %d rows after removing %d duplicates; pool %d, test %d; columns %s",
        data.labels().size(), read.labels().size() - data.labels().size(), split[0].labels().size(), split[1].labels().size(),
        data.describeColumns());
    return new TabularReplay(ordered.table(), ordered.schema(), ordered.labels(), split[0].labels().size(), space, seed);
  }

  /** Active learning retrains every round: a small, fast space (SVM over word+char TF-IDF, plus embeddings). */
  static List<Candidate> activeSpace(boolean embeddings) {
    List<Candidate> s = new ArrayList<>(LearnerCatalog.space("svm", false));
    if (embeddings) s.addAll(LearnerCatalog.space("softmax-emb", true));
    return s;
  }

  private int removed;
  private String summary;

  private TextDataset dedupe(TextDataset d) {
    TextDataset kept = HoldOut.distinct(d);
    removed += d.size() - kept.size();
    return kept;
  }

  /** The curve as CSV (strategy, repeat, labels, then the task's metrics) and, when asked, as an SVG plot. */
  private void write(List<CurvePoint> points, Replay replay, String unit) {
    List<String> metrics = replay.metrics();
    List<String> lines = new ArrayList<>();
    lines.add("strategy,repeat," + unit + "," + String.join(",", metrics));
    for (CurvePoint p : points) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s,%d,%d", p.strategy(), p.repeat(), p.labels()));
      for (String m : metrics) line.append(String.format(Locale.ROOT, ",%.4f", p.metric(m)));
      lines.add(line.toString());
    }
    try {
      Files.write(out, lines);
      if (plot != null) {
        Files.writeString(plot, SvgPlot.render("Active learning: " + in.data.getFileName(), points, replay.quality(), unit));
      }
    } catch (IOException e) {
      throw new UserError("cannot write output: " + e.getMessage());
    }
  }
}
