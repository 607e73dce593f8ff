package org.labelloop.core.queue;

import org.labelloop.core.asset.Asset;
import org.labelloop.core.label.Label;

/** The asset served to a labeler, with the model's current prediction for it (null before the first model). */
public record QueuedAsset(Asset asset, Label prediction) {}
