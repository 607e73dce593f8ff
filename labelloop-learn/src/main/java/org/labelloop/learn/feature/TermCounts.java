package org.labelloop.learn.feature;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Hashed n-gram counts of a list of texts: the expensive, label-independent part of TF-IDF, computed once and reused
 * across folds, configurations and retrains.
 *
 * <p>Feature hashing (Weinberger et al. 2009) replaces a string vocabulary: no n-gram strings are allocated, and with
 * 2^22 buckets collisions among the few hundred thousand n-grams of a corpus are rare. Word n-grams use tokens of
 * letters and digits; char n-grams run over the lower-cased text with whitespace collapsed.
 */
public final class TermCounts {
  static final int BITS = 22;
  static final int MASK = (1 << BITS) - 1;

  private final SparseMatrix counts;

  /**
   * Characters of a text that TF-IDF looks at: a text of a few megabytes (one huge CSV cell) would otherwise cost as
   * much as thousands of ordinary rows at every retraining and prediction (issue 15); its start says what it is about.
   */
  public static final int MAX_TEXT_CHARS = 20_000;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TermCounts.class);

  private TermCounts(SparseMatrix counts) { this.counts = counts; }

  /** Counts of word {@code 1..maxWord}-grams, or of char {@code minChar..maxChar}-grams when {@code chars}. */
  public static TermCounts of(List<String> texts, boolean chars, int minN, int maxN) {
    long cut = texts.stream().filter(t -> t.length() > MAX_TEXT_CHARS).count();
    if (cut > 0) {
      LOG.info("{} of {} texts are longer than {} characters: their TF-IDF features come from their first {}", cut, texts.size(),
          MAX_TEXT_CHARS, MAX_TEXT_CHARS);
    }
    int[][] cols = new int[texts.size()][];
    float[][] vals = new float[texts.size()][];
    IntStream.range(0, texts.size()).parallel().forEach(i -> {
      int[] h = chars ? charGrams(normalize(texts.get(i)), minN, maxN) : wordGrams(normalize(texts.get(i)), minN, maxN);
      Arrays.sort(h);
      int distinct = 0;
      for (int k = 0; k < h.length; k++) if (k == 0 || h[k] != h[k - 1]) distinct++;
      int[] c = new int[distinct];
      float[] v = new float[distinct];
      int p = -1;
      for (int k = 0; k < h.length; k++) {
        if (k == 0 || h[k] != h[k - 1]) c[++p] = h[k];
        v[p]++;
      }
      cols[i] = c;
      vals[i] = v;
    });
    int[] rp = new int[texts.size() + 1];
    for (int i = 0; i < cols.length; i++) rp[i + 1] = rp[i] + cols[i].length;
    int[] c = new int[rp[cols.length]];
    float[] v = new float[c.length];
    for (int i = 0; i < cols.length; i++) {
      System.arraycopy(cols[i], 0, c, rp[i], cols[i].length);
      System.arraycopy(vals[i], 0, v, rp[i], vals[i].length);
    }
    return new TermCounts(new SparseMatrix(rp, c, v, 1 << BITS));
  }

  public SparseMatrix matrix() { return counts; }

  static String normalize(String s) {
    String head = s.length() > MAX_TEXT_CHARS ? s.substring(0, MAX_TEXT_CHARS) : s;
    return head.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }

  private static int mix(int h) {
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }

  static int[] wordGrams(String s, int minN, int maxN) {
    int[] tokens = new int[s.length() / 2 + 1];
    int nt = 0;
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) i++;
      if (i >= s.length()) break;
      int h = 0x9747b28c;
      while (i < s.length() && Character.isLetterOrDigit(s.charAt(i))) h = (h ^ s.charAt(i++)) * 0x01000193;
      if (nt == tokens.length) tokens = Arrays.copyOf(tokens, nt * 2);
      tokens[nt++] = h;
    }
    int[] out = new int[Math.max(0, nt * (maxN - minN + 1))];
    int p = 0;
    for (int t = 0; t < nt; t++) {
      int h = 0x2f0b3c5d;
      for (int n = 1; n <= maxN && t + n <= nt; n++) {
        h = h * 0x5bd1e995 + tokens[t + n - 1];
        if (n >= minN) out[p++] = mix(h * 31 + n) & MASK;
      }
    }
    return Arrays.copyOf(out, p);
  }

  static int[] charGrams(String s, int minN, int maxN) {
    int len = s.length();
    int[] out = new int[Math.max(0, len * (maxN - minN + 1))];
    int p = 0;
    for (int i = 0; i < len; i++) {
      int h = 0x811c9dc5;
      for (int n = 1; n <= maxN && i + n <= len; n++) {
        h = (h ^ s.charAt(i + n - 1)) * 0x01000193;
        if (n >= minN) out[p++] = mix(h + 0x3c6ef372 * n) & MASK;
      }
    }
    return Arrays.copyOf(out, p);
  }
}
