package org.labelloop.learn.ner;

import java.util.List;
import java.util.Objects;

/**
 * A tokenized text with its entity spans (possibly none, for unlabeled text). Tokens are in logical order and do
 * not overlap; every token's text equals its substring; spans lie inside the text. {@code rightToLeft} only affects
 * display, never offsets.
 */
public record NerSentence(String id, String text, List<Token> tokens, List<Span> spans, boolean rightToLeft) {
  public NerSentence {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(text, "text");
    tokens = List.copyOf(tokens);
    spans = spans.stream().sorted().toList();
    int last = 0;
    for (Token t : tokens) {
      if (t.begin() < last || t.end() > text.length() || !text.startsWith(t.text(), t.begin())) {
        throw new IllegalArgumentException("token " + t + " does not match text of " + id);
      }
      last = t.end();
    }
    for (Span s : spans) {
      if (s.end() > text.length()) throw new IllegalArgumentException("span " + s + " outside text of " + id);
    }
  }

  public NerSentence(String id, String text, List<Token> tokens, List<Span> spans) {
    this(id, text, tokens, spans, TextDirection.isRightToLeft(text));
  }

  /** Builds a sentence from tokens joined by single spaces (CoNLL-style input). */
  public static NerSentence ofTokens(String id, List<String> words, List<Span> spans) {
    StringBuilder sb = new StringBuilder();
    List<Token> tokens = new java.util.ArrayList<>(words.size());
    for (String w : words) {
      if (!sb.isEmpty()) sb.append(' ');
      tokens.add(new Token(w, sb.length(), sb.length() + w.length()));
      sb.append(w);
    }
    return new NerSentence(id, sb.toString(), tokens, spans);
  }

  public NerSentence withSpans(List<Span> newSpans) {
    return new NerSentence(id, text, tokens, newSpans, rightToLeft);
  }

  public int size() { return tokens.size(); }
}
