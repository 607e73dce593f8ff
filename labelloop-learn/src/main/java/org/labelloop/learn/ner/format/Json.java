package org.labelloop.learn.ner.format;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.Span;
import org.labelloop.learn.ner.Tokenizer;

/** Plain Map/List JSON trees and the typed accessors the JSON formats share. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Tokenizer TOKENIZER = new Tokenizer(Tokenizer.Mode.AUTO);

  private Json() {}

  /** An element of a top-level JSON array and the line it starts on. */
  record Item(Object value, int line) {}

  /** The elements of the JSON array {@code in} holds, read as a stream (no second copy of the file as one string). */
  static List<Item> items(java.io.Reader in, String source) throws java.io.IOException {
    List<Item> out = new java.util.ArrayList<>();
    try (JsonParser p = MAPPER.createParser(in)) {
      if (p.nextToken() != JsonToken.START_ARRAY) throw new NerFormatException(source + ":1: expected a JSON array");
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == null) throw new NerFormatException(source + ":" + p.currentLocation().getLineNr() + ": the JSON array is not closed");
        int line = p.currentTokenLocation().getLineNr();
        out.add(new Item(MAPPER.readValue(p, Object.class), line));
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      throw new NerFormatException(source + ":" + line + ": invalid JSON: " + e.getOriginalMessage());
    }
    return out;
  }

  static Object parse(String json, String where) {
    try {
      return MAPPER.readValue(json, Object.class);
    } catch (JsonProcessingException e) {
      throw new NerFormatException(where + ": invalid JSON: " + e.getOriginalMessage());
    }
  }

  static String write(Object tree) {
    try {
      return MAPPER.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(Object o, String where) {
    if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw new NerFormatException(where + ": expected a JSON object");
  }

  @SuppressWarnings("unchecked")
  static List<Object> array(Object o, String where) {
    if (o == null) return List.of();
    if (o instanceof List<?> l) return (List<Object>) l;
    throw new NerFormatException(where + ": expected a JSON array");
  }

  static String string(Map<String, Object> m, String key, String where) {
    Object v = m.get(key);
    if (v instanceof String s) return s;
    throw new NerFormatException(where + ": missing string field '" + key + "'");
  }

  static int integer(Map<String, Object> m, String key, String where) {
    Object v = m.get(key);
    if (v instanceof Number n) return n.intValue();
    throw new NerFormatException(where + ": missing integer field '" + key + "'");
  }

  /** A span checked against its text. */
  static Span span(String text, int start, int end, String label, String where) {
    if (start < 0 || end <= start || end > text.length()) {
      throw new NerFormatException(where + ": span [" + start + ", " + end + ") " + label + " outside text of length " + text.length());
    }
    return new Span(start, end, label);
  }

  static NerSentence sentence(String id, String text, List<Span> spans) {
    return TOKENIZER.sentence(id, text, spans);
  }
}
