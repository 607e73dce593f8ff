package org.labelloop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import org.labelloop.core.Labelloop;
import org.labelloop.core.modelserver.ModelServer;

/** A project's external model server (Label Studio ML-backend protocol): connect, state, predict now, train, remove. */
final class ModelServerRoutes {
  private static final String P = "/api/v1/projects/{id}/model-server";
  private final Labelloop app;

  ModelServerRoutes(Labelloop app) {
    this.app = app;
  }

  void register(Javalin j) {
    j.put(P, this::connect);
    j.get(P, ctx -> ctx.json(json(app.modelServers().get(Auth.caller(ctx), ctx.pathParam("id")))));
    j.delete(P, ctx -> {
      app.modelServers().disconnect(Auth.caller(ctx), ctx.pathParam("id"));
      ctx.status(204);
    });
    j.post(P + "/predict", ctx -> ctx.status(202).json(json(app.modelServers().predict(Auth.caller(ctx), ctx.pathParam("id")))));
    j.post(P + "/train", ctx -> ctx.json(json(app.modelServers().train(Auth.caller(ctx), ctx.pathParam("id")))));
  }

  private void connect(Context ctx) {
    JsonNode body = Body.object(ctx);
    ModelServer s = app.modelServers().connect(Auth.caller(ctx), ctx.pathParam("id"), Body.requiredText(body, "url"),
        Body.bool(body, "allowPrivate", false));
    ctx.json(json(s));
  }

  private static ObjectNode json(ModelServer s) {
    ObjectNode o = Json.object();
    o.put("projectId", s.projectId()).put("url", s.url()).put("allowPrivate", s.allowPrivate()).put("status", s.status().name())
        .put("modelVersion", s.modelVersion()).put("lastError", s.lastError()).put("checkedAt", str(s.checkedAt()))
        .put("predictions", s.predicted()).put("predictRequestedAt", str(s.predictRequestedAt())).put("predictedAt", str(s.predictedAt()))
        .put("failures", s.failures()).put("nextAttemptAt", s.status() == ModelServer.Status.ERROR ? str(s.nextAttemptAt()) : null);
    return o;
  }

  private static String str(Object o) {
    return o == null ? null : o.toString();
  }
}
