package org.labelloop.app.ner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.ArrayList;
import org.labelloop.app.learn.AutomlCommand;
import org.labelloop.app.learn.CliTask;
import org.labelloop.app.learn.UserError;
import org.labelloop.learn.ner.EntityScores;
import org.labelloop.learn.ner.NerSearch;
import org.labelloop.learn.ner.NerModel;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.NerTrainer;
import org.labelloop.learn.ner.WordClusters;
import org.labelloop.learn.ner.format.NerFormatException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train --task ner}: trains the CRF tagger on a file and prints per-type and overall entity scores on another.
 * {@code train --task text|tabular}: the {@code automl} search under {@code --time-budget} (default 60 s), whose model
 * is scored on {@code --test}, else on a stratified {@code --test-fraction} of {@code --data}; one search, whichever
 * command runs it.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Train a model on a labeled file and score it on a test file (--task ner, text or tabular).")
public final class TrainCommand implements Callable<Integer> {

  @Option(names = "--task", defaultValue = "ner", description = "Task: ner, text or tabular.")
  String task;

  @Option(names = "--text", description = "--task text: the text column (as for automl).")
  String text;

  @Option(names = "--label", description = "--task text|tabular: the label column (as for automl).")
  String label;

  @Spec CommandSpec spec;

  @Option(names = "--drop", split = ",", paramLabel = "COLUMN", description = "--task tabular: columns that are not features.")
  List<String> drop = List.of();

  @Option(names = "--format", description = "File format: --task ner conll (default), conll-iob2, bio, prodigy, spacy, labelstudio "
      + "or kili; --task text|tabular csv, tsv or jsonl (default: from the file name).")
  String format;

  @Option(names = "--data", required = true, description = "Training file.")
  Path data;

  @Option(names = "--test", description = "Test file (default: hold out --test-fraction of --data).")
  Path test;

  @Option(names = "--test-fraction", defaultValue = "0.2",
      description = "Held-out share when --test is absent (default ${DEFAULT-VALUE}; text and tabular: stratified by label).")
  double testFraction;

  @Option(names = "--time-budget", description = "Seconds for model selection (cross-validated) plus training; without it --task ner trains the default configuration to completion and text/tabular search for 60 s.")
  Double timeBudget;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--word-clusters", paramLabel = "K[,K...]|none", defaultValue = WordClusterBuilder.DEFAULT_COUNTS,
      description = "MiniLM word-cluster features: embed every word type of --data, k-means the vectors into K clusters (several "
          + "counts give one clustering each; default ${DEFAULT-VALUE}, the best measured on CoNLL-2003, about a minute for "
          + "20,000 word types) and use the cluster ids of each token and its neighbours; none turns them off.")
  String wordClusters;

  /** The automl search on the same options, its model scored on --test or on --test-fraction of --data. */
  private int search(CliTask kind) {
    List<String> args = new ArrayList<>(List.of("--task", kind == CliTask.TEXT ? "classification" : "tabular",
        "--data", data.toString(), "--format", format == null ? tableFormat(data) : format, "--seed", Long.toString(seed),
        "--time-budget", Long.toString(Math.round(timeBudget == null ? 60 : timeBudget))));
    args.addAll(test == null ? List.of("--test-fraction", Double.toString(testFraction)) : List.of("--test", test.toString()));
    if (text != null) args.addAll(List.of("--text", text));
    if (label != null) args.addAll(List.of("--label", label));
    if (!drop.isEmpty()) args.addAll(List.of("--drop", String.join(",", drop)));
    return new CommandLine(new AutomlCommand()).setOut(spec.commandLine().getOut()).setErr(spec.commandLine().getErr())
        .execute(args.toArray(String[]::new));
  }

  private static String tableFormat(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    for (String ext : List.of("csv", "tsv", "jsonl")) {
      if (name.endsWith("." + ext)) return ext;
    }
    throw new UserError("--format csv, tsv or jsonl: the name " + file.getFileName() + " does not say which");
  }

  @Override
  public Integer call() {
    PrintStream out = System.out;
    PrintWriter err = spec.commandLine().getErr();
    try {
      CliTask kind = CliTask.named(task, "train", CliTask.NER, CliTask.TEXT, CliTask.TABULAR);
      if (kind != CliTask.NER) return search(kind);
      NerInput input = NerInput.read(data, format, test, testFraction, seed);
      List<NerSentence> train = input.train(), testSet = input.test();
      out.printf(Locale.ROOT, "data: %d training sentences, %d test sentences%n", train.size(), testSet.size());
      int[] counts = WordClusterBuilder.parseCounts(wordClusters);
      WordClusters clusters = counts == null ? null : WordClusterBuilder.build(train, testSet, seed, counts, out);
      long t0 = System.nanoTime();
      NerModel model;
      if (timeBudget != null) {
        NerSearch.Result r = NerSearch.defaults().search(train, seed, timeBudget, clusters);
        for (NerSearch.Trial t : r.trials()) {
          out.printf(Locale.ROOT, "automl %s cv-f1=%.4f folds=%d (%.1fs)%n", t.config().describe(), t.cvF1(), t.folds(), t.seconds());
        }
        out.println("chosen " + r.best().describe());
        model = r.model();
      } else {
        model = NerTrainer.train(train, NerInput.defaultConfig(seed, clusters), clusters, Long.MAX_VALUE);
        out.println("model " + model.config().describe());
      }
      double trainSeconds = (System.nanoTime() - t0) / 1e9;
      long t1 = System.nanoTime();
      EntityScores scores = EntityScores.evaluate(model, testSet);
      double tagSeconds = (System.nanoTime() - t1) / 1e9;
      // a second, timed pass: the first one also pays for JIT compilation
      long t2 = System.nanoTime();
      model.predictAll(testSet);
      double warmSeconds = (System.nanoTime() - t2) / 1e9;
      scores.report().forEach(out::println);
      out.printf(Locale.ROOT, "training time %.1fs; tagging %d sentences: first pass %.2fs, second pass %.2fs (%.0f sentences/s)%n",
          trainSeconds, testSet.size(), tagSeconds, warmSeconds, testSet.size() / Math.max(warmSeconds, 1e-9));
      return 0;
    } catch (IOException e) {
      err.println("error: cannot read: " + e.getMessage());
      return 2;
    } catch (NerFormatException | IllegalArgumentException | UserError e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

}
