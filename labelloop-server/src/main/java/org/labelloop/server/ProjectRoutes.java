package org.labelloop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.labelloop.core.Labelloop;
import org.labelloop.core.project.ProjectPatch;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.Project;
import org.labelloop.core.project.ProjectDraft;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;

/** Projects and their members. */
final class ProjectRoutes {
  private final Labelloop app;

  ProjectRoutes(Labelloop app) {
    this.app = app;
  }

  void register(Javalin j) {
    j.post("/api/v1/projects", this::create);
    j.get("/api/v1/projects", this::list);
    j.get("/api/v1/projects/{id}", this::get);
    j.patch("/api/v1/projects/{id}", this::update);
    j.delete("/api/v1/projects/{id}", this::delete);
    j.get("/api/v1/projects/{id}/members", this::members);
    j.post("/api/v1/projects/{id}/members", this::putMember);
    j.put("/api/v1/projects/{id}/members/{userId}", this::putMember);
    j.delete("/api/v1/projects/{id}/members/{userId}", this::removeMember);
  }

  private void create(Context ctx) {
    Caller caller = Auth.caller(ctx);
    JsonNode body = Body.object(ctx);
    InputType inputType = Body.enumOf(InputType.class, "inputType", Body.text(body, "inputType"));
    ProjectDraft draft = new ProjectDraft(
        Body.text(body, "title"),
        Body.text(body, "description"),
        Body.text(body, "instructions"),
        inputType == null ? InputType.TEXT : inputType,
        JsonInterface.parse(body.get("jsonInterface")));
    Project p = app.projects().create(caller, draft);
    ctx.status(201).json(Json.project(app.projects().get(caller, p.id())));
  }

  private void list(Context ctx) {
    Caller caller = Auth.caller(ctx);
    var page = app.projects().list(caller, ctx.queryParam("cursor"), Body.limit(ctx, 100));
    ctx.json(Json.page(page, Json::project));
  }

  private void get(Context ctx) {
    ctx.json(Json.project(app.projects().get(Auth.caller(ctx), ctx.pathParam("id"))));
  }

  private void update(Context ctx) {
    Caller caller = Auth.caller(ctx);
    JsonNode body = Body.object(ctx);
    JsonNode iface = body.get("jsonInterface");
    ProjectPatch patch = new ProjectPatch(
        Body.text(body, "title"),
        Body.text(body, "description"),
        Body.text(body, "instructions"),
        Body.enumOf(InputType.class, "inputType", Body.text(body, "inputType")),
        iface == null || iface.isNull() ? null : JsonInterface.parse(iface));
    String id = ctx.pathParam("id");
    app.projects().update(caller, id, patch);
    ctx.json(Json.project(app.projects().get(caller, id)));
  }

  private void delete(Context ctx) {
    app.projects().delete(Auth.caller(ctx), ctx.pathParam("id"));
    ctx.status(204);
  }

  private void members(Context ctx) {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    app.members().list(Auth.caller(ctx), ctx.pathParam("id")).forEach(m -> items.add(Json.member(m)));
    out.putNull("nextCursor");
    ctx.json(out);
  }

  private void putMember(Context ctx) {
    JsonNode body = Body.object(ctx);
    String userId = ctx.pathParamMap().containsKey("userId") ? ctx.pathParam("userId") : Body.requiredText(body, "userId");
    Role role = Body.enumOf(Role.class, "role", Body.requiredText(body, "role"));
    String projectId = ctx.pathParam("id");
    app.members().put(Auth.caller(ctx), projectId, userId, role);
    ObjectNode out = Json.object().put("projectId", projectId).put("userId", userId).put("role", role.name());
    ctx.status(201).json(out);
  }

  private void removeMember(Context ctx) {
    app.members().remove(Auth.caller(ctx), ctx.pathParam("id"), ctx.pathParam("userId"));
    ctx.status(204);
  }
}
