package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns one record of a file into a row: a JSON object of a JSON array or JSON Lines file, or a CSV row given as an
 * object of its header's names to its cells. The readers ({@link JsonRowSource}, {@link CsvRowSource}) keep the limits
 * and line numbers; a mapper knows one format's fields.
 */
@FunctionalInterface
interface RecordMapper {
  ParsedRow row(long line, JsonNode record);
}
