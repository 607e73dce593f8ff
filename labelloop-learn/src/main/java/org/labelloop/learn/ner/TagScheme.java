package org.labelloop.learn.ner;

import java.util.ArrayList;
import java.util.List;

/**
 * Token tag encodings of entity spans. IOB1 (CoNLL-2003's original files) writes {@code I-} for every entity token
 * and {@code B-} only on the first token of an entity that directly follows another entity of the same type; IOB2
 * (also called BIO) starts every entity with {@code B-}; BILOU marks Begin, Inside, Last and Unit-length entities.
 *
 * <p>Decoding is lenient and shared by all schemes, as the conlleval script reads chunks: an {@code I-} tag after
 * {@code O} or after another type starts an entity; {@code L-}/{@code U-} (and IOBES {@code E-}/{@code S-}) end one.
 */
public enum TagScheme {
  IOB1, IOB2, BILOU;

  public static final String OUTSIDE = "O";

  /** Tags for {@code tokens}; spans not on token boundaries or overlapping an earlier span are reported, not tagged. */
  public Encoding encode(NerSentence s) {
    List<Token> tokens = s.tokens();
    String[] tags = new String[tokens.size()];
    java.util.Arrays.fill(tags, OUTSIDE);
    List<SpanIssue> issues = new ArrayList<>();
    int[] entityEndByToken = new int[tokens.size()];
    java.util.Arrays.fill(entityEndByToken, -1);
    String[] typeEndingAt = new String[tokens.size()];
    for (Span span : s.spans()) {
      int first = -1;
      int last = -1;
      for (int i = 0; i < tokens.size(); i++) {
        if (tokens.get(i).begin() == span.begin()) first = i;
        if (tokens.get(i).end() == span.end()) { last = i; break; }
      }
      if (first < 0 || last < first) {
        issues.add(new SpanIssue(s.id(), span, "is not aligned with token boundaries ('" + span.content(s.text()) + "')"));
        continue;
      }
      boolean free = true;
      for (int i = first; i <= last; i++) free &= OUTSIDE.equals(tags[i]);
      if (!free) {
        issues.add(new SpanIssue(s.id(), span, "overlaps another span"));
        continue;
      }
      String type = span.label();
      for (int i = first; i <= last; i++) tags[i] = tagFor(i - first, last - first + 1, type);
      typeEndingAt[last] = type;
      entityEndByToken[first] = last;
    }
    if (this == IOB1) {
      // B- only where the previous token ends an entity of the same type; fixed up after all spans are placed.
      for (int i = 0; i < tags.length; i++) {
        if (entityEndByToken[i] >= 0) {
          String type = tags[i].substring(2);
          tags[i] = (i > 0 && type.equals(typeEndingAt[i - 1]) ? "B-" : "I-") + type;
        }
      }
    }
    return new Encoding(List.of(tags), List.copyOf(issues));
  }

  private String tagFor(int position, int length, String type) {
    return switch (this) {
      case IOB1 -> "I-" + type;
      case IOB2 -> (position == 0 ? "B-" : "I-") + type;
      case BILOU -> (length == 1 ? "U-" : position == 0 ? "B-" : position == length - 1 ? "L-" : "I-") + type;
    };
  }

  /** Entity spans (character offsets) from tags, read leniently as conlleval does. */
  public static List<Span> decode(List<Token> tokens, List<String> tags) {
    if (tokens.size() != tags.size()) throw new IllegalArgumentException(tokens.size() + " tokens but " + tags.size() + " tags");
    List<Span> out = new ArrayList<>();
    for (int[] c : chunks(tags)) {
      out.add(new Span(tokens.get(c[0]).begin(), tokens.get(c[1] - 1).end(), typeOf(tags.get(c[0]))));
    }
    return out;
  }

  /** Token chunks {@code [start, endExclusive)} of {@code tags}; the type is that of the start tag. */
  public static List<int[]> chunks(List<String> tags) {
    List<int[]> out = new ArrayList<>();
    int start = -1;
    String openType = null;
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i);
      char p = prefix(tag);
      if (p == 'O') {
        if (start >= 0) out.add(new int[] {start, i});
        start = -1;
        openType = null;
        continue;
      }
      String type = typeOf(tag);
      boolean begins = p == 'B' || p == 'U' || p == 'S' || start < 0 || !type.equals(openType);
      if (begins) {
        if (start >= 0) out.add(new int[] {start, i});
        start = i;
        openType = type;
      }
      if (p == 'L' || p == 'U' || p == 'E' || p == 'S') {
        out.add(new int[] {start, i + 1});
        start = -1;
        openType = null;
      }
    }
    if (start >= 0) out.add(new int[] {start, tags.size()});
    return out;
  }

  static char prefix(String tag) {
    if (tag.equals(OUTSIDE) || tag.isEmpty()) return 'O';
    if (tag.length() > 2 && tag.charAt(1) == '-') return tag.charAt(0);
    return 'I'; // a bare type is read as inside
  }

  static String typeOf(String tag) {
    return tag.length() > 2 && tag.charAt(1) == '-' ? tag.substring(2) : tag;
  }

  /** Tags of one sentence plus the spans that could not be tagged. */
  public record Encoding(List<String> tags, List<SpanIssue> issues) {
    public Encoding {
      tags = List.copyOf(tags);
      issues = List.copyOf(issues);
    }
  }
}
