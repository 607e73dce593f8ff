package org.labelloop.app.ner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.NerTrainingConfig;
import org.labelloop.learn.ner.WordClusters;
import org.labelloop.learn.ner.format.NerFormatException;
import org.labelloop.learn.ner.format.NerFormats;

/**
 * The sentences {@code simulate --task ner} and {@code train --task ner} learn from and are scored on.
 *
 * @param train the pool to label ({@code simulate}) or the training set ({@code train})
 */
public record NerInput(List<NerSentence> train, List<NerSentence> test) {

  /**
   * Reads {@code data} (format null or blank means {@code conll}); {@code test == null} splits off {@code testFraction}
   * of it, shuffled with {@code seed}, as the test set.
   */
  public static NerInput read(Path data, String format, Path test, double testFraction, long seed)
      throws IOException, NerFormatException {
    if (format == null || format.isBlank()) format = "conll";
    List<NerSentence> sentences = NerFormats.read(data, format);
    NerInput input;
    if (test != null) {
      input = new NerInput(sentences, NerFormats.read(test, format));
    } else {
      if (!(testFraction > 0 && testFraction < 1)) throw new IllegalArgumentException("--test-fraction must be in (0, 1)");
      List<NerSentence> shuffled = new ArrayList<>(sentences);
      Collections.shuffle(shuffled, new Random(seed));
      int nTest = (int) Math.round(shuffled.size() * testFraction);
      input = new NerInput(List.copyOf(shuffled.subList(nTest, shuffled.size())), List.copyOf(shuffled.subList(0, nTest)));
    }
    if (input.test().isEmpty()) throw new IllegalArgumentException("empty test set");
    return input;
  }

  /** The tagger's default configuration, with word-cluster features when there are {@code clusters} (or null). */
  public static NerTrainingConfig defaultConfig(long seed, WordClusters clusters) {
    NerTrainingConfig config = NerTrainingConfig.defaults(seed);
    return config.withFeatures(config.features().withWordClusters(clusters != null));
  }
}
