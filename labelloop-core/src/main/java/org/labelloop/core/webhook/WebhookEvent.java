package org.labelloop.core.webhook;

import java.util.Arrays;
import java.util.Locale;
import org.labelloop.core.error.LabelloopException;

/** What a webhook can be told about. */
public enum WebhookEvent {
  /** A label was stored (any type: a person's, a review, a model's pushed through the API). */
  LABEL_CREATED,
  /** An asset's status changed through a label, a review or a bulk update (not the queue's short ONGOING lock). */
  ASSET_STATUS_CHANGED,
  /** A new model version was trained and its predictions published. */
  MODEL_TRAINED,
  /** An import committed. */
  IMPORT_FINISHED,
  /** A reviewer's REVIEW label was stored. */
  REVIEW_DONE;

  public static WebhookEvent parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw LabelloopException.invalid("events: '" + name + "' is not one of " + Arrays.toString(values()));
    }
  }
}
