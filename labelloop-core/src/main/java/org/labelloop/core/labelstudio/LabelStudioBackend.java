package org.labelloop.core.labelstudio;

import org.labelloop.core.io.LabelStudioResults;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.asset.AssetService;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelDraft;
import org.labelloop.core.label.LabelService;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.learning.LearningService;
import org.labelloop.core.learning.ModelVersion;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;

/**
 * Labelloop as a Label Studio ML backend for one project, so that a Label Studio CE user gets Labelloop's loop
 * (retrain every N labels, AutoML, uncertainty) without leaving Label Studio: {@code /setup} checks that the labeling
 * config fits the project, {@code /predict} answers with the current model's predictions and a {@code score} (the
 * model's confidence: sort tasks by it ascending to label the most uncertain first), {@code /webhook} takes
 * annotations as labels (which count towards the retrain threshold) and START_TRAINING, and the older {@code /train}
 * takes the annotated tasks. A task is the asset with external id {@code data.externalId} when given, else
 * {@code ls-<task id>}; text tasks that are not in the project yet are imported on first sight.
 */
public final class LabelStudioBackend {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Ports ports;
  private final Access access;
  private final AssetService assets;
  private final LabelService labels;
  private final LearningService learning;

  public LabelStudioBackend(Ports ports, Access access, AssetService assets, LabelService labels, LearningService learning) {
    this.ports = ports;
    this.access = access;
    this.assets = assets;
    this.labels = labels;
    this.learning = learning;
  }

  public ObjectNode health(Caller caller, String projectId) {
    access.require(caller, projectId, Role.LABELER);
    return JSON.objectNode().put("status", "UP").put("model_class", "Labelloop");
  }

  /** The project's interface as a labeling config to paste into Label Studio. */
  public String labelConfig(Caller caller, String projectId) {
    Project p = access.requireProject(caller, projectId, Role.LABELER).project();
    return LabelConfig.toXml(p.inputType(), p.jsonInterface());
  }

  public ObjectNode setup(Caller caller, String projectId, JsonNode body) {
    Project p = access.requireProject(caller, projectId, Role.LABELER).project();
    List<String> problems = LabelConfig.differences(p.jsonInterface(), body.path("schema").asText(null));
    if (!problems.isEmpty()) {
      throw LabelloopException.invalid("the Label Studio config does not fit project " + projectId + ": " + problems.getFirst()
          + "; GET .../ls-backend/label-config gives one that does", problems);
    }
    return JSON.objectNode().put("model_version", latestModel(caller, projectId).orElse(null));
  }

  public ObjectNode versions(Caller caller, String projectId) {
    ObjectNode out = JSON.objectNode();
    ArrayNode versions = out.putArray("versions");
    learning.models(caller, projectId).forEach(m -> versions.add(m.modelVersion()));
    return out;
  }

  /** One prediction per task, in the order of the tasks (Label Studio pairs them by position). */
  public ObjectNode predict(Caller caller, String projectId, JsonNode body) {
    Project p = access.requireProject(caller, projectId, Role.LABELER).project();
    JsonNode tasks = requireArray(body, "tasks");
    Map<String, Asset> byTask = assetsOf(caller, p, tasks);
    Map<String, List<Label>> stored = ports.labels().forAssets(byTask.values().stream().map(Asset::id).toList());
    ObjectNode out = JSON.objectNode();
    ArrayNode results = out.putArray("results");
    String latest = latestModel(caller, projectId).orElse(null);
    for (JsonNode task : tasks) {
      Asset asset = byTask.get(externalId(task));
      Optional<Label> prediction = asset == null ? Optional.empty() : stored.getOrDefault(asset.id(), List.of()).stream()
          .filter(l -> l.labelType() == LabelType.PREDICTION).max(Comparator.comparing(Label::createdAt).thenComparing(Label::id));
      ObjectNode r = results.addObject();
      r.set("result", prediction.map(l -> LabelStudioResults.toResults(p.jsonInterface(), p.inputType(), l.jsonResponse(), asset.content()))
          .orElse(JSON.arrayNode()));
      Double score = prediction.map(l -> LabelStudioResults.score(l.jsonResponse())).orElse(null);
      if (score != null) r.put("score", score);
      r.put("model_version", prediction.map(Label::modelVersion).orElse(latest));
    }
    out.put("model_version", latest);
    return out;
  }

  /** Label Studio's webhook events: annotations become labels, START_TRAINING queues a training; others are ignored. */
  public ObjectNode webhook(Caller caller, String projectId, JsonNode body) {
    String action = body.path("action").asText("");
    Project p = access.requireProject(caller, projectId, Role.LABELER).project();
    ObjectNode out = JSON.objectNode().put("action", action);
    switch (action) {
      case "ANNOTATION_CREATED", "ANNOTATION_UPDATED" -> {
        JsonNode annotation = body.path("annotation");
        if (annotation.path("was_cancelled").asBoolean(false)) return out.put("status", "ignored: cancelled annotation");
        Label label = label(caller, p, body.path("task"), annotation);
        return out.put("status", "ok").put("labelId", label.id());
      }
      case "START_TRAINING" -> {
        return out.put("status", "ok").put("trainingJobId", learning.train(caller, projectId).id());
      }
      default -> {
        return out.put("status", "ignored");
      }
    }
  }

  /**
   * The older training call: every annotated task; the newest annotation of each task not labeled in Labelloop yet
   * becomes a label (a repeated call adds nothing), then a training is queued.
   */
  public ObjectNode train(Caller caller, String projectId, JsonNode body) {
    Project p = access.requireProject(caller, projectId, Role.ADMIN).project();
    JsonNode tasks = requireArray(body, "annotations");
    Map<String, Asset> byTask = assetsOf(caller, p, tasks);
    Map<String, List<Label>> stored = ports.labels().forAssets(byTask.values().stream().map(Asset::id).toList());
    int added = 0;
    for (JsonNode task : tasks) {
      Asset asset = byTask.get(externalId(task));
      boolean labeled = asset != null && stored.getOrDefault(asset.id(), List.of()).stream().anyMatch(l -> l.labelType().isHuman());
      JsonNode newest = null;
      for (JsonNode a : task.path("annotations")) if (!a.path("was_cancelled").asBoolean(false)) newest = a;
      if (!labeled && newest != null) {
        label(caller, p, task, newest);
        added++;
      }
    }
    return JSON.objectNode().put("status", "ok").put("labelsAdded", added).put("trainingJobId", learning.train(caller, projectId).id());
  }

  private Label label(Caller caller, Project p, JsonNode task, JsonNode annotation) {
    Asset asset = assetsOf(caller, p, JSON.arrayNode().add(task)).get(externalId(task));
    if (asset == null) throw LabelloopException.notFound("Asset with externalId '" + externalId(task) + "' (import the task's file first)");
    ObjectNode response = LabelStudioResults.toJsonResponse(p.jsonInterface(), annotation.path("result"), asset.content());
    Double seconds = annotation.hasNonNull("lead_time") ? annotation.get("lead_time").asDouble() : null;
    return labels.submit(caller, p.id(), new LabelDraft(asset.id(), null, LabelType.DEFAULT, response, null, seconds, false));
  }

  /** The tasks' assets by external id; text tasks not in the project yet are imported first (needs the ADMIN role). */
  private Map<String, Asset> assetsOf(Caller caller, Project p, JsonNode tasks) {
    Map<String, Asset> found = new LinkedHashMap<>();
    List<AssetDraft> missing = new ArrayList<>();
    String key = LabelStudioResults.dataKey(p.inputType());
    for (JsonNode task : tasks) {
      String ext = externalId(task);
      Optional<Asset> a = ports.assets().findByExternalId(p.id(), ext);
      if (a.isPresent()) {
        found.put(ext, a.get());
      } else if ((p.inputType() == InputType.TEXT || p.inputType() == InputType.TABULAR) && task.path("data").path(key).isTextual()
          && missing.stream().noneMatch(d -> d.externalId().equals(ext))) {
        missing.add(new AssetDraft(ext, task.path("data").path(key).asText(), JSON.objectNode().put("labelStudioTask", task.path("id").asText()),
            0, false, null));
      }
    }
    if (!missing.isEmpty()) {
      assets.importDrafts(caller, p.id(), missing, false);
      for (AssetDraft d : missing) ports.assets().findByExternalId(p.id(), d.externalId()).ifPresent(a -> found.put(d.externalId(), a));
    }
    return found;
  }

  private static String externalId(JsonNode task) {
    JsonNode data = task.path("data");
    for (String field : List.of("externalId", "external_id")) {
      if (data.path(field).isTextual() && !data.path(field).asText().isBlank()) return data.path(field).asText();
    }
    if (!task.hasNonNull("id")) throw LabelloopException.invalid("task: an 'id' (or data.externalId) is required");
    return "ls-" + task.get("id").asText();
  }

  private Optional<String> latestModel(Caller caller, String projectId) {
    List<ModelVersion> models = learning.models(caller, projectId);
    return models.isEmpty() ? Optional.empty() : Optional.of(models.getLast().modelVersion());
  }

  private static JsonNode requireArray(JsonNode body, String field) {
    JsonNode a = body.path(field);
    if (!a.isArray()) throw LabelloopException.invalid(field + ": required, an array of Label Studio tasks");
    return a;
  }
}
