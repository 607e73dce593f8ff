package org.labelloop.app.learn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.labelloop.app.ner.NerSimulation;
import org.labelloop.learn.automl.AutoMl;
import org.labelloop.learn.automl.AutoMlConfig;
import org.labelloop.learn.automl.Candidate;
import org.labelloop.learn.automl.LearnerCatalog;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.sampling.Sampler;
import org.labelloop.learn.simulate.CurvePoint;
import org.labelloop.learn.simulate.SimulationConfig;
import org.labelloop.learn.simulate.Simulator;
import org.labelloop.learn.simulate.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code labelloop simulate}: replays a labeled dataset through active-learning strategies. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Replays a fully labeled dataset through query strategies and records learning curves.",
        "Exact duplicate texts are removed before the split. Per strategy the last line is",
        "final strategy=NAME labels=N accuracy=... macro_f1=... aulc=... ece=... certain=N (aulc = mean accuracy over the curve; "
            + "ece = expected calibration error on the test set, 15 bins; certain = unlabeled items given a probability of exactly 1)."})
public final class SimulateCommand implements Callable<Integer> {
  @Mixin DataOptions in = new DataOptions();

  @Option(names = "--task", defaultValue = "classification",
      description = "classification (default) or ner (--format conll; strategies random, least-confidence, "
          + "token-entropy, max-entropy, span-margin; --initial/--batch/--budget count sentences).")
  String task;

  @Option(names = "--test", description = "Held-out labeled file (same format and columns).")
  Path test;

  @Option(names = "--test-fraction", defaultValue = "0.2", description = "Stratified test share when no --test (default ${DEFAULT-VALUE}).")
  double testFraction;

  @Option(names = "--strategy", required = true, split = ",",
      description = "Comma-separated: random, least-confidence, margin, entropy, diverse.")
  List<String> strategies;

  @Option(names = "--seed", defaultValue = "42") long seed;
  @Option(names = "--initial", defaultValue = "10", description = "Random labels to start with.") int initial;
  @Option(names = "--batch", defaultValue = "10", description = "Labels queried per round.") int batch;
  @Option(names = "--budget", defaultValue = "100", description = "Total labels.") int budget;
  @Option(names = "--repeats", defaultValue = "1", description = "Repeats with different initial sets.") int repeats;

  @Option(names = "--learner", defaultValue = "auto",
      description = "auto (default: each round a small CV search over a linear SVM on word 1-2 + char 2-5 TF-IDF and "
          + "softmax regression on sentence embeddings, greedy ensemble, temperature-calibrated; embeddings are skipped "
          + "when they would take over 10 minutes), or one fixed learner: svm, svm-emb, cnb, lr, softmax-emb, xgb-emb.")
  String learner;

  @Mixin EmbeddingOptions embeddings = new EmbeddingOptions();

  @Option(names = "--word-clusters", paramLabel = "K", split = ",",
      description = "--task ner: add MiniLM word-cluster features, clustering the pool's word types into K clusters "
          + "(several counts give one clustering each; 20,50,200 scored best on CoNLL-2003).")
  int[] wordClusters;

  @Option(names = "--out", required = true, description = "CSV: strategy,repeat,labels,accuracy,macro_f1.") Path out;
  @Option(names = "--plot", description = "SVG plot of the learning curves.") Path plot;

  @Spec CommandSpec spec;

  @Override public Integer call() {
    var stdout = spec.commandLine().getOut();
    var err = spec.commandLine().getErr();
    if (task.equalsIgnoreCase("ner")) {
      return NerSimulation.run(in.data, in.format, test, testFraction, strategies, initial, batch, budget, seed, wordClusters, out,
          plot, System.out);
    }
    try {
      if (!task.equalsIgnoreCase("classification")) {
        throw new UserError("--task must be classification or ner");
      }
      strategies.forEach(s -> {
        try {
          Sampler.named(s);
        } catch (IllegalArgumentException e) {
          throw new UserError(e.getMessage());
        }
      });
      if (initial < 1 || batch < 1 || repeats < 1 || budget < initial) {
        throw new UserError("need --initial >= 1, --batch >= 1, --repeats >= 1 and --budget >= --initial");
      }
      TextDataset data = dedupe(in.read(in.data));
      TextDataset pool, testSet;
      if (test != null) {
        Set<String> seen = new HashSet<>(data.texts());
        pool = data;
        testSet = new TextDataset(dedupe(in.read(test)).items().stream().filter(t -> !seen.contains(t.text())).toList());
      } else {
        if (!(testFraction > 0 && testFraction < 1)) throw new UserError("--test-fraction must be in (0, 1)");
        TextDataset[] split = split(data, testFraction, seed);
        pool = split[0];
        testSet = split[1];
      }
      if (testSet.size() == 0) throw new UserError("empty test set");
      List<String> texts = new ArrayList<>(pool.texts());
      texts.addAll(testSet.texts());
      ProgressBar bar = new ProgressBar(err, "simulate");
      TextEmbedder embedder = EmbeddingOptions.usefulFor(learner) ? embeddings.embedAll(texts, 600, bar, err) : null;
      List<Candidate> space;
      try {
        space = learner.equalsIgnoreCase("auto") ? activeSpace(embedder != null) : LearnerCatalog.space(learner, embedder != null);
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage());
      }
      FeatureCache cache = new FeatureCache(texts, embedder);
      space.forEach(c -> cache.prepare(c.spec()));
      Trainer trainer = (labeled, c, rows) -> new AutoMl(
          new AutoMlConfig(5, Duration.ofSeconds(60), seed, space.size() > 1,
              Runtime.getRuntime().availableProcessors(), space), Clock.systemUTC())
          .fit(labeled, c, rows, org.labelloop.learn.automl.Progress.NONE).model();
      SimulationConfig config = new SimulationConfig(strategies, seed, initial, batch, budget, repeats);
      List<CurvePoint> points = new Simulator(trainer).run(pool, testSet, cache, config, embedder != null, bar);
      bar.finish();
      write(points);
      stdout.printf(Locale.ROOT, "data: %d texts after removing %d duplicates; pool %d, test %d; learner %s%n",
          pool.size() + testSet.size(), removed, pool.size(), testSet.size(), learner);
      for (String s : strategies) {
        List<CurvePoint> curve = points.stream().filter(p -> p.strategy().equals(s)).toList();
        int last = curve.stream().mapToInt(CurvePoint::labels).max().orElse(0);
        List<CurvePoint> finals = curve.stream().filter(p -> p.labels() == last).toList();
        double acc = finals.stream().mapToDouble(CurvePoint::accuracy).average().orElse(Double.NaN);
        double f1 = finals.stream().mapToDouble(CurvePoint::macroF1).average().orElse(Double.NaN);
        double ece = finals.stream().mapToDouble(CurvePoint::ece).average().orElse(Double.NaN);
        int certain = finals.stream().mapToInt(CurvePoint::certain).max().orElse(0);
        double aulc = IntStream.range(0, repeats)
            .mapToDouble(r -> Simulator.aulc(curve.stream().filter(p -> p.repeat() == r).toList())).average().orElse(Double.NaN);
        stdout.printf(Locale.ROOT, "final strategy=%s labels=%d accuracy=%.4f macro_f1=%.4f aulc=%.4f ece=%.4f certain=%d%n",
            s, last, acc, f1, aulc, ece, certain);
      }
      stdout.flush();
      return 0;
    } catch (UserError e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  /** Active learning retrains every round: a small, fast space (SVM over word+char TF-IDF, plus embeddings). */
  static List<Candidate> activeSpace(boolean embeddings) {
    List<Candidate> s = new ArrayList<>(LearnerCatalog.space("svm", false));
    if (embeddings) s.addAll(LearnerCatalog.space("softmax-emb", true));
    return s;
  }

  private int removed;

  private TextDataset dedupe(TextDataset d) {
    Set<String> seen = new HashSet<>();
    List<LabeledText> keep = d.items().stream().filter(t -> seen.add(t.text())).toList();
    removed += d.size() - keep.size();
    return new TextDataset(keep);
  }

  /** Stratified random split: per class, {@code fraction} of the examples (rounded) go to the test set. */
  static TextDataset[] split(TextDataset d, double fraction, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<String, List<LabeledText>> byClass = new LinkedHashMap<>();
    for (LabeledText t : d.items()) byClass.computeIfAbsent(t.label(), k -> new ArrayList<>()).add(t);
    List<LabeledText> train = new ArrayList<>(), testPart = new ArrayList<>();
    for (String c : d.classes()) {
      List<LabeledText> l = byClass.get(c);
      for (int i = l.size() - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        LabeledText t = l.get(i); l.set(i, l.get(j)); l.set(j, t);
      }
      int nt = (int) Math.round(l.size() * fraction);
      testPart.addAll(l.subList(0, nt));
      train.addAll(l.subList(nt, l.size()));
    }
    int[] perm = IntStream.range(0, train.size()).toArray();
    for (int i = perm.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
    List<LabeledText> shuffled = Arrays.stream(perm).mapToObj(train::get).toList();
    return new TextDataset[] {new TextDataset(shuffled), new TextDataset(testPart)};
  }

  private void write(List<CurvePoint> points) {
    List<String> lines = new ArrayList<>();
    lines.add("strategy,repeat,labels,accuracy,macro_f1,ece,certain");
    for (CurvePoint p : points) {
      lines.add(String.format(Locale.ROOT, "%s,%d,%d,%.4f,%.4f,%.4f,%d", p.strategy(), p.repeat(), p.labels(), p.accuracy(),
          p.macroF1(), p.ece(), p.certain()));
    }
    try {
      Files.write(out, lines);
      if (plot != null) {
        Files.writeString(plot, SvgPlot.render("Active learning: " + in.data.getFileName(), points));
      }
    } catch (IOException e) {
      throw new UserError("cannot write output: " + e.getMessage());
    }
  }
}
