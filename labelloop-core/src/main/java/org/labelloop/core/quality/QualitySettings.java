package org.labelloop.core.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.labelloop.core.error.LabelloopException;

/**
 * A project's quality settings: consensus ("k labelers on p% of assets", assets whose consensus mark is below the
 * threshold go to TO_REVIEW) and the rate at which honeypots are mixed into labelers' queues.
 */
public record QualitySettings(int consensusLabelers, double consensusPercent, double consensusThreshold, double honeypotRate) {
  public static final QualitySettings DEFAULTS = new QualitySettings(1, 0, 0.5, 0);

  public QualitySettings {
    if (consensusLabelers < 1 || consensusLabelers > 50) {
      throw LabelloopException.invalid("consensus.labelers: must be between 1 and 50");
    }
    if (!(consensusPercent >= 0 && consensusPercent <= 100)) {
      throw LabelloopException.invalid("consensus.percent: must be between 0 and 100");
    }
    if (!(consensusThreshold >= 0 && consensusThreshold <= 1)) {
      throw LabelloopException.invalid("consensus.threshold: must be between 0 and 1");
    }
    if (!(honeypotRate >= 0 && honeypotRate <= 1)) {
      throw LabelloopException.invalid("honeypot.rate: must be between 0 and 1");
    }
  }

  public boolean consensusOn() {
    return consensusLabelers >= 2 && consensusPercent > 0;
  }

  /**
   * Whether the asset is one of the p% that need k labelers. Chosen by a hash of the asset id rather than stored, so
   * changing p applies to existing assets too; the hash (a 64-bit mix, SplitMix64's finaliser) spreads consecutive ids.
   */
  public boolean needsConsensus(String assetId) {
    if (!consensusOn()) {
      return false;
    }
    long z = assetId.hashCode() * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    return Math.floorMod(z, 10_000) < consensusPercent * 100;
  }

  public static QualitySettings fromJson(JsonNode json) {
    return DEFAULTS.patch(json);
  }

  /** These settings with the fields present in {@code patch} replaced. */
  public QualitySettings patch(JsonNode patch) {
    if (patch == null || patch.isNull() || patch.isMissingNode()) {
      return this;
    }
    if (!patch.isObject()) {
      throw LabelloopException.invalid("quality settings: a JSON object is required");
    }
    JsonNode c = patch.path("consensus");
    JsonNode h = patch.path("honeypot");
    return new QualitySettings(
        c.has("labelers") ? number(c.get("labelers"), "consensus.labelers").intValue() : consensusLabelers,
        c.has("percent") ? number(c.get("percent"), "consensus.percent").doubleValue() : consensusPercent,
        c.has("threshold") ? number(c.get("threshold"), "consensus.threshold").doubleValue() : consensusThreshold,
        h.has("rate") ? number(h.get("rate"), "honeypot.rate").doubleValue() : honeypotRate);
  }

  private static Number number(JsonNode n, String field) {
    if (!n.isNumber()) {
      throw LabelloopException.invalid(field + ": a number is required");
    }
    return n.numberValue();
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.putObject("consensus").put("labelers", consensusLabelers).put("percent", consensusPercent).put("threshold", consensusThreshold);
    o.putObject("honeypot").put("rate", honeypotRate);
    return o;
  }
}
