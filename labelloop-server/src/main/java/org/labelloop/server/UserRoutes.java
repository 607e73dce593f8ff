package org.labelloop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.labelloop.core.Labelloop;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.user.CreatedApiKey;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.ProjectCreators;
import org.labelloop.core.user.User;
import org.labelloop.core.user.UserService;

/** Users and API keys: admins manage everyone, a user manages their own keys. */
final class UserRoutes {
  private final Labelloop app;

  UserRoutes(Labelloop app) {
    this.app = app;
  }

  void register(Javalin j) {
    j.post("/api/v1/users", this::create);
    j.get("/api/v1/users", this::list);
    j.post("/api/v1/users/{id}/api-keys", this::createKey);
    j.get("/api/v1/users/{id}/api-keys", this::listKeys);
    j.delete("/api/v1/api-keys/{id}", this::revokeKey);
    j.patch("/api/v1/users/{id}", this::update);
    j.get("/api/v1/instance-settings", ctx -> ctx.json(settings(Auth.caller(ctx))));
    j.patch("/api/v1/instance-settings", this::updateSettings);
  }

  /** Body: any of {@code admin}, {@code canCreateProjects}, {@code active} (booleans) and {@code password}. */
  private void update(Context ctx) {
    JsonNode body = Body.object(ctx);
    var change = new UserService.AccountChange(
        flag(body, "admin"), flag(body, "canCreateProjects"), flag(body, "active"), Body.text(body, "password"));
    if (change.equals(new UserService.AccountChange(null, null, null, null))) {
      throw LabelloopException.invalid("nothing to change: give admin, canCreateProjects, active or password");
    }
    ctx.json(Json.user(app.users().update(Auth.caller(ctx), ctx.pathParam("id"), change)));
  }

  private static Boolean flag(JsonNode body, String field) {
    return body.hasNonNull(field) ? Body.bool(body, field, false) : null;
  }

  /** Body {@code {"projectCreators": "ALLOWED_USERS"|"EVERYONE"}}. */
  private void updateSettings(Context ctx) {
    Caller caller = Auth.caller(ctx);
    ProjectCreators creators = Body.enumOf(ProjectCreators.class, "projectCreators", Body.text(Body.object(ctx), "projectCreators"));
    if (creators != null) {
      app.users().setProjectCreators(caller, creators);
    }
    ctx.json(settings(caller));
  }

  private ObjectNode settings(Caller caller) {
    return Json.object().put("projectCreators", app.users().projectCreators(caller).name());
  }

  private void create(Context ctx) {
    Caller caller = Auth.caller(ctx);
    JsonNode body = Body.object(ctx);
    User u = app.users().create(caller,
        Body.requiredText(body, "email"),
        Body.text(body, "name"),
        Body.requiredText(body, "password"),
        Body.bool(body, "admin", false));
    ctx.status(201).json(Json.user(u));
  }

  private void list(Context ctx) {
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    app.users().list(Auth.caller(ctx)).forEach(u -> items.add(Json.user(u)));
    out.putNull("nextCursor");
    ctx.json(out);
  }

  private void createKey(Context ctx) {
    Caller caller = Auth.caller(ctx);
    String raw = ctx.body();
    String name = raw.isBlank() ? null : Body.text(Body.parseObject(raw), "name");
    String userId = userId(caller, ctx.pathParam("id"));
    CreatedApiKey created = app.users().createApiKey(caller, userId, name == null ? "api key" : name);
    ObjectNode out = Json.apiKey(created.apiKey());
    out.put("key", created.plainKey());
    ctx.status(201).json(out);
  }

  private void listKeys(Context ctx) {
    Caller caller = Auth.caller(ctx);
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("items");
    app.users().listApiKeys(caller, userId(caller, ctx.pathParam("id"))).forEach(k -> items.add(Json.apiKey(k)));
    out.putNull("nextCursor");
    ctx.json(out);
  }

  private void revokeKey(Context ctx) {
    app.users().revokeApiKey(Auth.caller(ctx), ctx.pathParam("id"));
    ctx.status(204);
  }

  /** "me" stands for the caller's own id. */
  private static String userId(Caller caller, String pathId) {
    return "me".equals(pathId) ? caller.userId() : pathId;
  }
}
