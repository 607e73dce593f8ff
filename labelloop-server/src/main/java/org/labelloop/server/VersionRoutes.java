package org.labelloop.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import org.labelloop.core.Labelloop;
import org.labelloop.core.io.ExportFormat;
import org.labelloop.core.version.DatasetVersion;
import org.labelloop.core.version.VersionDiff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Dataset versions: snapshot, list, diff, send the changed assets to review, export. */
final class VersionRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(VersionRoutes.class);
  private static final String BASE = "/api/v1/projects/{id}/versions";

  private final Labelloop app;

  VersionRoutes(Labelloop app) {
    this.app = app;
  }

  void register(Javalin j) {
    j.post(BASE, this::create);
    j.get(BASE, this::list);
    j.get(BASE + "/{a}/diff/{b}", this::diff);
    j.post(BASE + "/{a}/diff/{b}/to-review", this::toReview);
    j.get(BASE + "/{v}/export", this::export);
  }

  private void create(Context ctx) {
    String name = Body.requiredText(Body.object(ctx), "name");
    ctx.status(201).json(view(app.versions().create(Auth.caller(ctx), ctx.pathParam("id"), name)));
  }

  private void list(Context ctx) {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    app.versions().list(Auth.caller(ctx), ctx.pathParam("id")).forEach(v -> items.add(view(v)));
    out.putNull("nextCursor");
    ctx.json(out);
  }

  private void diff(Context ctx) {
    VersionDiff diff = app.versions().diff(Auth.caller(ctx), ctx.pathParam("id"), ctx.pathParam("a"), ctx.pathParam("b"));
    ObjectNode out = Json.object();
    ArrayNode added = out.putArray("added");
    diff.added().forEach(added::add);
    ArrayNode removed = out.putArray("removed");
    diff.removed().forEach(removed::add);
    ArrayNode changed = out.putArray("changed");
    for (VersionDiff.Change c : diff.changed()) {
      ObjectNode row = changed.addObject().put("assetId", c.assetId()).put("externalId", c.externalId());
      row.set("before", c.before());
      row.set("after", c.after());
    }
    ctx.json(out);
  }

  private void toReview(Context ctx) {
    int moved = app.versions().sendChangedToReview(Auth.caller(ctx), ctx.pathParam("id"), ctx.pathParam("a"), ctx.pathParam("b"));
    ctx.json(Json.object().put("moved", moved));
  }

  private void export(Context ctx) {
    String projectId = ctx.pathParam("id");
    String versionId = ctx.pathParam("v");
    ctx.contentType(ExportFormat.JSONL.contentType());
    ctx.header("Content-Disposition", "attachment; filename=\"version-" + versionId.replaceAll("[^0-9]", "") + ".jsonl\"");
    try {
      OutputStream out = ctx.res().getOutputStream();
      app.versions().export(Auth.caller(ctx), projectId, versionId, out);
      out.flush();
    } catch (IOException e) {
      LOG.info("export of version {} aborted: {}", versionId, e.getMessage());
    }
  }

  private static ObjectNode view(DatasetVersion v) {
    return Json.object()
        .put("id", v.id())
        .put("projectId", v.projectId())
        .put("name", v.name())
        .put("createdAt", v.createdAt().toString())
        .put("createdBy", v.createdBy())
        .put("modelVersion", v.modelVersion())
        .put("assetCount", v.assetCount());
  }
}
