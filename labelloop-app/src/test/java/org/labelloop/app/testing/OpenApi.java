package org.labelloop.app.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The OpenAPI document the server publishes ({@code /api/openapi.json}), read from the classpath, as a contract:
 * which routes it documents, and whether a response matches the schema documented for its method, path and status
 * (networknt's OpenAPI 3.0 dialect, so {@code nullable} and {@code #/components/schemas} refs work).
 */
public final class OpenApi {
  private static final OpenApi INSTANCE = new OpenApi();

  private final JsonNode document;
  private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30());
  private final List<Operation> operations = new ArrayList<>();
  private final Map<String, Schema> compiled = new ConcurrentHashMap<>();

  private record Operation(String method, String template, Pattern pattern, JsonNode node) {}

  private OpenApi() {
    try (InputStream in = OpenApi.class.getResourceAsStream("/api/openapi.json")) {
      document = Api.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      String regex = Pattern.quote(path.getKey()).replaceAll("\\{[^}/]+}", "\\\\E[^/]+\\\\Q");
      operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), Pattern.compile(regex), op.getValue()));
    }));
    // a literal segment wins over a parameter: the template with fewer parameters is tried first
    operations.sort(Comparator.comparingLong(o -> o.template().chars().filter(c -> c == '{').count()));
  }

  public static OpenApi get() {
    return INSTANCE;
  }

  /** "METHOD /path" of every documented operation. */
  /** The document itself, for tests of what it lists. */
  public JsonNode document() {
    return document;
  }

  public Set<String> routes() {
    Set<String> out = new TreeSet<>();
    operations.forEach(o -> out.add(o.method() + " " + o.template()));
    return out;
  }

  /** Why a response does not match the document; empty when it does (or when the route is not under /api/v1). */
  public List<String> violations(String method, String path, int status, String contentType, String body) {
    if (!path.startsWith("/api/v1/")) return List.of();
    Optional<Operation> op = operations.stream().filter(o -> o.method().equals(method) && o.pattern().matcher(path).matches()).findFirst();
    if (op.isEmpty()) return status == 404 || status == 405 ? List.of() : List.of(method + " " + path + " is not documented");
    JsonNode responses = op.get().node().path("responses");
    String key = responses.has(Integer.toString(status)) ? Integer.toString(status) : "default";
    JsonNode response = responses.path(key);
    String where = method + " " + op.get().template() + " " + status;
    if (response.isMissingNode()) return List.of(where + ": status not documented");
    JsonNode schema = response.path("content").path("application/json").path("schema");
    boolean json = contentType != null && contentType.startsWith("application/json");
    if (schema.isMissingNode() || !json || body == null || body.isBlank()) return List.of();
    String pointer = "/paths/" + escape(op.get().template()) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + key;
    try {
      List<Error> errors = compiled.computeIfAbsent(pointer, p -> compile(schema)).validate(Api.JSON.readTree(body));
      return errors.stream().map(e -> where + ": " + e.getInstanceLocation() + " " + e.getMessage()).toList();
    } catch (IOException e) {
      return List.of(where + ": body is not JSON: " + e.getMessage());
    }
  }

  /** The response schema with the document's components beside it, so that its local refs resolve. */
  private Schema compile(JsonNode schema) {
    ObjectNode root = Api.JSON.createObjectNode();
    root.putArray("allOf").add(schema);
    root.set("components", document.path("components"));
    return registry.getSchema(root);
  }

  private static String escape(String template) {
    return template.replace("~", "~0").replace("/", "~1");
  }
}
