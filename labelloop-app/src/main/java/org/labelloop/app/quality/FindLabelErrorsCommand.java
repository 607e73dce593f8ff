package org.labelloop.app.quality;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.labelloop.app.learn.CliTask;
import org.labelloop.app.learn.DataOptions;
import org.labelloop.app.learn.EmbeddingOptions;
import org.labelloop.app.learn.ProgressBar;
import org.labelloop.app.learn.TabularInput;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.quality.ConfidentLearning;
import org.labelloop.learn.quality.OutOfFold;
import org.labelloop.learn.quality.SuspectedLabel;
import org.labelloop.learn.tabular.Table;
import org.labelloop.learn.tabular.TableEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The suspected-label-errors benchmark (issue 7): flip a share of a labeled set's labels at random (seeded) to
 * another class, compute out-of-fold probabilities with k-fold CV and logistic regression on what the server's
 * {@code /quality/suspects} reads (a text's word TF-IDF, or a table's typed columns), flag suspects with confident
 * learning, and score the flags against the flips.
 */
@Command(name = "find-label-errors", mixinStandardHelpOptions = true,
    description = "Flip a share of labels at random, find them again with confident learning, print precision/recall.")
public final class FindLabelErrorsCommand implements Callable<Integer> {
  @Mixin DataOptions in = new DataOptions();

  @Option(names = "--task", defaultValue = "text", description = "text (default) or tabular (every column but --label and --drop is a feature).")
  String task;

  @Option(names = "--drop", split = ",", paramLabel = "COLUMN", description = "--task tabular: columns that are not features.")
  List<String> drop = List.of();

  @Option(names = "--embedder", defaultValue = "none", paramLabel = "MODEL",
      description = "Texts: sentence embeddings beside the words, as the server's suspects use its stored ones (minilm there), "
          + "cached like automl's; e5-small, bge-small, minilm or none (default ${DEFAULT-VALUE}).")
  String embedder;

  @Option(names = "--flip", defaultValue = "0.05", description = "Share of labels flipped to another class (default ${DEFAULT-VALUE}).")
  double flip;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the flips and the folds (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--folds", defaultValue = "5", description = "Cross-validation folds (default ${DEFAULT-VALUE}).")
  int folds;

  @Override
  public Integer call() {
    if (!(flip > 0 && flip < 1)) throw new IllegalArgumentException("--flip must be between 0 and 1");
    long start = System.nanoTime();
    boolean table = CliTask.named(task, "find-label-errors", CliTask.TEXT, CliTask.TABULAR) == CliTask.TABULAR;
    TextDataset dataset = table ? null : in.read(in.data());
    TabularInput rows = table ? TabularInput.read(in.data(), in.format(), in.label(), drop) : null;
    List<String> classes = table ? rows.labels().stream().distinct().sorted().toList() : dataset.classes();
    if (classes.size() < 2) throw new IllegalArgumentException("need at least two classes in " + in.data());
    int[] clean = table ? rows.labels().stream().mapToInt(classes::indexOf).toArray() : dataset.y();
    int n = clean.length;

    int[] noisy = clean.clone();
    boolean[] flipped = new boolean[n];
    int k = (int) Math.round(flip * n);
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    for (int i = 0; i < k; i++) { // partial Fisher-Yates: the first k of a seeded shuffle
      int j = i + rnd.nextInt(n - i);
      int t = order[i]; order[i] = order[j]; order[j] = t;
      int other = rnd.nextInt(classes.size() - 1);
      noisy[order[i]] = other >= clean[order[i]] ? other + 1 : other;
      flipped[order[i]] = true;
    }

    PrintWriter err = new PrintWriter(System.err, true);
    ProgressBar bar = new ProgressBar(err, "find-label-errors");
    TextEmbedder vectors = table ? null : EmbeddingOptions.named(embedder).embedAll(dataset.texts(), Double.POSITIVE_INFINITY, bar, err);
    bar.finish();
    double[][] p = table ? outOfFold(rows, noisy, classes.size()) : OutOfFold.probabilities(dataset.texts(), vectors, noisy, classes.size(), folds, seed);
    List<SuspectedLabel> suspects = ConfidentLearning.suspects(noisy, p);
    int top = Math.min(k, suspects.size());
    int hitsTop = 0, hitsAll = 0;
    for (int i = 0; i < suspects.size(); i++) {
      if (flipped[suspects.get(i).index()]) {
        hitsAll++;
        if (i < top) hitsTop++;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(Locale.ROOT, "data=%s rows=%d classes=%d folds=%d seed=%d model=%s+lr(C=10)%n", in.data(), n, classes.size(), folds, seed,
        table ? "columns" : vectors == null ? "word-tfidf" : "word-tfidf+" + vectors.name());
    System.out.printf(Locale.ROOT, "out-of-fold accuracy: %.4f against the noisy labels, %.4f against the clean labels%n",
        Metrics.ofProba(noisy, p, classes.size()).accuracy(), Metrics.ofProba(clean, p, classes.size()).accuracy());
    System.out.printf(Locale.ROOT, "top-%d: %d flipped of %d flagged (precision %.4f, recall %.4f)%n",
        k, hitsTop, top, top == 0 ? 0 : hitsTop / (double) top, k == 0 ? 0 : hitsTop / (double) k);
    System.out.printf(Locale.ROOT, "all flags: %d flipped of %d flagged (precision %.4f, recall %.4f)%n",
        hitsAll, suspects.size(), suspects.isEmpty() ? 0 : hitsAll / (double) suspects.size(), k == 0 ? 0 : hitsAll / (double) k);
    System.out.println("fold models beat the majority class: " + (ConfidentLearning.learnedMoreThanTheMajority(noisy, p)
        ? "yes" : "no (the server's /quality/suspects would list none)"));
    System.out.printf(Locale.ROOT, "seconds=%.1f%n", seconds);
    System.out.printf(Locale.ROOT, "flipped=%d flagged=%d precision_at_k=%.2f recall_at_k=%.2f%n",
        k, suspects.size(), top == 0 ? 0 : hitsTop / (double) top, k == 0 ? 0 : hitsTop / (double) k);
    return 0;
  }

  /** As the server reads a TABULAR project: standardised numbers and one-hot categories; equal rows share a fold. */
  private double[][] outOfFold(TabularInput rows, int[] noisy, int classes) {
    Table t = rows.table();
    int[] all = IntStream.range(0, t.size()).toArray();
    SparseMatrix x = TableEncoder.fit(t, rows.schema(), all, TableEncoder.MAX_CATEGORIES).transform(t);
    int[] features = rows.schema().features().stream().mapToInt(c -> t.column(c.name())).toArray();
    List<String> keys = IntStream.of(all).mapToObj(r -> IntStream.of(features).mapToObj(c -> t.value(r, c)).toList().toString()).toList();
    return OutOfFold.probabilities(x, keys, noisy, classes, folds, seed);
  }
}
