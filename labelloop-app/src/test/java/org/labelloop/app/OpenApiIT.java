package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.OpenApi;

/**
 * The OpenAPI document is written by hand (its prose is the API's reference) and kept true by tests: here, the
 * routes the server registers and the documented operations are the same set; every contract test
 * ({@link ServerContract}) checks each response it gets against the documented schema.
 */
class OpenApiIT extends ServerContract {
  @Override
  String databaseUrl() {
    return null;
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
    Set<String> served = new TreeSet<>(app.routes().stream().filter(r -> r.path().startsWith("/api/v1/"))
        .map(r -> r.method() + " " + r.path()).toList());
    Set<String> documented = OpenApi.get().routes();
    Set<String> undocumented = new TreeSet<>(served);
    undocumented.removeAll(documented);
    Set<String> missing = new TreeSet<>(documented);
    missing.removeAll(served);
    assertEquals(Set.of(), undocumented, "routes the server has but /api/openapi.json does not document");
    assertEquals(Set.of(), missing, "operations /api/openapi.json documents but the server does not have");
    assertTrue(served.size() > 40, "routes found: " + served);
  }

  @Test
  void everyImportAndExportFormatIsListed() {
    var paths = OpenApi.get().document().path("paths");
    var importing = paths.path("/api/v1/projects/{id}/assets").path("post");
    var exporting = paths.path("/api/v1/projects/{id}/export").path("get");
    Set<String> imports = names(org.labelloop.core.io.ImportFormat.values());
    Set<String> exports = names(org.labelloop.core.io.ExportFormat.values());
    assertEquals(imports, listed(parameter(importing, "format").path("schema").path("enum")));
    assertEquals(imports, listed(importing.path("requestBody").path("content").path("multipart/form-data").path("schema")
        .path("properties").path("format").path("enum")));
    assertEquals(exports, listed(parameter(exporting, "format").path("schema").path("enum")));
  }

  private static Set<String> names(Enum<?>[] values) {
    return new TreeSet<>(java.util.Arrays.stream(values).map(v -> v.name().toLowerCase(java.util.Locale.ROOT)).toList());
  }

  private static Set<String> listed(com.fasterxml.jackson.databind.JsonNode array) {
    Set<String> out = new TreeSet<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static com.fasterxml.jackson.databind.JsonNode parameter(com.fasterxml.jackson.databind.JsonNode operation, String name) {
    for (var p : operation.path("parameters")) {
      if (p.path("name").asText().equals(name)) {
        return p;
      }
    }
    throw new AssertionError("no parameter " + name);
  }

  @Test
  void theDocumentIsServed() {
    assertEquals(200, admin.get("/api/openapi.json").status());
  }
}
