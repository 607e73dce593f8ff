package org.labelloop.learn.simulate;

import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.model.Model;

/**
 * Trains a model on labeled examples that are rows {@code cacheRows} of {@code cache}; {@code unlabeledRows} are the
 * pool's rows without a label, which a semi-supervised model may learn from.
 */
@FunctionalInterface
public interface Trainer {
  Model train(TextDataset labeled, FeatureCache cache, int[] cacheRows, int[] unlabeledRows);
}
