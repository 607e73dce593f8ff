package org.labelloop.learn.ner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Token sequences already labeled as entities, with how often each was labeled with each type. Used for gazetteer
 * features ("this token starts a string labeled PER elsewhere"). When featurizing a training sentence its own spans
 * are left out, so the tagger cannot learn that a gazetteer hit is always right (it only is on training data).
 */
final class Gazetteer implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  static final int MAX_TOKENS = 6;
  private final Map<String, Map<String, Integer>> counts = new HashMap<>();

  static Gazetteer of(List<NerSentence> labeled) {
    Gazetteer g = new Gazetteer();
    for (NerSentence s : labeled) g.add(s);
    return g;
  }

  void add(NerSentence s) {
    for (Span span : s.spans()) {
      String key = key(s, span);
      if (key != null) counts.computeIfAbsent(key, k -> new HashMap<>()).merge(span.label(), 1, Integer::sum);
    }
  }

  boolean isEmpty() { return counts.isEmpty(); }

  /** Token-range key of a span, or null if the span is not on token boundaries or too long. */
  static String key(NerSentence s, Span span) {
    int[] r = Alignment.tokenRange(s.tokens(), span);
    if (r == null || r[1] - r[0] > MAX_TOKENS) return null;
    return join(s.tokens(), r[0], r[1]);
  }

  static String join(List<Token> tokens, int from, int to) {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      if (i > from) sb.append(' ');
      sb.append(tokens.get(i).text());
    }
    return sb.toString();
  }

  /**
   * Calls {@code sink.hit(tokenIndex, feature)} for every token covered by a known string; with {@code leaveOut}
   * the sentence's own labeled spans do not count.
   */
  void features(NerSentence s, boolean leaveOut, HitSink sink) {
    if (counts.isEmpty()) return;
    Map<String, Integer> own = new HashMap<>();
    if (leaveOut) {
      for (Span span : s.spans()) {
        String key = key(s, span);
        if (key != null) own.merge(key + '\u0000' + span.label(), 1, Integer::sum);
      }
    }
    List<Token> tokens = s.tokens();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < tokens.size(); i++) {
      sb.setLength(0);
      for (int len = 1; len <= MAX_TOKENS && i + len <= tokens.size(); len++) {
        if (len > 1) sb.append(' ');
        sb.append(tokens.get(i + len - 1).text());
        Map<String, Integer> labels = counts.get(sb.toString());
        if (labels == null) continue;
        for (Map.Entry<String, Integer> e : labels.entrySet()) {
          int c = e.getValue() - own.getOrDefault(sb + "\u0000" + e.getKey(), 0);
          if (c <= 0) continue;
          for (int k = i; k < i + len; k++) sink.hit(k, (k == i ? "gB=" : "gI=") + e.getKey());
          if (len > 1) sink.hit(i, "gL=" + Math.min(len, 3) + e.getKey());
        }
      }
    }
  }

  interface HitSink {
    void hit(int token, String feature);
  }
}
