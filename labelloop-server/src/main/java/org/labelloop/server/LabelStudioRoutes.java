package org.labelloop.server;

import io.javalin.Javalin;
import org.labelloop.core.Labelloop;

/**
 * The Label Studio ML-backend protocol served for one project: in Label Studio, add the model URL
 * {@code http://HOST:7070/api/v1/projects/ID/ls-backend} with basic authentication (any user name, an API key as
 * password). Answers keep the protocol's snake_case shapes.
 */
final class LabelStudioRoutes {
  private static final String P = "/api/v1/projects/{id}/ls-backend";
  private final Labelloop app;

  LabelStudioRoutes(Labelloop app) {
    this.app = app;
  }

  void register(Javalin j) {
    j.get(P + "/health", ctx -> ctx.json(app.labelStudio().health(Auth.caller(ctx), ctx.pathParam("id"))));
    j.get(P + "/versions", ctx -> ctx.json(app.labelStudio().versions(Auth.caller(ctx), ctx.pathParam("id"))));
    j.get(P + "/label-config", ctx -> ctx.contentType("application/xml; charset=utf-8")
        .result(app.labelStudio().labelConfig(Auth.caller(ctx), ctx.pathParam("id"))));
    j.post(P + "/setup", ctx -> ctx.json(app.labelStudio().setup(Auth.caller(ctx), ctx.pathParam("id"), Body.object(ctx))));
    j.post(P + "/predict", ctx -> ctx.json(app.labelStudio().predict(Auth.caller(ctx), ctx.pathParam("id"), Body.object(ctx))));
    j.post(P + "/webhook", ctx -> ctx.status(201).json(app.labelStudio().webhook(Auth.caller(ctx), ctx.pathParam("id"), Body.object(ctx))));
    j.post(P + "/train", ctx -> ctx.status(201).json(app.labelStudio().train(Auth.caller(ctx), ctx.pathParam("id"), Body.object(ctx))));
  }
}
