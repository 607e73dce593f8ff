package org.labelloop.learn.ner;

import java.util.Objects;

/**
 * Tagger hyper-parameters. {@code l2} is CRFsuite's c2 (L2 strength on the summed log-loss); {@code epochs = 0}
 * picks a count from the training-set size; {@code eta0} is the initial SGD learning rate.
 */
public record NerTrainingConfig(FeatureConfig features, TagScheme scheme, double l2, int epochs, double eta0, long seed)
    implements java.io.Serializable {
  public NerTrainingConfig {
    Objects.requireNonNull(features);
    Objects.requireNonNull(scheme);
    if (scheme == TagScheme.IOB1) throw new IllegalArgumentException("train with IOB2 or BILOU; IOB1 is a file format");
    if (!(l2 > 0)) throw new IllegalArgumentException("l2 must be > 0, got " + l2);
    if (epochs < 0) throw new IllegalArgumentException("epochs must be >= 0");
    if (!(eta0 > 0)) throw new IllegalArgumentException("eta0 must be > 0");
  }

  public static NerTrainingConfig defaults(long seed) {
    return new NerTrainingConfig(FeatureConfig.rich(), TagScheme.IOB2, 1.0, 0, 0.1, seed);
  }

  public NerTrainingConfig withFeatures(FeatureConfig f) { return new NerTrainingConfig(f, scheme, l2, epochs, eta0, seed); }

  public NerTrainingConfig withL2(double v) { return new NerTrainingConfig(features, scheme, v, epochs, eta0, seed); }

  public NerTrainingConfig withEpochs(int v) { return new NerTrainingConfig(features, scheme, l2, v, eta0, seed); }

  int epochsFor(int sentences) {
    if (epochs > 0) return epochs;
    return Math.max(12, Math.min(60, 60_000 / Math.max(1, sentences)));
  }

  public String describe() {
    return "crf(" + scheme + ",l2=" + l2 + ",epochs=" + (epochs == 0 ? "auto" : epochs) + ",eta0=" + eta0 + "," + features.describe() + ")";
  }
}
