package org.labelloop.app.ner;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.labelloop.learn.feature.SentenceEmbedder;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.Token;
import org.labelloop.learn.ner.WordClusters;

/** MiniLM word clusters for the offline NER commands, with what they cost printed on one line. */
public final class WordClusterBuilder {
  /** The counts {@code train} and {@code simulate --task ner} use unless told otherwise: the best measured on CoNLL-2003. */
  public static final String DEFAULT_COUNTS = "20,50,200";

  private WordClusterBuilder() {}

  /** Parses {@code --word-clusters}: comma-separated cluster counts, or {@code none} (null: no clusters). */
  public static int[] parseCounts(String option) {
    if (option == null || option.strip().equalsIgnoreCase("none")) return null;
    try {
      return Arrays.stream(option.split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--word-clusters takes cluster counts such as 20,50,200 or none, got '" + option + "'");
    }
  }

  /**
   * Clusters the word types of {@code fit} (one batched embedding pass, k-means once per k), then places the words of
   * {@code place} not seen there at their nearest centroids. Counts above the number of word types are dropped (a
   * small file has too few words for 200 clusters); null when none is left.
   */
  public static WordClusters build(List<NerSentence> fit, List<NerSentence> place, long seed, int[] ks, PrintStream out) {
    long types = words(fit).stream().map(w -> w.toLowerCase(Locale.ROOT)).distinct().count();
    int[] usable = Arrays.stream(ks).filter(k -> k <= types).toArray();
    if (usable.length < ks.length) {
      out.printf(Locale.ROOT, "word clusters: %d word types, too few for k=%s%n", types,
          Arrays.toString(Arrays.stream(ks).filter(k -> k > types).toArray()));
    }
    if (usable.length == 0) return null;
    ks = usable;
    try (SentenceEmbedder embedder = SentenceEmbedder.miniLm(16, 256, Runtime.getRuntime().availableProcessors())) {
      long t0 = System.nanoTime();
      WordClusters clusters = WordClusters.build(words(fit), embedder, seed, ks);
      double buildSeconds = (System.nanoTime() - t0) / 1e9;
      int fitTypes = clusters.knownWords();
      long t1 = System.nanoTime();
      clusters.addWords(words(place), embedder);
      double placeSeconds = (System.nanoTime() - t1) / 1e9;
      out.printf(Locale.ROOT, "word clusters: %d word types embedded and clustered (k=%s) in %.1fs; %d unseen test word types placed in %.1fs (%.0f types/s)%n",
          fitTypes, Arrays.toString(clusters.ks()), buildSeconds, clusters.knownWords() - fitTypes, placeSeconds,
          (clusters.knownWords() - fitTypes) / Math.max(placeSeconds, 1e-9));
      return clusters;
    }
  }

  private static List<String> words(List<NerSentence> sentences) {
    return sentences.stream().flatMap(s -> s.tokens().stream()).map(Token::text).toList();
  }
}
