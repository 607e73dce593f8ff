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
  void theDocumentIsServed() {
    assertEquals(200, admin.get("/api/openapi.json").status());
  }
}
