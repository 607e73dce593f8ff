package org.labelloop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Collection;
import java.util.Map;
import org.labelloop.core.Labelloop;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.learning.LearningCurve;
import org.labelloop.core.learning.LearningRepository.MarkedLabel;
import org.labelloop.core.learning.LearningService;
import org.labelloop.core.learning.LearningService.Disagreement;
import org.labelloop.core.learning.LearningSettings;
import org.labelloop.core.learning.ModelVersion;
import org.labelloop.core.learning.TrainingJob;
import org.labelloop.learn.image.CocoClasses;

/** The learning loop: settings, model versions, train now, training jobs, learning curve, inference marks. */
final class LearningRoutes {
  private final Labelloop app;

  LearningRoutes(Labelloop app) {
    this.app = app;
  }

  void register(Javalin j) {
    j.get("/api/v1/projects/{id}/learning", ctx -> ctx.json(settings(ctx, app.learning().settings(Auth.caller(ctx), ctx.pathParam("id")))));
    j.patch("/api/v1/projects/{id}/learning",
        ctx -> ctx.json(settings(ctx, app.learning().updateSettings(Auth.caller(ctx), ctx.pathParam("id"), Body.object(ctx)))));
    j.get("/api/v1/projects/{id}/models", this::models);
    j.get("/api/v1/projects/{id}/models/{version}/file", this::modelFile);
    j.post("/api/v1/projects/{id}/models/train",
        ctx -> ctx.status(202).json(job(app.learning().train(Auth.caller(ctx), ctx.pathParam("id")))));
    j.get("/api/v1/projects/{id}/training-jobs", this::jobs);
    j.get("/api/v1/projects/{id}/learning-curve", this::curve);
    j.get("/api/v1/projects/{id}/inference-marks", this::marks);
    j.get("/api/v1/projects/{id}/disagreements", this::disagreements);
  }

  /**
   * The settings with what they make the project learn ({@code learner}, read-only) and, for a project with boxes, what
   * the detector offers ({@code cocoClasses}) and the class each box category gets by its name ({@code detectorMatches}).
   */
  private ObjectNode settings(Context ctx, LearningSettings settings) {
    ObjectNode o = settings.toJson();
    o.set("learner", app.learning().learner(Auth.caller(ctx), ctx.pathParam("id")).toJson());
    Map<String, String> matches = app.learning().detectorMatchesByName(Auth.caller(ctx), ctx.pathParam("id"));
    if (!matches.isEmpty()) {
      CocoClasses.NAMES.forEach(o.putArray("cocoClasses")::add);
      ObjectNode byName = o.putObject("detectorMatches");
      matches.forEach((category, coco) -> {
        if (coco == null) byName.putNull(category); else byName.put(category, coco);
      });
    }
    return o;
  }

  /** The model version as one file for scoring outside the server ({@code labelloop export-model}). */
  private void modelFile(Context ctx) {
    int version;
    try {
      version = Integer.parseInt(ctx.pathParam("version"));
    } catch (NumberFormatException e) {
      throw LabelloopException.invalid("version: '" + ctx.pathParam("version") + "' is not an integer");
    }
    byte[] file = app.learning().modelFile(Auth.caller(ctx), ctx.pathParam("id"), version);
    ctx.contentType("application/octet-stream").header("Content-Disposition", "attachment; filename=\"model-" + version + ".llm\"")
        .result(file);
  }

  private void models(Context ctx) {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    app.learning().models(Auth.caller(ctx), ctx.pathParam("id")).reversed().forEach(v -> items.add(model(v)));
    ctx.json(out);
  }

  private void jobs(Context ctx) {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    app.learning().jobs(Auth.caller(ctx), ctx.pathParam("id"), Body.limit(ctx, 20)).forEach(jb -> items.add(job(jb)));
    ctx.json(out);
  }

  private void curve(Context ctx) {
    LearningCurve curve = app.learning().curve(Auth.caller(ctx), ctx.pathParam("id"));
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    for (LearningCurve.Point p : curve.points()) {
      ObjectNode o = items.addObject();
      o.put("version", p.version()).put("modelVersion", p.modelVersion()).put("createdAt", String.valueOf(p.createdAt()))
          .put("labelsUsed", p.labelsUsed()).put("cvAccuracy", p.cvAccuracy()).put("cvMacroF1", p.cvMacroF1())
          .put("cvEntityF1", p.cvEntityF1()).put("cvItems", p.cvItems())
          .put("forwardAccuracy", p.forwardAccuracy()).put("forwardCount", p.forwardCount()).put("changedShare", p.changedShare());
    }
    out.putObject("stoppingHint").put("stable", curve.hint().stable()).put("message", curve.hint().message());
    var f = curve.forecast();
    if (f != null) {
      ObjectNode o = out.putObject("forecast").put("labels", f.labels()).put("ceiling", f.ceiling())
          .put("moreLabels", Math.round(f.moreLabels()))
          .put("moreLabelsLow", Math.round(f.moreLow())).put("moreLabelsHigh", Math.round(f.moreHigh()))
          .put("accuracyNow", f.accuracyNow()).put("accuracyDoubled", f.accuracyDoubled())
          .put("accuracyDoubledLow", f.doubledLow()).put("accuracyDoubledHigh", f.doubledHigh())
          .put("gainPerLabel", f.gainPerLabel()).put("message", f.sentence());
      o.putObject("curve").put("a", f.curve().a()).put("b", f.curve().b()).put("c", f.curve().c());
    }
    ctx.json(out);
  }

  private void marks(Context ctx) {
    Double lt = doubleParam(ctx, "inferenceMarkLt");
    var page = app.learning().marks(Auth.caller(ctx), ctx.pathParam("id"), lt, ctx.queryParam("cursor"), Body.limit(ctx, 100));
    ctx.json(Json.page(page, LearningRoutes::mark));
  }

  private void disagreements(Context ctx) {
    var page = app.learning().disagreements(Auth.caller(ctx), ctx.pathParam("id"), ctx.queryParam("cursor"), Body.limit(ctx, 100));
    ctx.json(Json.page(page, LearningRoutes::disagreement));
  }

  private static Double doubleParam(Context ctx, String name) {
    String raw = ctx.queryParam(name);
    if (raw == null || raw.isBlank()) return null;
    try {
      return Double.parseDouble(raw.strip());
    } catch (NumberFormatException e) {
      throw LabelloopException.invalid(name + ": '" + raw + "' is not a number");
    }
  }

  static ObjectNode model(ModelVersion v) {
    ObjectNode o = Json.object();
    o.put("version", v.version()).put("modelVersion", v.modelVersion()).put("createdAt", String.valueOf(v.createdAt()))
        .put("jobId", v.learnedJob()).put("trainingJobId", v.jobId()).put("labelsUsed", v.labelsUsed())
        .put("trainingSeconds", v.trainingSeconds()).put("cvAccuracy", v.cvAccuracy()).put("cvMacroF1", v.cvMacroF1())
        .put("changedShare", v.changedShare()).put("predictions", v.predictions()).put("snapshotHash", v.snapshotHash());
    o.set("card", v.card());
    return o;
  }

  static ObjectNode job(TrainingJob jb) {
    ObjectNode o = Json.object();
    o.put("id", jb.id()).put("projectId", jb.projectId()).put("status", jb.status().name()).put("reason", jb.reason())
        .put("labelsAtTrigger", jb.labelsAtTrigger()).put("createdAt", str(jb.createdAt())).put("startedAt", str(jb.startedAt()))
        .put("finishedAt", str(jb.finishedAt())).put("workerId", jb.workerId()).put("attempts", jb.attempts())
        .put("message", jb.message()).put("modelVersion", jb.modelVersion() == null ? null : ModelVersion.name(jb.modelVersion()));
    return o;
  }

  private static ObjectNode mark(LearningService.Mark mark) {
    MarkedLabel m = mark.label();
    ObjectNode o = Json.object();
    o.put("labelId", m.labelId()).put("assetId", m.assetId()).put("externalId", m.externalId()).put("labelType", m.labelType())
        .put("modelVersion", m.modelVersion()).put("inferenceMark", m.inferenceMark()).put("overlapMark", mark.overlapMark());
    o.set("jsonResponse", m.jsonResponse());
    return o;
  }

  private static ObjectNode disagreement(Disagreement d) {
    ObjectNode o = Json.object();
    o.put("assetId", d.assetId()).put("externalId", d.externalId()).put("labelId", d.labelId()).put("labelType", d.labelType())
        .put("modelVersion", d.modelVersion()).put("inferenceMark", d.inferenceMark()).put("jobId", d.jobId());
    o.set("human", strings(o, d.human()));
    o.set("model", strings(o, d.model()));
    return o;
  }

  private static JsonNode strings(ObjectNode factory, Collection<String> values) {
    ArrayNode a = factory.arrayNode();
    values.forEach(a::add);
    return a;
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
