package org.labelloop.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import org.labelloop.core.error.LabelloopException;

/** Reads request bodies and parameters, turning every malformed value into a 400 that names the field. */
final class Body {
  private Body() {}

  static JsonNode json(Context ctx) {
    try (InputStream in = ctx.bodyInputStream()) {
      JsonNode node = Json.MAPPER.readTree(in);
      if (node == null || node.isMissingNode()) {
        throw LabelloopException.invalid("request body: expected JSON, got nothing");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw LabelloopException.invalid("request body: malformed JSON at line " + e.getLocation().getLineNr()
          + ", column " + e.getLocation().getColumnNr());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static JsonNode object(Context ctx) {
    JsonNode node = json(ctx);
    if (!node.isObject()) {
      throw LabelloopException.invalid("request body: expected a JSON object");
    }
    return node;
  }

  static JsonNode parseObject(String raw) {
    try {
      JsonNode node = Json.MAPPER.readTree(raw);
      if (node == null || !node.isObject()) {
        throw LabelloopException.invalid("request body: expected a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw LabelloopException.invalid("request body: malformed JSON");
    }
  }

  /** A text field, or null when absent or null. */
  static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      throw LabelloopException.invalid(field + ": expected a string");
    }
    return v.asText();
  }

  static String requiredText(JsonNode node, String field) {
    String v = text(node, field);
    if (v == null || v.isBlank()) {
      throw LabelloopException.invalid(field + ": required");
    }
    return v;
  }

  static Integer integer(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw LabelloopException.invalid(field + ": expected an integer");
    }
    return v.intValue();
  }

  static Double number(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber()) {
      throw LabelloopException.invalid(field + ": expected a number");
    }
    return v.doubleValue();
  }

  static boolean bool(JsonNode node, String field, boolean dflt) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return dflt;
    }
    if (!v.isBoolean()) {
      throw LabelloopException.invalid(field + ": expected true or false");
    }
    return v.booleanValue();
  }

  /** Parses an enum value case-insensitively; null stays null. */
  static <E extends Enum<E>> E enumOf(Class<E> type, String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw LabelloopException.invalid(field + ": '" + value + "' is not one of " + Arrays.toString(type.getEnumConstants()));
    }
  }

  /** The {@code limit} query parameter: a page size of at least 1 (pages are capped where they are read), else dflt. */
  static int limit(Context ctx, int dflt) {
    String v = ctx.queryParam("limit");
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      int limit = Integer.parseInt(v.trim());
      if (limit >= 1) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // the same answer as for a number below 1
    }
    throw LabelloopException.invalid("limit: '" + v + "' is not a page size (a whole number of at least 1)");
  }
}
