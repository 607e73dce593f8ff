package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;
import org.labelloop.learn.strategy.QueryStrategy;
import org.labelloop.learn.strategy.Strategies;

/**
 * A project's learning loop settings. {@code jobId} null means the interface's first CLASSIFICATION job (else its
 * first NAMED_ENTITIES_RECOGNITION job); a project without either, or whose data has no learner of its kind
 * ({@link #learner}), learns nothing. {@code pinnedVersion}, a dataset
 * version id, makes training use that version's answers instead of the live labels (and new labels then trigger no
 * retraining). {@code detector} pre-annotates an OBJECT_DETECTION job with the shipped COCO detector or the team's own; {@code encoder}
 * is an IMAGE project's own ONNX image encoder (null: the shipped one). Stored as JSON
 * (only the fields a user set), so new defaults reach old projects.
 */
public record LearningSettings(
    boolean enabled,
    String jobId,
    int retrainEvery,
    int minLabels,
    int timeBudgetSeconds,
    QueryStrategy strategy,
    int batchSize,
    String pinnedVersion,
    DetectorSettings detector,
    EncoderSettings encoder) {
  // diverse, not margin: margin's top ten per round fell below random's AULC in 4 of 6 runs on BBC News and app
  // reviews; one pick per k-means cluster of its top hundred stayed above random in all 9 runs (BENCHMARKS.md, issue 16)
  public static final LearningSettings DEFAULTS =
      new LearningSettings(true, null, 10, 10, 3, Strategies.named("diverse"), 10, null, DetectorSettings.DEFAULTS, null);

  public LearningSettings {
    List<String> problems = new ArrayList<>();
    if (retrainEvery < 1 || retrainEvery > 100_000) {
      problems.add("retrainEvery: must be in [1, 100000]");
    }
    if (minLabels < 2 || minLabels > 1_000_000) {
      problems.add("minLabels: must be in [2, 1000000]");
    }
    if (timeBudgetSeconds < 1 || timeBudgetSeconds > 3600) {
      problems.add("timeBudgetSeconds: must be in [1, 3600]");
    }
    if (batchSize < 1 || batchSize > 1000) {
      problems.add("batchSize: must be in [1, 1000]");
    }
    if (strategy == null) {
      problems.add("strategy: required");
    }
    if (detector == null) {
      problems.add("detector: required");
    }
    if (!problems.isEmpty()) {
      throw LabelloopException.invalid("Invalid learning settings: " + problems.getFirst(), problems);
    }
  }

  /** Stored JSON (may be null or partial) over the defaults. */
  public static LearningSettings fromJson(JsonNode stored) {
    return DEFAULTS.patch(stored);
  }

  /** These settings with the fields present in {@code patch} replaced; unknown fields and wrong types are errors. */
  public LearningSettings patch(JsonNode patch) {
    if (patch == null || patch.isNull() || patch.isMissingNode()) {
      return this;
    }
    if (!patch.isObject()) {
      throw LabelloopException.invalid("learning settings: must be a JSON object");
    }
    List<String> problems = new ArrayList<>();
    boolean en = enabled;
    String job = jobId;
    String pinned = pinnedVersion;
    int every = retrainEvery, min = minLabels, budget = timeBudgetSeconds, batch = batchSize;
    QueryStrategy strat = strategy;
    DetectorSettings det = detector;
    EncoderSettings enc = encoder;
    for (Map.Entry<String, JsonNode> e : patch.properties()) {
      JsonNode v = e.getValue();
      switch (e.getKey()) {
        case "enabled" -> {
          if (v.isBoolean()) en = v.asBoolean(); else problems.add("enabled: must be true or false");
        }
        case "jobId" -> {
          if (v.isNull() || v.isTextual()) job = v.isNull() || v.asText().isBlank() ? null : v.asText(); else problems.add("jobId: must be a string");
        }
        case "pinnedVersion" -> {
          if (v.isNull() || v.isTextual()) pinned = v.isNull() || v.asText().isBlank() ? null : v.asText(); else problems.add("pinnedVersion: must be a dataset version id or null");
        }
        case "strategy" -> {
          if (!v.isTextual()) problems.add("strategy: must be a string");
          else strat = strategy(v.asText(), strat, problems);
        }
        case "retrainEvery" -> every = intField(e.getKey(), v, every, problems);
        case "minLabels" -> min = intField(e.getKey(), v, min, problems);
        case "timeBudgetSeconds" -> budget = intField(e.getKey(), v, budget, problems);
        case "batchSize" -> batch = intField(e.getKey(), v, batch, problems);
        case "detector" -> det = DetectorSettings.parse(v, problems);
        case "encoder" -> enc = EncoderSettings.parse(v, problems);
        case "learner" -> { } // read-only (what the project learns), so a settings object read back is a valid patch
        default -> problems.add(e.getKey() + ": unknown setting");
      }
    }
    if (!problems.isEmpty()) {
      throw LabelloopException.invalid("Invalid learning settings: " + problems.getFirst(), problems);
    }
    return new LearningSettings(en, job, every, min, budget, strat, batch, pinned, det, enc);
  }

  /** The registry's strategy called {@code name}, or {@code current} with a problem noted. */
  private static QueryStrategy strategy(String name, QueryStrategy current, List<String> problems) {
    try {
      return Strategies.named(name);
    } catch (IllegalArgumentException e) {
      problems.add("strategy: " + e.getMessage());
      return current;
    }
  }

  private static int intField(String name, JsonNode v, int current, List<String> problems) {
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      problems.add(name + ": must be an integer");
      return current;
    }
    return v.asInt();
  }

  /**
   * What this project learns: the named job if it is learnable, else the first CLASSIFICATION job, else the first
   * NAMED_ENTITIES_RECOGNITION or OBJECT_DETECTION job, with the task its input type gives it ({@link LearningTask#of}); a project whose
   * data has no learner of its kind learns nothing and says so.
   */
  public Learner learner(Project project) {
    Job job = candidateJob(project.jsonInterface());
    if (job == null) return Learner.none("no CLASSIFICATION, NAMED_ENTITIES_RECOGNITION or OBJECT_DETECTION job to learn");
    return LearningTask.of(project.inputType(), job).map(task -> Learner.of(job, task))
        .orElseGet(() -> Learner.none(LearningTask.NO_MODEL_FOR_KIND + " (" + project.inputType() + " " + job.mlTask() + ")"));
  }

  /** The learned job when new labels retrain it (learning on, not pinned to a dataset version), else null. */
  public Job retrainedJob(Project project) {
    return enabled && pinnedVersion == null ? learner(project).job() : null;
  }

  private Job candidateJob(JsonInterface iface) {
    if (jobId != null) {
      Job j = iface.job(jobId);
      return j != null && LearningTask.learnable(j.mlTask()) ? j : null;
    }
    return iface.jobs().values().stream().filter(j -> j.mlTask() == MlTask.CLASSIFICATION).findFirst()
        .or(() -> iface.jobs().values().stream().filter(j -> LearningTask.learnable(j.mlTask())).findFirst()).orElse(null);
  }

  /**
   * Validates {@code jobId} against the interface (a named job must exist and be a CLASSIFICATION, NER or OBJECT_DETECTION job), and the
   * detector's categories against the first OBJECT_DETECTION job.
   */
  public void check(JsonInterface iface) {
    if (jobId != null && candidateJob(iface) == null) {
      throw LabelloopException.invalid("jobId: '" + jobId + "' is not a CLASSIFICATION, NAMED_ENTITIES_RECOGNITION or OBJECT_DETECTION job of this project ("
          + iface.jobs().keySet() + ")");
    }
    Job boxes = iface.firstJob(MlTask.OBJECT_DETECTION).orElse(null);
    List<String> unknown = boxes == null ? List.copyOf(detector.classes().keySet()) : detector.unknownCategories(boxes);
    if (!unknown.isEmpty()) {
      throw LabelloopException.invalid("detector.classes: " + unknown + (boxes == null ? " (this project has no OBJECT_DETECTION job)"
          : " are not categories of job " + boxes.id() + " " + boxes.categories().keySet()));
    }
  }

  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("enabled", enabled);
    if (jobId == null) o.putNull("jobId"); else o.put("jobId", jobId);
    o.put("retrainEvery", retrainEvery);
    o.put("minLabels", minLabels);
    o.put("timeBudgetSeconds", timeBudgetSeconds);
    o.put("strategy", strategy.name());
    o.put("batchSize", batchSize);
    if (pinnedVersion == null) o.putNull("pinnedVersion"); else o.put("pinnedVersion", pinnedVersion);
    o.set("detector", detector.toJson());
    if (encoder == null) o.putNull("encoder"); else o.set("encoder", encoder.toJson());
    return o;
  }
}
