package org.labelloop.app.learn;

import java.util.LinkedHashMap;
import java.util.Map;

/** A minimal JSON-object reader for JSON Lines input: top-level string/number/boolean fields, nested values skipped. */
final class Jsonl {
  private final String s;
  private final int line;
  private int i;

  private Jsonl(String s, int line) { this.s = s; this.line = line; }

  static Map<String, String> parseObject(String s, int line) {
    Jsonl p = new Jsonl(s, line);
    Map<String, String> out = new LinkedHashMap<>(); // keeps the fields in order: they become table columns
    p.ws();
    p.expect('{');
    p.ws();
    if (p.peek() == '}') return out;
    while (true) {
      p.ws();
      String key = p.string();
      p.ws();
      p.expect(':');
      p.ws();
      String v = p.value();
      if (v != null) out.put(key, v);
      p.ws();
      char c = p.next();
      if (c == '}') return out;
      if (c != ',') throw p.error("expected , or }");
    }
  }

  private String value() {
    char c = peek();
    if (c == '"') return string();
    if (c == '{' || c == '[') { skipNested(); return null; }
    int st = i;
    while (i < s.length() && ",}] \t".indexOf(s.charAt(i)) < 0) i++;
    String lit = s.substring(st, i);
    return lit.equals("null") ? null : lit;
  }

  private void skipNested() {
    int depth = 0;
    do {
      char c = next();
      if (c == '"') { i--; string(); continue; }
      if (c == '{' || c == '[') depth++;
      if (c == '}' || c == ']') depth--;
    } while (depth > 0);
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') return b.toString();
      if (c != '\\') { b.append(c); continue; }
      char e = next();
      switch (e) {
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'u' -> {
          if (i + 4 > s.length()) throw error("bad \\u escape");
          b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
        }
        default -> b.append(e);
      }
    }
  }

  private void ws() { while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++; }

  private char peek() {
    if (i >= s.length()) throw error("unexpected end of line");
    return s.charAt(i);
  }

  private char next() {
    char c = peek();
    i++;
    return c;
  }

  private void expect(char c) { if (next() != c) throw error("expected '" + c + "'"); }

  private UserError error(String what) { return new UserError("line " + line + ": invalid JSON (" + what + ")"); }
}
