package org.labelloop.app.ner;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.labelloop.learn.ner.NerReplay;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.NerTrainingConfig;
import org.labelloop.learn.ner.WordClusters;
import org.labelloop.learn.ner.format.NerFormatException;
import org.labelloop.learn.ner.format.NerFormats;

/** {@code simulate --task ner}: the tagger's side of the replay, read from a sentence file. */
public final class NerSimulation {
  private NerSimulation() {}

  /**
   * The replay of {@code data} (format null means {@code conll}); {@code test == null} splits off {@code testFraction}
   * of it (seeded) as the test set; {@code wordClusters} (or null) are the k of MiniLM word clusters built on the
   * pool's words, as {@code train} does. Says what it read on {@code err}.
   */
  public static NerReplay replay(Path data, String format, Path test, double testFraction, long seed, int[] wordClusters,
      PrintStream err) throws IOException, NerFormatException {
    if (format == null || format.isBlank()) format = "conll";
    List<NerSentence> pool = NerFormats.read(data, format);
    List<NerSentence> testSet;
    if (test != null) {
      testSet = NerFormats.read(test, format);
    } else {
      if (!(testFraction > 0 && testFraction < 1)) throw new IllegalArgumentException("--test-fraction must be in (0, 1)");
      List<NerSentence> shuffled = new ArrayList<>(pool);
      Collections.shuffle(shuffled, new java.util.Random(seed));
      int nTest = (int) Math.round(shuffled.size() * testFraction);
      testSet = List.copyOf(shuffled.subList(0, nTest));
      pool = List.copyOf(shuffled.subList(nTest, shuffled.size()));
    }
    if (testSet.isEmpty()) throw new IllegalArgumentException("empty test set");
    err.printf(Locale.ROOT, "ner simulate: pool %d sentences, test %d sentences%n", pool.size(), testSet.size());
    WordClusters clusters = wordClusters == null ? null : WordClusterBuilder.build(pool, testSet, seed, wordClusters, err);
    NerTrainingConfig config = NerTrainingConfig.defaults(seed);
    config = config.withFeatures(config.features().withWordClusters(clusters != null));
    return new NerReplay(pool, testSet, config, clusters);
  }
}
