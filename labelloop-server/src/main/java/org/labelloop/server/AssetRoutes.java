package org.labelloop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.labelloop.core.Labelloop;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.AssetService;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.asset.SimilarAssets;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.ExportFormat;
import org.labelloop.core.io.ImportFormat;
import org.labelloop.core.io.ImportOptions;
import org.labelloop.core.io.ImportReport;
import org.labelloop.core.io.UploadInterrupted;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.queue.QueuedAsset;
import org.labelloop.core.user.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Assets: import (JSON array or streamed multipart file), list, bulk update, the labeling queue and export. */
final class AssetRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(AssetRoutes.class);
  private final Labelloop app;

  AssetRoutes(Labelloop app) {
    this.app = app;
  }

  void register(Javalin j) {
    j.post("/api/v1/projects/{id}/assets", this::importAssets);
    j.get("/api/v1/projects/{id}/assets", this::list);
    j.patch("/api/v1/projects/{id}/assets", this::update);
    j.get("/api/v1/projects/{id}/assets/{assetId}/file", this::file);
    j.get("/api/v1/projects/{id}/similar", this::similar);
    j.get("/api/v1/projects/{id}/queue/next", this::next);
    j.post("/api/v1/projects/{id}/queue/answer", this::answer);
    j.post("/api/v1/projects/{id}/queue/{assetId}/skip", this::skip);
    j.get("/api/v1/projects/{id}/export", this::export);
  }

  private void importAssets(Context ctx) {
    Caller caller = Auth.caller(ctx);
    String projectId = ctx.pathParam("id");
    boolean skip = "skip".equalsIgnoreCase(firstNonBlank(ctx.queryParam("onError"), null));
    ImportReport report;
    if (ctx.isMultipartFormData()) {
      UploadedFile file = ctx.uploadedFile("file");
      if (file == null) {
        throw LabelloopException.invalid("file: a multipart part named 'file' is required");
      }
      String formatName = firstNonBlank(ctx.formParam("format"), ctx.queryParam("format"));
      ImportFormat format = formatName == null
          ? ImportFormat.fromFileName(file.filename())
          : Body.enumOf(ImportFormat.class, "format", formatName);
      ImportOptions options = new ImportOptions(format,
          firstNonBlank(ctx.formParam("idColumn"), ctx.queryParam("idColumn")),
          firstNonBlank(ctx.formParam("textColumn"), ctx.queryParam("textColumn")),
          firstNonBlank(ctx.formParam("labelColumn"), ctx.queryParam("labelColumn")),
          skip || "skip".equalsIgnoreCase(ctx.formParam("onError")),
          updateDuplicates(firstNonBlank(ctx.formParam("onDuplicate"), ctx.queryParam("onDuplicate"))),
          file.filename(), labelsFromFolders(firstNonBlank(ctx.formParam("labelsFromFolders"), ctx.queryParam("labelsFromFolders"))));
      try (InputStream in = file.content()) {
        report = app.assets().importFile(caller, projectId, in, options);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      // A JSON array (or JSON Lines with Content-Type application/x-ndjson, or a zip with application/zip; a format in
      // the query, e.g. coco, says otherwise) is streamed straight to the importer.
      String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
      String named = firstNonBlank(ctx.queryParam("format"), null);
      ImportFormat format = named != null ? Body.enumOf(ImportFormat.class, "format", named)
          : type.contains("zip") ? ImportFormat.ZIP
          : type.contains("ndjson") || type.contains("jsonl") ? ImportFormat.JSONL : ImportFormat.JSON;
      try (InputStream in = UploadInterrupted.guard(ctx.bodyInputStream())) {
        report = app.assets().importFile(caller, projectId, in, new ImportOptions(format,
            firstNonBlank(ctx.queryParam("idColumn"), null), firstNonBlank(ctx.queryParam("textColumn"), null),
            firstNonBlank(ctx.queryParam("labelColumn"), null), skip, updateDuplicates(ctx.queryParam("onDuplicate")), null,
            labelsFromFolders(ctx.queryParam("labelsFromFolders"))));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    ctx.status(report.imported() + report.updated() > 0 ? 201 : 200).json(Json.importReport(report));
  }

  /** {@code labelsFromFolders}: true or false (the default). */
  private static boolean labelsFromFolders(String value) {
    if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("false")) return false;
    if (value.strip().equalsIgnoreCase("true")) return true;
    throw LabelloopException.invalid("labelsFromFolders: '" + value.strip() + "' is not true or false");
  }

  /** {@code onDuplicate}: skip (the default) or update. */
  private static boolean updateDuplicates(String value) {
    if (value == null || value.isBlank() || value.equalsIgnoreCase("skip")) {
      return false;
    }
    if (value.equalsIgnoreCase("update")) {
      return true;
    }
    throw LabelloopException.invalid("onDuplicate: '" + value.strip() + "' is not one of skip, update");
  }

  /**
   * Streams an image or audio asset's stored file. The type is the one checked at import (extension and magic bytes
   * agreed); nosniff and a sandboxing CSP keep a browser from treating it as anything else.
   */
  private void file(Context ctx) throws IOException {
    AssetService.StoredFile f = app.assets().openFile(Auth.caller(ctx), ctx.pathParam("id"), ctx.pathParam("assetId"));
    ctx.contentType(f.mediaType().contentType());
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
    ctx.header("Content-Disposition", "inline; filename=\"" + f.fileName() + "\"");
    // a player seeks in a clip only where the server answers a Range request with that part (206)
    ctx.header("Accept-Ranges", "bytes");
    ByteRange range = ByteRange.of(ctx.header("Range"), f.size());
    if (range == null) {
      ctx.header("Content-Length", Long.toString(f.size()));
      ctx.result(f.content()); // Javalin streams and closes it
      return;
    }
    try (InputStream in = f.content()) {
      if (range.unsatisfiable()) {
        ctx.status(416).header("Content-Range", "bytes */" + f.size());
        return;
      }
      ctx.status(206).header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + f.size())
          .header("Content-Length", Long.toString(range.length()));
      in.skipNBytes(range.first());
      OutputStream out = ctx.outputStream();
      byte[] buffer = new byte[64 * 1024];
      for (long left = range.length(); left > 0; ) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          throw new EOFException("the stored file ended before byte " + range.last());
        }
        out.write(buffer, 0, n);
        left -= n;
      }
    }
  }

  static AssetQuery query(Context ctx, int dfltLimit) {
    return new AssetQuery(ctx.pathParam("id"),
        Body.enumOf(AssetStatus.class, "status", ctx.queryParam("status")),
        Body.enumOf(LabelType.class, "labelType", ctx.queryParam("labelType")),
        ctx.queryParam("externalId"),
        AssetQuery.Match.of(ctx.queryParam("search"), ctx.queryParam("category"), ctx.queryParam("labeledBy")),
        ctx.queryParam("cursor"),
        Body.limit(ctx, dfltLimit));
  }

  private void list(Context ctx) {
    ctx.json(Json.page(app.assets().list(Auth.caller(ctx), query(ctx, 100)), Json::asset));
  }

  /** The assets most like one ({@code assetId}) or, in a TEXT project, closest in meaning to words ({@code text}). */
  private void similar(Context ctx) {
    String assetId = firstNonBlank(ctx.queryParam("assetId"), null);
    String text = ctx.queryParam("text");
    if ((assetId == null) == (text == null)) throw LabelloopException.invalid("assetId or text: give one of them");
    AssetStatus status = Body.enumOf(AssetStatus.class, "status", ctx.queryParam("status"));
    int limit = Body.limit(ctx, 20);
    SimilarAssets.Neighbours n = assetId != null
        ? app.similar().of(Auth.caller(ctx), ctx.pathParam("id"), assetId, status, limit)
        : app.similar().ofText(Auth.caller(ctx), ctx.pathParam("id"), text, status, limit);
    ObjectNode out = Json.object().put("comparedBy", n.comparedBy());
    ArrayNode items = out.putArray("items");
    n.items().forEach(s -> items.add(Json.asset(s.asset()).put("similarity", Math.round(s.similarity() * 1e4) / 1e4)));
    ctx.json(out);
  }

  private void update(Context ctx) {
    JsonNode body = Body.object(ctx);
    JsonNode ids = body.get("externalIds");
    if (ids == null || !ids.isArray()) {
      throw LabelloopException.invalid("externalIds: required, an array of strings");
    }
    List<String> externalIds = new ArrayList<>(ids.size());
    ids.forEach(i -> externalIds.add(i.asText()));
    AssetStatus status = Body.enumOf(AssetStatus.class, "status", Body.text(body, "status"));
    Integer priority = Body.integer(body, "priority");
    if (status == null && priority == null) {
      throw LabelloopException.invalid("status or priority: give at least one");
    }
    int updated = app.assets().update(Auth.caller(ctx), ctx.pathParam("id"), externalIds, status, priority);
    ctx.json(Json.object().put("updated", updated).put("notFound", externalIds.size() - updated));
  }

  /**
   * 200 with the asset, its current prediction and why it is next ({@code queue}: strategy and score), or 204 No
   * Content when nothing is left to label. The honeypot flag is left out so that honeypots look like any asset.
   */
  private void next(Context ctx) {
    Caller caller = Auth.caller(ctx);
    String projectId = ctx.pathParam("id");
    var next = app.queue().next(caller, projectId);
    if (next.isEmpty()) {
      ctx.status(204);
      return;
    }
    ctx.json(queued(caller, projectId, next.get()));
  }

  /** A label of the served asset and the next asset, in one request: {@code {"label": ..., "next": asset or null}}. */
  private void answer(Context ctx) {
    Caller caller = Auth.caller(ctx);
    String projectId = ctx.pathParam("id");
    var answered = app.queue().answer(caller, projectId, LabelRoutes.draft(Body.json(ctx), ""));
    var out = Json.object();
    out.set("label", Json.label(answered.label()));
    out.set("next", answered.next().map(n -> queued(caller, projectId, n)).orElse(null));
    ctx.status(201).json(out);
  }

  /** A served asset as the label page shows it: why it came now, and the model's suggestion. */
  private ObjectNode queued(Caller caller, String projectId, QueuedAsset next) {
    var o = Json.asset(next.asset());
    o.remove("isHoneypot");
    var learning = app.learning().settings(caller, projectId);
    var learner = app.learning().learner(caller, projectId);
    var queue = o.putObject("queue")
        .put("strategy", learning.enabled() && learner.learns() ? learning.strategy().name() : "import order")
        .put("score", next.asset().queueScore());
    if (!learner.learns()) queue.put("reason", learner.reason());
    if (next.prediction() != null) {
      o.set("prediction", Json.label(next.prediction()));
    } else {
      o.putNull("prediction");
    }
    return o;
  }

  private void skip(Context ctx) {
    app.queue().skip(Auth.caller(ctx), ctx.pathParam("id"), ctx.pathParam("assetId"));
    ctx.status(204);
  }

  private void export(Context ctx) {
    Caller caller = Auth.caller(ctx);
    String projectId = ctx.pathParam("id");
    String f = ctx.queryParam("format");
    ExportFormat format = f == null ? ExportFormat.JSONL : Body.enumOf(ExportFormat.class, "format", f);
    AssetQuery filter = query(ctx, AssetQuery.MAX_LIMIT);
    // Checks access before the status line is committed, so a denial is still a clean 403/404.
    app.exports().authorize(caller, filter);
    String ext = format.fileExtension();
    ctx.contentType(format.contentType());
    ctx.header("Content-Disposition", "attachment; filename=\"project-" + projectId.replaceAll("[^A-Za-z0-9_-]", "") + "." + ext + "\"");
    try {
      // One socket write per 64 KiB rather than per 8 KB chunk of the JSON generator.
      OutputStream out = new BufferedOutputStream(ctx.res().getOutputStream(), 1 << 16);
      app.exports().export(caller, projectId, format, filter, out);
      out.flush();
    } catch (IOException e) {
      LOG.info("export of project {} aborted: {}", projectId, e.getMessage());
    }
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
  }
}
