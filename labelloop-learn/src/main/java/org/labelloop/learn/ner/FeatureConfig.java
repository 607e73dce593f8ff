package org.labelloop.learn.ner;

/**
 * Which token features the tagger sees: neighbour words/shapes within {@code window}, prefixes and suffixes up to
 * {@code affixLength}, word bigrams around the token, gazetteer hits from already-labeled spans, and the
 * {@link WordClusters word-cluster} ids of the token and its neighbours (these need the clusters passed to training).
 */
public record FeatureConfig(int window, int affixLength, boolean wordBigrams, boolean gazetteer, boolean wordClusters)
    implements java.io.Serializable {
  public FeatureConfig {
    if (window < 0 || window > 3) throw new IllegalArgumentException("window must be 0..3, got " + window);
    if (affixLength < 0 || affixLength > 5) throw new IllegalArgumentException("affixLength must be 0..5, got " + affixLength);
  }

  /** Without word-cluster features. */
  public FeatureConfig(int window, int affixLength, boolean wordBigrams, boolean gazetteer) {
    this(window, affixLength, wordBigrams, gazetteer, false);
  }

  /** The rich default: neighbours ±2, affixes 1-4, bigrams and gazetteer. */
  public static FeatureConfig rich() { return new FeatureConfig(2, 4, true, true); }

  /** A smaller set for small training sets: neighbours ±1, affixes 1-3. */
  public static FeatureConfig compact() { return new FeatureConfig(1, 3, false, true); }

  public FeatureConfig withWordClusters(boolean on) { return new FeatureConfig(window, affixLength, wordBigrams, gazetteer, on); }

  public String describe() {
    return "window=" + window + ",affix=" + affixLength + ",bigrams=" + wordBigrams + ",gazetteer=" + gazetteer
        + (wordClusters ? ",wordClusters=true" : "");
  }
}
