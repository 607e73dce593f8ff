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
import org.labelloop.core.quality.QualityRepository;

/**
 * Quality management (issue 7): settings, per-asset marks with filters, per-labeler and per-category reports, kappa,
 * honeypots, the review send-back and suspected label errors.
 */
final class QualityRoutes {
  private static final String P = "/api/v1/projects/{id}";
  private static final String Q = P + "/quality";

  private final Labelloop app;

  QualityRoutes(Labelloop app) {
    this.app = app;
  }

  void register(Javalin j) {
    j.get(P + "/quality-settings", ctx -> ctx.json(app.quality().settings(Auth.caller(ctx), id(ctx)).toJson()));
    j.patch(P + "/quality-settings", ctx -> ctx.json(app.quality().patchSettings(Auth.caller(ctx), id(ctx), Body.object(ctx)).toJson()));
    j.get(Q + "/assets", this::assets);
    j.get(Q + "/labelers", ctx -> ctx.json(items(app.quality().labelers(Auth.caller(ctx), id(ctx)))));
    j.get(Q + "/categories", ctx -> ctx.json(items(app.quality().categories(Auth.caller(ctx), id(ctx)))));
    j.get(Q + "/kappa", ctx -> ctx.json(items(app.quality().kappa(Auth.caller(ctx), id(ctx)))));
    j.get(Q + "/suspects", this::suspects);
    j.post(Q + "/suspects/to-review", this::suspectsToReview);
    j.post(Q + "/honeypots", this::honeypots);
    j.post(P + "/assets/{assetId}/send-back", this::sendBack);
    j.get(P + "/assets/{assetId}/comments", ctx ->
        ctx.json(items(app.quality().comments(Auth.caller(ctx), id(ctx), ctx.pathParam("assetId")))));
  }

  private static String id(Context ctx) {
    return ctx.pathParam("id");
  }

  private void assets(Context ctx) {
    var page = app.quality().assets(Auth.caller(ctx), id(ctx), mark(ctx, "consensusMarkLt"), mark(ctx, "honeypotMarkLt"),
        mark(ctx, "inferenceMarkLt"), ctx.queryParam("cursor"), Body.limit(ctx, 100));
    ctx.json(Json.page(page, m -> Json.MAPPER.valueToTree(m)));
  }

  private void suspects(Context ctx) {
    var s = app.suspects().suspects(Auth.caller(ctx), id(ctx), ctx.queryParam("jobId"));
    ObjectNode out = items(s.items());
    out.put("jobId", s.jobId()).put("labeled", s.labeled()).put("outOfFoldAccuracy", s.outOfFoldAccuracy()).put("withheld", s.withheld());
    ctx.json(out);
  }

  /** Body {@code {"externalIds": [...]}} moves those; no list moves every current suspect. */
  private void suspectsToReview(Context ctx) {
    String raw = ctx.body();
    JsonNode body = raw == null || raw.isBlank() ? Json.object() : Body.parseObject(raw);
    List<String> ids = body.has("externalIds") ? strings(body, "externalIds") : null;
    int moved = app.suspects().toReview(Auth.caller(ctx), id(ctx), Body.text(body, "jobId"), ids);
    ctx.json(Json.object().put("moved", moved));
  }

  /** Body {@code {"externalIds": [...], "isHoneypot": true}}; the trusted answer is the asset's REVIEW label. */
  private void honeypots(Context ctx) {
    JsonNode body = Body.object(ctx);
    int updated = app.quality().setHoneypot(Auth.caller(ctx), id(ctx), strings(body, "externalIds"), Body.bool(body, "isHoneypot", true));
    ctx.json(Json.object().put("updated", updated));
  }

  private void sendBack(Context ctx) {
    JsonNode body = Body.object(ctx);
    QualityRepository.ReviewComment c = app.quality().sendBack(
        Auth.caller(ctx), id(ctx), ctx.pathParam("assetId"), Body.text(body, "comment"), Body.text(body, "toUserId"));
    ctx.status(201).json(Json.MAPPER.valueToTree(c));
  }

  private static List<String> strings(JsonNode body, String field) {
    JsonNode arr = body.get(field);
    if (arr == null || !arr.isArray()) {
      throw LabelloopException.invalid(field + ": an array of strings is required");
    }
    List<String> out = new ArrayList<>();
    arr.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static Double mark(Context ctx, String name) {
    String v = ctx.queryParam(name);
    if (v == null || v.isBlank()) {
      return null;
    }
    try {
      return Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw LabelloopException.invalid(name + ": '" + v + "' is not a number");
    }
  }

  private static ObjectNode items(List<?> list) {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    list.forEach(x -> items.add(Json.MAPPER.valueToTree(x)));
    out.putNull("nextCursor");
    return out;
  }
}
