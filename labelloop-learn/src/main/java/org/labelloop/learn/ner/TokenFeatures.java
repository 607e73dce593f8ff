package org.labelloop.learn.ner;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Feature strings of each token (the classic feature-based NER set, as in Ratinov and Roth 2009 / CRFsuite's CoNLL
 * example): word, lowercase, word shape, prefixes and suffixes, capitalisation and sentence start, digits and
 * punctuation, neighbour words and shapes, word bigrams. Gazetteer features are added by {@link Gazetteer}.
 */
final class TokenFeatures {
  private TokenFeatures() {}

  static String[] lower(List<Token> tokens) {
    String[] out = new String[tokens.size()];
    for (int i = 0; i < out.length; i++) out[i] = tokens.get(i).text().toLowerCase(Locale.ROOT);
    return out;
  }

  /** Long shape: X for upper, x for lower, d for digit, other chars kept; truncated to 12 characters. */
  static String shape(String w) {
    StringBuilder sb = new StringBuilder(Math.min(w.length(), 12));
    for (int i = 0; i < w.length() && sb.length() < 12; i++) sb.append(shapeChar(w.charAt(i)));
    return sb.toString();
  }

  /** Short shape: the long shape with runs collapsed, e.g. {@code Xx}, {@code d-d}. */
  static String shortShape(String w) {
    StringBuilder sb = new StringBuilder(6);
    char last = 0;
    for (int i = 0; i < w.length(); i++) {
      char c = shapeChar(w.charAt(i));
      if (c != last) sb.append(c);
      last = c;
    }
    return sb.toString();
  }

  private static char shapeChar(char c) {
    if (Character.isUpperCase(c)) return 'X';
    if (Character.isLowerCase(c)) return 'x';
    if (Character.isDigit(c)) return 'd';
    if (Character.isLetter(c)) return 'a';
    return c;
  }

  /** Emits the feature strings of token {@code i}. */
  static void extract(List<Token> tokens, String[] lower, String[] shortShapes, int i, FeatureConfig cfg, Consumer<String> out) {
    String w = tokens.get(i).text();
    String lw = lower[i];
    out.accept("b");
    out.accept("w=" + w);
    out.accept("l=" + lw);
    out.accept("s=" + shape(w));
    out.accept("ss=" + shortShapes[i]);
    int n = w.length();
    for (int k = 1; k <= cfg.affixLength() && k <= n; k++) {
      out.accept("p" + k + "=" + w.substring(0, k));
      out.accept("x" + k + "=" + w.substring(n - k));
    }
    boolean cap = Character.isUpperCase(w.charAt(0));
    boolean allCaps = cap;
    boolean hasDigit = false;
    boolean allPunct = true;
    boolean hasHyphen = false;
    for (int k = 0; k < n; k++) {
      char c = w.charAt(k);
      if (Character.isLetter(c) && !Character.isUpperCase(c)) allCaps = false;
      if (Character.isDigit(c)) hasDigit = true;
      if (Character.isLetterOrDigit(c)) allPunct = false;
      if (c == '-') hasHyphen = true;
    }
    if (cap) out.accept(i == 0 ? "cap0" : "cap");
    if (allCaps && n > 1) out.accept("caps");
    if (hasDigit) out.accept("dig");
    if (allPunct) out.accept("punct");
    if (hasHyphen) out.accept("hyph");
    if (i == 0) out.accept("first");
    if (i == tokens.size() - 1) out.accept("last");
    for (int d = 1; d <= cfg.window(); d++) {
      int l = i - d;
      int r = i + d;
      out.accept("l-" + d + "=" + (l >= 0 ? lower[l] : "<s>"));
      out.accept("l+" + d + "=" + (r < lower.length ? lower[r] : "</s>"));
      out.accept("ss-" + d + "=" + (l >= 0 ? shortShapes[l] : "<s>"));
      out.accept("ss+" + d + "=" + (r < lower.length ? shortShapes[r] : "</s>"));
    }
    if (cfg.wordBigrams()) {
      out.accept("bl=" + (i > 0 ? lower[i - 1] : "<s>") + "|" + lw);
      out.accept("br=" + lw + "|" + (i + 1 < lower.length ? lower[i + 1] : "</s>"));
      out.accept("sc=" + (i > 0 ? shortShapes[i - 1] : "<s>") + "|" + shortShapes[i] + "|" + (i + 1 < lower.length ? shortShapes[i + 1] : "</s>"));
    }
  }
}
