package org.labelloop.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * YOLO's text files: a label file has one {@code class cx cy w h} line per box (class index into the class names,
 * the rest normalized to 0..1); the class names come one a line from {@code classes.txt} or from the {@code names:}
 * key of a {@code data.yaml} (a flow list, a block list or a map from index to name, the forms Ultralytics writes).
 */
final class YoloLabels {
  private static final Pattern INDEXED = Pattern.compile("(\\d+)\\s*:\\s*(.*)");

  private YoloLabels() {}

  /** One parsed line: a box in YOLO form, or why the line is not one. */
  record Line(int classIndex, double cx, double cy, double w, double h, String problem) {
    static Line bad(String problem) {
      return new Line(-1, 0, 0, 0, 0, problem);
    }
  }

  static Line parse(String line) {
    String[] parts = line.trim().split("\\s+");
    if (parts.length != 5) {
      return Line.bad("expected 'class cx cy w h', got " + parts.length + " value(s): '" + abbreviate(line.trim()) + "'");
    }
    int classIndex;
    try {
      classIndex = Integer.parseInt(parts[0]);
    } catch (NumberFormatException e) {
      return Line.bad("the class '" + abbreviate(parts[0]) + "' is not a class index");
    }
    if (classIndex < 0) {
      return Line.bad("the class index " + classIndex + " is negative");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i + 1]);
      } catch (NumberFormatException e) {
        v[i] = Double.NaN;
      }
      if (!Double.isFinite(v[i])) {
        return Line.bad("'" + abbreviate(parts[i + 1]) + "' is not a number");
      }
    }
    return new Line(classIndex, v[0], v[1], v[2], v[3], null);
  }

  /** A label file's line for a box of this class. */
  static String format(int classIndex, double[] yolo) {
    return String.format(Locale.ROOT, "%d %.6f %.6f %.6f %.6f", classIndex, yolo[0], yolo[1], yolo[2], yolo[3]);
  }

  /** The names of classes.txt, one a line (blank lines at the end left out). */
  static List<String> classesTxt(String text) {
    List<String> names = new ArrayList<>(text.strip().lines().map(String::strip).toList());
    return names.size() == 1 && names.getFirst().isEmpty() ? List.of() : names;
  }

  /** The class names under the {@code names:} key of a data.yaml; empty when it has none. */
  static List<String> yamlNames(String yaml) {
    List<String> lines = yaml.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = stripComment(lines.get(i));
      if (!line.startsWith("names:")) {
        continue;
      }
      String inline = line.substring("names:".length()).strip();
      if (inline.startsWith("[")) {
        String items = inline.substring(1, inline.lastIndexOf(']') > 0 ? inline.lastIndexOf(']') : inline.length());
        return items.isBlank() ? List.of() : List.of(items.split(",")).stream().map(YoloLabels::unquote).toList();
      }
      List<String> names = new ArrayList<>();
      for (int j = i + 1; j < lines.size(); j++) {
        String item = stripComment(lines.get(j));
        if (item.isEmpty()) {
          continue;
        }
        if (!Character.isWhitespace(lines.get(j).charAt(0)) && !item.startsWith("-")) {
          break; // the next top-level key
        }
        Matcher indexed = INDEXED.matcher(item);
        if (item.startsWith("-")) {
          names.add(unquote(item.substring(1)));
        } else if (indexed.matches()) {
          int index = Integer.parseInt(indexed.group(1));
          while (names.size() <= index) {
            names.add("");
          }
          names.set(index, unquote(indexed.group(2)));
        } else {
          break;
        }
      }
      return names;
    }
    return List.of();
  }

  private static String stripComment(String line) {
    int hash = line.indexOf(" #");
    return (line.startsWith("#") ? "" : hash >= 0 ? line.substring(0, hash) : line).strip();
  }

  private static String unquote(String s) {
    String t = s.strip();
    if (t.length() >= 2 && (t.startsWith("'") && t.endsWith("'") || t.startsWith("\"") && t.endsWith("\""))) {
      return t.substring(1, t.length() - 1);
    }
    return t;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
