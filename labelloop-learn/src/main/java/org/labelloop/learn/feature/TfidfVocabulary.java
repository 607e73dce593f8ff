package org.labelloop.learn.feature;

import java.io.Serializable;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A fitted TF-IDF vocabulary over hashed n-gram buckets: which buckets are kept and their inverse document frequency.
 *
 * <p>Weights follow scikit-learn's {@code TfidfVectorizer(sublinear_tf=True)}: {@code (1 + ln tf) * idf} with the
 * smoothed {@code idf = ln((1 + N) / (1 + df)) + 1}, then L2 normalisation of each row, so results are comparable.
 */
public final class TfidfVocabulary implements Serializable {
  private final int[] buckets; // sorted
  private final float[] idf;
  private final boolean sublinear;

  private TfidfVocabulary(int[] buckets, float[] idf, boolean sublinear) {
    this.buckets = buckets;
    this.idf = idf;
    this.sublinear = sublinear;
  }

  /** Fits on the given rows of {@code counts}: keeps buckets with {@code df >= minDf}, at most {@code maxFeatures}. */
  public static TfidfVocabulary fit(SparseMatrix counts, int[] rows, int minDf, int maxFeatures, boolean sublinear) {
    int[] df = new int[counts.cols()];
    for (int r : rows) for (int k = counts.start(r); k < counts.end(r); k++) df[counts.col(k)]++;
    int[] kept = IntStream.range(0, df.length).filter(b -> df[b] >= minDf).toArray();
    if (kept.length > maxFeatures) {
      // keep the most frequent buckets; ties broken by bucket id for determinism
      Integer[] order = Arrays.stream(kept).boxed().toArray(Integer[]::new);
      Arrays.sort(order, (a, b) -> df[a] != df[b] ? Integer.compare(df[b], df[a]) : Integer.compare(a, b));
      kept = Arrays.stream(order, 0, maxFeatures).mapToInt(Integer::intValue).sorted().toArray();
    }
    float[] idf = new float[kept.length];
    double n = rows.length;
    for (int i = 0; i < kept.length; i++) idf[i] = (float) (Math.log((1 + n) / (1 + df[kept[i]])) + 1);
    return new TfidfVocabulary(kept, idf, sublinear);
  }

  public int size() { return buckets.length; }

  /** TF-IDF rows (L2-normalised) for all rows of {@code counts}. */
  public SparseMatrix transform(SparseMatrix counts) {
    int n = counts.rows();
    int[][] cs = new int[n][];
    float[][] vs = new float[n][];
    IntStream.range(0, n).parallel().forEach(r -> {
      int len = counts.end(r) - counts.start(r);
      int[] c = new int[len];
      float[] v = new float[len];
      int p = 0;
      double norm = 0;
      for (int k = counts.start(r); k < counts.end(r); k++) {
        int j = Arrays.binarySearch(buckets, counts.col(k));
        if (j < 0) continue;
        float tf = counts.val(k);
        float w = (float) ((sublinear ? 1 + Math.log(tf) : tf) * idf[j]);
        c[p] = j;
        v[p++] = w;
        norm += (double) w * w;
      }
      float inv = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0f;
      for (int k = 0; k < p; k++) v[k] *= inv;
      cs[r] = Arrays.copyOf(c, p);
      vs[r] = Arrays.copyOf(v, p);
    });
    int[] rp = new int[n + 1];
    for (int r = 0; r < n; r++) rp[r + 1] = rp[r] + cs[r].length;
    int[] c = new int[rp[n]];
    float[] v = new float[rp[n]];
    for (int r = 0; r < n; r++) {
      System.arraycopy(cs[r], 0, c, rp[r], cs[r].length);
      System.arraycopy(vs[r], 0, v, rp[r], vs[r].length);
    }
    return new SparseMatrix(rp, c, v, buckets.length);
  }
}
