package org.labelloop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.core.Labelloop;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelDraft;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.user.Caller;

/** Labels: submit one or many (one transaction), list with filters. */
final class LabelRoutes {
  private final Labelloop app;

  LabelRoutes(Labelloop app) {
    this.app = app;
  }

  void register(Javalin j) {
    j.post("/api/v1/projects/{id}/labels", this::submit);
    j.get("/api/v1/projects/{id}/labels", this::list);
  }

  private void submit(Context ctx) {
    Caller caller = Auth.caller(ctx);
    String projectId = ctx.pathParam("id");
    JsonNode body = Body.json(ctx);
    if (body.isArray()) {
      List<LabelDraft> drafts = new ArrayList<>(body.size());
      int i = 0;
      for (JsonNode n : body) {
        drafts.add(draft(n, "[" + i++ + "]."));
      }
      List<Label> labels = app.labels().submitAll(caller, projectId, drafts);
      ObjectNode out = Json.object();
      ArrayNode items = out.putArray("items");
      labels.forEach(l -> items.add(Json.label(l)));
      out.putNull("nextCursor");
      ctx.status(201).json(out);
    } else if (body.isObject()) {
      ctx.status(201).json(Json.label(app.labels().submit(caller, projectId, draft(body, ""))));
    } else {
      throw LabelloopException.invalid("request body: expected a label object or an array of labels");
    }
  }

  static LabelDraft draft(JsonNode n, String where) {
    if (!n.isObject()) {
      throw LabelloopException.invalid(where + "label: expected an object");
    }
    JsonNode response = n.get("jsonResponse");
    if (response == null || !response.isObject()) {
      throw LabelloopException.invalid(where + "jsonResponse: required, a JSON object keyed by job id");
    }
    try {
      return new LabelDraft(
          Body.text(n, "assetId"),
          Body.text(n, "assetExternalId"),
          Body.enumOf(LabelType.class, "labelType", Body.text(n, "labelType")),
          response,
          Body.text(n, "modelVersion"),
          Body.number(n, "secondsToLabel"),
          Body.bool(n, "skipped", false));
    } catch (LabelloopException e) {
      throw where.isEmpty() ? e : new LabelloopException(e.code(), where + e.getMessage(), e.details());
    }
  }

  private void list(Context ctx) {
    var page = app.labels().list(
        Auth.caller(ctx),
        ctx.pathParam("id"),
        Body.enumOf(LabelType.class, "type", ctx.queryParam("type")),
        ctx.queryParam("assetId"),
        ctx.queryParam("cursor"),
        Body.limit(ctx, 100));
    ctx.json(Json.page(page, Json::label));
  }
}
