package org.labelloop.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.core.Labelloop;
import org.labelloop.core.Ports;
import org.labelloop.core.error.ErrorCode;
import org.labelloop.core.error.LabelloopException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP face of Labelloop: the REST API under {@code /api/v1}, its OpenAPI document, and the browser UI as static
 * files. Every request body is read as a stream; uploads go through Jetty's temp files, never fully into memory.
 */
public final class LabelloopServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LabelloopServer.class);
  public static final String VERSION = "0.1.0";
  /** What a 503 (the database busy) asks the client to wait before trying again. */
  static final int RETRY_BUSY_SECONDS = 5;

  private final Javalin javalin;
  private final List<Route> routes = new ArrayList<>();

  /** An HTTP route the server registered, e.g. {@code PATCH /api/v1/projects/{id}}. */
  public record Route(String method, String path) {}

  /**
   * @param trustProxy whether a reverse proxy in front sets {@code X-Forwarded-Proto}: only then is that header
   *     believed when deciding that a request came over HTTPS (Secure cookie, HSTS)
   */
  public LabelloopServer(Labelloop app, Ports ports, Clock clock, Path tempDir, boolean trustProxy) {
    Auth auth = new Auth(app, ports.sessions(), ports.users(), ports.loginFailures(), clock, trustProxy);
    this.javalin = Javalin.create(config -> {
      config.events(events -> events.handlerAdded(h -> {
        if (h.getHttpMethod().isHttpMethod()) routes.add(new Route(h.getHttpMethod().name(), h.getPath()));
      }));
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
      config.http.maxRequestSize = 16L * 1024 * 1024;
      config.http.disableCompression();
      config.jetty.multipartConfig.cacheDirectory(tempDir.toString());
      config.jetty.multipartConfig.maxFileSize(64, SizeUnit.GB);
      config.jetty.multipartConfig.maxTotalRequestSize(64, SizeUnit.GB);
      config.jetty.multipartConfig.maxInMemoryFileSize(1, SizeUnit.MB);
      config.staticFiles.add(s -> {
        s.hostedPath = "/";
        s.directory = "/ui";
        s.location = Location.CLASSPATH;
      });
    });
    Javalin j = javalin;
    j.before(ctx -> securityHeaders(ctx, trustProxy));
    j.before("/api/v1/*", auth::authenticate);
    // Javalin tries the routes in order, a regex each: the labeling round trip's come first (no path overlaps)
    new AssetRoutes(app).register(j);
    new LabelRoutes(app).register(j);
    j.get("/api/v1/health", ctx -> ctx.json(Json.object().put("status", "ok").put("version", VERSION)));
    j.post("/api/v1/auth/login", auth::login);
    j.post("/api/v1/auth/logout", auth::logout);
    j.get("/api/v1/auth/me", auth::me);
    j.get("/api/v1/auth/session", auth::session);
    j.post("/api/v1/auth/password", auth::changePassword);
    new ProjectRoutes(app).register(j);
    new UserRoutes(app).register(j);
    new VersionRoutes(app).register(j);
    new LearningRoutes(app).register(j);
    new QualityRoutes(app).register(j);
    new WebhookRoutes(app).register(j);
    new LabelStudioRoutes(app).register(j);
    new ModelServerRoutes(app).register(j);
    new SchemaRoutes(app).register(j);
    j.get("/api/openapi.json", ctx -> resource(ctx, "/api/openapi.json", "application/json"));
    j.get("/api/docs", ctx -> resource(ctx, "/api/docs.html", "text/html; charset=utf-8"));
    j.get("/api/docs.js", ctx -> resource(ctx, "/api/docs.js", "text/javascript; charset=utf-8"));
    handleErrors(j);
  }

  /** Every error as a JSON body {@code {"error": {code, message, details}}} with its status. */
  static void handleErrors(Javalin j) {
    j.exception(LabelloopException.class, (e, ctx) -> error(ctx, status(e.code()), e.code().name(), e.getMessage(), e.details()));
    j.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), codeFor(e.getStatus()), e.getMessage(), List.of()));
    j.exception(org.labelloop.core.io.UploadInterrupted.class, (e, ctx) -> {
      LOG.info("request {} {} aborted: {}", ctx.method(), ctx.path(), e.getMessage());
      error(ctx, 400, ErrorCode.INVALID_INPUT.name(), e.getMessage(), List.of());
    });
    j.exception(UncheckedIOException.class, (e, ctx) -> {
      LOG.info("request {} {} aborted: {}", ctx.method(), ctx.path(), e.getMessage());
      error(ctx, 400, ErrorCode.INVALID_INPUT.name(), "the request body could not be read", List.of());
    });
    j.exception(Exception.class, (e, ctx) -> {
      LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), shortened(e));
      error(ctx, 500, "INTERNAL", "internal server error; the server log has the details", List.of());
    });
    j.error(404, ctx -> {
      if (ctx.path().startsWith("/api/") && ctx.result() == null) {
        error(ctx, 404, ErrorCode.NOT_FOUND.name(), "no such endpoint: " + ctx.method() + " " + ctx.path(), List.of());
      }
    });
    j.error(405, ctx -> {
      if (ctx.result() == null) {
        error(ctx, 405, "METHOD_NOT_ALLOWED", "method not allowed: " + ctx.method() + " " + ctx.path(), List.of());
      }
    });
  }

  public LabelloopServer start(String host, int port) {
    javalin.start(host, port);
    return this;
  }

  /** The port actually bound (useful after starting on port 0). */
  public int port() {
    return javalin.port();
  }

  /** Every HTTP route registered, in registration order (static UI files aside). */
  public List<Route> routes() {
    return List.copyOf(routes);
  }

  @Override
  public void close() {
    javalin.stop();
  }

  private static void securityHeaders(Context ctx, boolean trustProxy) {
    ctx.header("Content-Security-Policy",
        "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
    if (https(ctx, trustProxy)) {
      ctx.header("Strict-Transport-Security", "max-age=31536000");
    }
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    if (ctx.path().startsWith("/api/v1/")) {
      ctx.header("Cache-Control", "no-store");
    }
  }

  /** Whether the client reached us over HTTPS: directly, or through a trusted proxy that says so. */
  static boolean https(Context ctx, boolean trustProxy) {
    return "https".equalsIgnoreCase(ctx.scheme()) || trustProxy && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  private static void resource(Context ctx, String path, String contentType) throws IOException {
    try (InputStream in = LabelloopServer.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new LabelloopException(ErrorCode.NOT_FOUND, path + " not found");
      }
      ctx.contentType(contentType).result(in.readAllBytes());
    }
  }

  /**
   * The exception as logged: the same type names and stack frames, each message cut to 500 characters. A library's
   * message may quote what a client sent (a 10 MB CSV header), and a log must never grow by what a request holds.
   */
  static Throwable shortened(Throwable e) {
    String message = e.getMessage();
    String cut = message == null ? "" : message.length() > 500 ? message.substring(0, 500) + "… (" + message.length() + " characters)" : message;
    Throwable copy = new Throwable(e.getClass().getName() + (message == null ? "" : ": " + cut.replaceAll("[\\p{Cntrl}&&[^\\n\\t]]", "?")),
        e.getCause() == null || e.getCause() == e ? null : shortened(e.getCause()), false, true) {
      @Override
      public String toString() {
        return getMessage();
      }
    };
    copy.setStackTrace(e.getStackTrace());
    return copy;
  }

  static int status(ErrorCode code) {
    return switch (code) {
      case INVALID_INPUT -> 400;
      case UNAUTHENTICATED -> 401;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case TOO_MANY_REQUESTS -> 429;
      case BUSY -> 503;
    };
  }

  private static String codeFor(int status) {
    return switch (status) {
      case 400, 413 -> ErrorCode.INVALID_INPUT.name();
      case 401 -> ErrorCode.UNAUTHENTICATED.name();
      case 403 -> ErrorCode.FORBIDDEN.name();
      case 404 -> ErrorCode.NOT_FOUND.name();
      case 409 -> ErrorCode.CONFLICT.name();
      case 429 -> ErrorCode.TOO_MANY_REQUESTS.name();
      case 503 -> ErrorCode.BUSY.name();
      default -> "HTTP_" + status;
    };
  }

  private static void error(Context ctx, int status, String code, String message, List<String> details) {
    ObjectNode body = Json.object();
    ObjectNode err = body.putObject("error");
    err.put("code", code);
    err.put("message", message);
    var detailArray = err.putArray("details");
    details.forEach(detailArray::add);
    if (status == 401) {
      ctx.header("WWW-Authenticate", "Bearer");
    }
    if (status == 503) {
      ctx.header("Retry-After", Integer.toString(RETRY_BUSY_SECONDS));
    }
    ctx.status(status).json(body);
  }
}
