package org.labelloop.app.learn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;

/**
 * Reads labeled texts from CSV (RFC 4180: quoted fields may hold commas, quotes and newlines), TSV or JSON Lines.
 * Columns are named by header, or by 1-based number (then a header row is assumed only without {@code noHeader}).
 */
final class TableReader {
  private TableReader() {}

  static TextDataset read(Path file, String format, String textCol, String labelCol, boolean noHeader) {
    String content = decode(file);
    if (content.isBlank()) throw new UserError("empty file: " + file);
    List<String[]> rows = switch (format.toLowerCase(Locale.ROOT)) {
      case "csv" -> parseDelimited(content, ',');
      case "tsv" -> parseTsv(content);
      case "jsonl" -> null;
      default -> throw new UserError("unknown format '" + format + "' (use csv, tsv or jsonl)");
    };
    List<LabeledText> items = new ArrayList<>();
    if (rows == null) {
      int line = 0;
      for (String l : content.split("\r?\n")) {
        line++;
        if (l.isBlank()) continue;
        var obj = Jsonl.parseObject(l, line);
        String t = obj.get(textCol), y = obj.get(labelCol);
        if (t == null) throw new UserError("line " + line + ": missing field '" + textCol + "'");
        if (y == null || y.isBlank()) throw new UserError("line " + line + ": missing field '" + labelCol + "'");
        items.add(LabeledText.of(Integer.toString(line), t, y.strip()));
      }
    } else {
      if (rows.isEmpty()) throw new UserError("empty file: " + file);
      String[] header = noHeader ? null : rows.get(0);
      int ti = column(header, textCol), li = column(header, labelCol);
      int first = noHeader ? 0 : 1;
      for (int r = first; r < rows.size(); r++) {
        String[] row = rows.get(r);
        if (row.length == 1 && row[0].isEmpty()) continue;
        if (ti >= row.length || li >= row.length) {
          throw new UserError("record " + (r + 1) + " has " + row.length + " fields, need column " + (Math.max(ti, li) + 1));
        }
        if (row[li].isBlank()) throw new UserError("record " + (r + 1) + " has an empty label");
        items.add(LabeledText.of(Integer.toString(r + 1), row[ti], row[li].strip()));
      }
    }
    if (items.isEmpty()) throw new UserError("no records in " + file);
    TextDataset d = new TextDataset(items);
    if (d.classes().size() < 2) throw new UserError("only one class ('" + d.classes().get(0) + "') in " + file + "; need at least two");
    return d;
  }

  private static int column(String[] header, String col) {
    if (col.matches("\\d+")) {
      int i = Integer.parseInt(col) - 1;
      if (i < 0) throw new UserError("column numbers start at 1");
      return i;
    }
    if (header == null) throw new UserError("column '" + col + "' named but --no-header given; use a column number");
    for (int i = 0; i < header.length; i++) if (header[i].strip().replace("\uFEFF", "").equals(col)) return i;
    throw new UserError("no column '" + col + "' (columns: " + String.join(", ", header) + ")");
  }

  static String decode(Path file) {
    try {
      byte[] bytes = Files.readAllBytes(file);
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      throw new UserError("no such file: " + file);
    } catch (CharacterCodingException e) {
      throw new UserError("not valid UTF-8: " + file);
    } catch (IOException e) {
      throw new UserError("cannot read " + file + ": " + e.getMessage());
    }
  }

  /** TSV as in the SMS spam collection: one record per line, tab-separated, no quoting. */
  static List<String[]> parseTsv(String s) {
    List<String[]> rows = new ArrayList<>();
    for (String line : s.split("\r?\n")) if (!line.isEmpty()) rows.add(line.split("\t", -1));
    return rows;
  }

  /** RFC 4180 parser. */
  static List<String[]> parseDelimited(String s, char sep) {
    List<String[]> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false, any = false;
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '"') { field.append('"'); i += 2; continue; }
          quoted = false;
        } else field.append(c);
        i++;
        continue;
      }
      if (c == '"' && field.isEmpty()) { quoted = true; any = true; }
      else if (c == sep) { row.add(field.toString()); field.setLength(0); any = true; }
      else if (c == '\n' || c == '\r') {
        row.add(field.toString());
        field.setLength(0);
        rows.add(row.toArray(String[]::new));
        row.clear();
        any = false;
        if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
      } else { field.append(c); any = true; }
      i++;
    }
    if (quoted) throw new UserError("unterminated quoted field at end of file");
    if (any || !field.isEmpty()) {
      row.add(field.toString());
      rows.add(row.toArray(String[]::new));
    }
    return rows;
  }
}
