package org.labelloop.learn.ner;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.strategy.KMeans;

/**
 * Word clusters from a sentence embedder: the cheap way to give a sparse CRF dense word representations (Turian,
 * Ratinov and Bengio 2010, "Word representations: a simple and general method for semi-supervised learning"; Ratinov
 * and Roth 2009 used Brown clusters the same way). Every word type is embedded once on its own, the vectors are
 * k-means clustered, and the tagger sees the cluster ids of a token and its neighbours as ordinary sparse features,
 * so a word never labeled shares weights with labeled words of its cluster.
 *
 * <p>Words are lower-cased (MiniLM is uncased). A word not seen when the clusters were built goes to its nearest
 * centroids: {@link #addWords} places a batch (e.g. the text about to be tagged), and an {@link #attach attached}
 * embedder places single words as they are met. Without either an unknown word just has no cluster feature. No
 * embedder is kept or saved: a model loads without one. Not thread-safe.
 */
public final class WordClusters implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int KMEANS_ITERATIONS = 10;
  /** Neighbours on each side whose clusters are features; ±2 scored the same as ±1 on CoNLL-2003 (BENCHMARKS.md). */
  private static final int NEIGHBOURS = 1;

  private final String embedderName;
  /** Centroids per clustering: {@code centroids[level][cluster]}. */
  private final float[][][] centroids;
  /** Lower-case word to its cluster in each clustering. */
  private final Map<String, int[]> clustersOfWord = new HashMap<>();
  private transient TextEmbedder embedder;

  private WordClusters(String embedderName, float[][][] centroids) {
    this.embedderName = embedderName;
    this.centroids = centroids;
  }

  /**
   * Embeds the distinct (lower-cased) {@code words} in one batch and clusters them once for each k in {@code ks}:
   * several granularities play the part of Brown-cluster path prefixes of several lengths.
   */
  public static WordClusters build(Collection<String> words, TextEmbedder embedder, long seed, int... ks) {
    Objects.requireNonNull(embedder);
    if (ks.length == 0) throw new IllegalArgumentException("give at least one cluster count");
    List<String> types = distinctLower(words);
    for (int k : ks) {
      if (k < 2) throw new IllegalArgumentException("cluster counts must be >= 2, got " + k);
      if (types.size() < k) throw new IllegalArgumentException("need at least " + k + " word types, got " + types.size());
    }
    float[][] x = embedder.embed(types);
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    float[][][] centroids = new float[ks.length][][];
    for (int level = 0; level < ks.length; level++) {
      centroids[level] = means(x, KMeans.cluster(x, ks[level], KMEANS_ITERATIONS, random), ks[level]);
    }
    WordClusters clusters = new WordClusters(embedder.name(), centroids);
    clusters.assign(types, x);
    return clusters;
  }

  /**
   * Attaches an embedder (of the kind the clusters were built with) that places each unknown word as it is met; for
   * many words at once {@link #addWords} is faster.
   */
  public void attach(TextEmbedder e) {
    this.embedder = checked(e);
  }

  /** Places the words not yet known at their nearest centroids, embedding them in one batch. */
  public void addWords(Collection<String> words, TextEmbedder e) {
    checked(e);
    List<String> unknown = distinctLower(words).stream().filter(w -> !clustersOfWord.containsKey(w)).toList();
    if (!unknown.isEmpty()) assign(unknown, e.embed(unknown));
  }

  private TextEmbedder checked(TextEmbedder e) {
    if (!e.name().equals(embedderName)) {
      throw new IllegalArgumentException("clusters were built with " + embedderName + ", not " + e.name());
    }
    return e;
  }

  /** The cluster count of each clustering. */
  public int[] ks() { return Arrays.stream(centroids).mapToInt(c -> c.length).toArray(); }

  public int knownWords() { return clustersOfWord.size(); }

  public String describe() { return "clusters(k=" + Arrays.toString(ks()) + "," + embedderName + ")"; }

  /** Clusters of a lower-cased word (one per clustering), or null if it is unknown and no embedder is attached. */
  int[] clustersOf(String lower) {
    int[] c = clustersOfWord.get(lower);
    if (c != null || embedder == null) return c;
    assign(List.of(lower), embedder.embed(List.of(lower)));
    return clustersOfWord.get(lower);
  }

  /** Emits the cluster features of token {@code i}: its own clusters and those of its two neighbours. */
  void features(String[] lower, int i, Consumer<String> out) {
    for (int d = -NEIGHBOURS; d <= NEIGHBOURS; d++) {
      int j = i + d;
      if (j < 0 || j >= lower.length) continue;
      int[] c = clustersOf(lower[j]);
      if (c == null) continue;
      for (int level = 0; level < c.length; level++) out.accept("c" + level + "@" + d + "=" + c[level]);
    }
  }

  private void assign(List<String> words, float[][] x) {
    int[][] nearest = IntStream.range(0, x.length).parallel().mapToObj(i -> nearest(x[i])).toArray(int[][]::new);
    for (int i = 0; i < nearest.length; i++) clustersOfWord.put(words.get(i), nearest[i]);
  }

  private int[] nearest(float[] v) {
    int[] out = new int[centroids.length];
    for (int level = 0; level < centroids.length; level++) {
      double bestD = Double.MAX_VALUE;
      for (int c = 0; c < centroids[level].length; c++) {
        double d = KMeans.dist(v, centroids[level][c]);
        if (d < bestD) { bestD = d; out[level] = c; }
      }
    }
    return out;
  }

  private static float[][] means(float[][] x, int[] assign, int k) {
    int dim = x[0].length;
    float[][] out = new float[k][dim];
    int[] count = new int[k];
    for (int i = 0; i < x.length; i++) {
      count[assign[i]]++;
      for (int d = 0; d < dim; d++) out[assign[i]][d] += x[i][d];
    }
    for (int c = 0; c < k; c++) for (int d = 0; d < dim; d++) out[c][d] /= Math.max(1, count[c]);
    return out;
  }

  private static List<String> distinctLower(Collection<String> words) {
    LinkedHashSet<String> out = new LinkedHashSet<>();
    for (String w : words) out.add(w.toLowerCase(Locale.ROOT));
    return new ArrayList<>(out);
  }
}
