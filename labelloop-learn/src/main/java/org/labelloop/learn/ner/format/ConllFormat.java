package org.labelloop.learn.ner.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.SpanIssue;
import org.labelloop.learn.ner.TagScheme;

/**
 * Column files, one token per line, blank lines between sentences: CoNLL-2003 ({@code word POS chunk tag}, IOB1 in
 * the original {@code eng.train}, or IOB2) and generic {@code token<TAB>tag} BIO files. The tag is the last column;
 * other columns are dropped on read and written as {@code -} placeholders (or omitted) on write. {@code -DOCSTART-}
 * lines are skipped. Tags are decoded leniently, so IOB1 and IOB2 input both read correctly whatever the scheme.
 */
public final class ConllFormat {
  private final TagScheme writeScheme;
  private final int columns;

  /**
   * @param writeScheme the tag scheme used when writing
   * @param columns columns per written line including token and tag: 2 (generic BIO) or 4 (CoNLL-2003)
   */
  public ConllFormat(TagScheme writeScheme, int columns) {
    if (columns < 2) throw new IllegalArgumentException("at least token and tag columns");
    this.writeScheme = java.util.Objects.requireNonNull(writeScheme);
    this.columns = columns;
  }

  public static ConllFormat conll2003Iob1() { return new ConllFormat(TagScheme.IOB1, 4); }

  public static ConllFormat conll2003Iob2() { return new ConllFormat(TagScheme.IOB2, 4); }

  public static ConllFormat bio() { return new ConllFormat(TagScheme.IOB2, 2); }

  public List<NerSentence> read(Reader in, String source) throws IOException {
    return readLocated(in, source).stream().map(LocatedSentence::sentence).toList();
  }

  /** The sentences with the line of their first token. */
  public List<LocatedSentence> readLocated(Reader in, String source) throws IOException {
    List<LocatedSentence> out = new ArrayList<>();
    List<String> words = new ArrayList<>();
    List<String> tags = new ArrayList<>();
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in);
    String line;
    int lineNo = 0;
    int start = 0;
    while ((line = r.readLine()) != null) {
      lineNo++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("-DOCSTART-")) {
        flush(out, words, tags, source, start);
        continue;
      }
      String[] cols = trimmed.split("\\s+");
      if (cols.length < 2) {
        String shown = line.length() > 80 ? line.substring(0, 80) + "…" : line;
        throw new NerFormatException(source + ":" + lineNo + ": expected token and tag columns, got '" + shown + "'");
      }
      if (words.isEmpty()) start = lineNo;
      words.add(cols[0]);
      tags.add(cols[cols.length - 1]);
    }
    flush(out, words, tags, source, start);
    return out;
  }

  private static void flush(List<LocatedSentence> out, List<String> words, List<String> tags, String source, int line) {
    if (words.isEmpty()) return;
    NerSentence s = NerSentence.ofTokens(source + "#" + out.size(), words, List.of());
    out.add(new LocatedSentence(s.withSpans(TagScheme.decode(s.tokens(), tags)), line));
    words.clear();
    tags.clear();
  }

  /** Writes sentences; returns spans that could not be tagged (off token boundaries or overlapping). */
  public List<SpanIssue> write(List<NerSentence> sentences, Writer out) throws IOException {
    List<SpanIssue> issues = new ArrayList<>();
    for (NerSentence s : sentences) {
      TagScheme.Encoding enc = writeScheme.encode(s);
      issues.addAll(enc.issues());
      for (int i = 0; i < s.size(); i++) {
        out.write(s.tokens().get(i).text());
        for (int c = 2; c < columns; c++) out.write(" -");
        out.write(columns == 2 ? "\t" : " ");
        out.write(enc.tags().get(i));
        out.write('\n');
      }
      out.write('\n');
    }
    return issues;
  }
}
