package org.labelloop.app.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Labeled texts read from CSV (RFC 4180: quoted fields may hold separators, quotes and newlines), TSV (no quoting, as
 * in the SMS spam collection) or JSON Lines. Columns by header name / JSON field or by 1-based number.
 */
record LabeledTable(List<String> texts, List<String> labels) {
  private static final ObjectMapper JSON = new ObjectMapper();

  static LabeledTable read(Path file, String format, String textCol, String labelCol, boolean noHeader) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (content.startsWith("\uFEFF")) content = content.substring(1);
    List<String> texts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    String f = format.toLowerCase(Locale.ROOT);
    if (f.equals("jsonl")) {
      for (String line : content.split("\r?\n")) {
        if (line.isBlank()) continue;
        try {
          JsonNode o = JSON.readTree(line);
          add(texts, labels, o.path(textCol).asText(null), o.path(labelCol).asText(null));
        } catch (IOException e) {
          throw new IllegalArgumentException("bad JSON line in " + file + ": " + e.getMessage(), e);
        }
      }
      return new LabeledTable(texts, labels);
    }
    List<String[]> rows = switch (f) {
      case "csv" -> csv(content);
      case "tsv" -> content.lines().filter(l -> !l.isBlank()).map(l -> l.split("\t", -1)).toList();
      default -> throw new IllegalArgumentException("unknown format '" + format + "' (use csv, tsv or jsonl)");
    };
    boolean numbered = textCol.matches("\\d+") && labelCol.matches("\\d+");
    boolean header = !(noHeader || (numbered && f.equals("tsv")));
    String[] head = header && !rows.isEmpty() ? rows.getFirst() : new String[0];
    int t = column(head, textCol);
    int y = column(head, labelCol);
    for (int i = header ? 1 : 0; i < rows.size(); i++) {
      String[] r = rows.get(i);
      if (r.length > Math.max(t, y)) add(texts, labels, r[t], r[y]);
    }
    return new LabeledTable(texts, labels);
  }

  private static void add(List<String> texts, List<String> labels, String text, String label) {
    if (text != null && label != null && !label.isBlank()) {
      texts.add(text);
      labels.add(label.strip());
    }
  }

  private static int column(String[] header, String col) {
    for (int i = 0; i < header.length; i++) {
      if (header[i].strip().equals(col)) return i;
    }
    if (col.matches("\\d+")) return Integer.parseInt(col) - 1;
    throw new IllegalArgumentException("no column '" + col + "' in the header");
  }

  /** RFC 4180 rows. */
  static List<String[]> csv(String s) {
    List<String[]> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
        row.add(field.toString());
        field.setLength(0);
        if (!(row.size() == 1 && row.getFirst().isEmpty())) rows.add(row.toArray(String[]::new));
        row = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row.toArray(String[]::new));
    }
    return rows;
  }
}
