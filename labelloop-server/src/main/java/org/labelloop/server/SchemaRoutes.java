package org.labelloop.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.core.Labelloop;
import org.labelloop.core.asset.TableSchemaService.ColumnChange;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.ImportFormat;
import org.labelloop.core.io.ImportOptions;
import org.labelloop.core.io.TablePreview;
import org.labelloop.learn.tabular.Column;
import org.labelloop.learn.tabular.ColumnRole;
import org.labelloop.learn.tabular.ColumnType;
import org.labelloop.learn.tabular.TableSchema;

/** A TABULAR project's typed columns: read, changed column by column, and previewed from a file before an import. */
final class SchemaRoutes {
  private static final String BASE = "/api/v1/projects/{id}/schema";

  private final Labelloop app;

  SchemaRoutes(Labelloop app) {
    this.app = app;
  }

  void register(Javalin j) {
    j.get(BASE, ctx -> ctx.json(view(app.tableSchemas().get(Auth.caller(ctx), ctx.pathParam("id")))));
    j.patch(BASE, this::patch);
    j.post(BASE + "/preview", this::preview);
  }

  /** {@code {"columns": [{"name": "alcohol", "type": "CATEGORICAL", "role": "IGNORE"}]}}: type and role are optional. */
  private void patch(Context ctx) {
    JsonNode columns = Body.object(ctx).get("columns");
    if (columns == null || !columns.isArray()) {
      throw LabelloopException.invalid("columns: required, an array of {name, type, role}");
    }
    List<ColumnChange> changes = new ArrayList<>();
    for (JsonNode c : columns) {
      changes.add(new ColumnChange(Body.requiredText(c, "name"), Body.enumOf(ColumnType.class, "type", Body.text(c, "type")),
          Body.enumOf(ColumnRole.class, "role", Body.text(c, "role"))));
    }
    ctx.json(view(app.tableSchemas().patch(Auth.caller(ctx), ctx.pathParam("id"), changes)));
  }

  /** A multipart {@code file} (format from its name or {@code format}), or the file as the body with {@code ?format=}. */
  private void preview(Context ctx) {
    UploadedFile file = ctx.isMultipartFormData() ? ctx.uploadedFile("file") : null;
    if (ctx.isMultipartFormData() && file == null) {
      throw LabelloopException.invalid("file: a multipart part named 'file' is required");
    }
    String named = file != null && ctx.formParam("format") != null ? ctx.formParam("format") : ctx.queryParam("format");
    ImportFormat format = named != null && !named.isBlank() ? Body.enumOf(ImportFormat.class, "format", named)
        : file != null ? ImportFormat.fromFileName(file.filename()) : ImportFormat.CSV;
    String label = file != null && ctx.formParam("labelColumn") != null ? ctx.formParam("labelColumn") : ctx.queryParam("labelColumn");
    ImportOptions options = new ImportOptions(format, null, null, label == null || label.isBlank() ? null : label, false);
    try (InputStream in = file != null ? file.content() : ctx.bodyInputStream()) {
      TablePreview preview = app.tableSchemas().preview(Auth.caller(ctx), ctx.pathParam("id"), in, options);
      ObjectNode out = view(preview.schema());
      ArrayNode rows = out.putArray("rows");
      for (TablePreview.Row r : preview.rows()) {
        ObjectNode row = rows.addObject().put("line", r.line()).put("externalId", r.externalId()).put("error", r.error());
        row.set("content", r.content() == null ? null : Body.parseObject(r.content()));
      }
      ctx.json(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode view(TableSchema schema) {
    ObjectNode out = Json.object();
    ArrayNode columns = out.putArray("columns");
    for (Column c : schema.columns()) columns.addObject().put("name", c.name()).put("type", c.type().name()).put("role", c.role().name());
    return out;
  }
}
