package org.labelloop.learn.ner.format;

import com.fasterxml.jackson.core.JsonProcessingException;
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

  static String readAll(java.io.Reader in) throws java.io.IOException {
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[8192];
    int n;
    while ((n = in.read(buf)) >= 0) sb.append(buf, 0, n);
    return sb.toString();
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
