package org.labelloop.learn.ner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.feature.SentenceEmbedder;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.ner.format.ConllFormat;

/**
 * Manual benchmark (not a unit test): entity F1 with and without MiniLM word-cluster features. Args: train test
 * clusterings (comma list of cluster counts, several joined by '+', 0 = no clusters) slices (comma list of from-to sentence ranges of train, "all" for everything).
 * Clusters are built once per k over the word types of the whole training file (text only, no labels: in active
 * learning the unlabeled pool is known); test words unseen there go to their nearest centroid.
 */
public final class WordClusterBenchMain {
  public static void main(String[] args) throws Exception {
    List<NerSentence> train = ConllFormat.conll2003Iob1().read(Files.newBufferedReader(Path.of(args[0])), "train");
    List<NerSentence> test = ConllFormat.conll2003Iob1().read(Files.newBufferedReader(Path.of(args[1])), "test");
    String[] clusterings = args[2].split(",");
    String[] slices = args[3].split(",");
    try (SentenceEmbedder minilm = SentenceEmbedder.miniLm(16, 256, Runtime.getRuntime().availableProcessors())) {
      Memo embedder = new Memo(minilm);
      List<String> trainWords = words(train);
      List<String> testWords = words(test);
      long t0 = System.nanoTime();
      embedder.embed(trainWords.stream().map(String::toLowerCase).distinct().toList());
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("embedded %d word types in %.1fs (%.0f types/s)%n", embedder.memo.size(), s, embedder.memo.size() / s);
      for (String k : clusterings) {
        WordClusters clusters = null;
        if (!k.equals("0")) {
          long t1 = System.nanoTime();
          clusters = WordClusters.build(trainWords, embedder, 1, Arrays.stream(k.split("\\+")).mapToInt(Integer::parseInt).toArray());
          long t2 = System.nanoTime();
          clusters.addWords(testWords, embedder);
          System.out.printf("k=%s: clustering %.1fs, test words placed %.1fs, %d words known%n", k, (t2 - t1) / 1e9,
              (System.nanoTime() - t2) / 1e9, clusters.knownWords());
        }
        for (String slice : slices) {
          List<NerSentence> data = train;
          if (!slice.equals("all")) {
            String[] r = slice.split("-");
            data = train.subList(Integer.parseInt(r[0]), Integer.parseInt(r[1]));
          }
          long t3 = System.nanoTime();
          NerTrainingConfig config = NerTrainingConfig.defaults(1).withFeatures(FeatureConfig.rich().withWordClusters(clusters != null));
          NerModel m = NerTrainer.train(data, config, clusters, Long.MAX_VALUE);
          double trainS = (System.nanoTime() - t3) / 1e9;
          EntityScores sc = EntityScores.evaluate(m, test);
          System.out.printf("k=%s slice=%s f1=%.2f p=%.2f r=%.2f train=%.1fs load=%s%n", k,
              slice, 100 * sc.overall().f1(), 100 * sc.overall().precision(),
              100 * sc.overall().recall(), trainS, Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        }
      }
    }
  }

  private static List<String> words(List<NerSentence> sentences) {
    List<String> out = new ArrayList<>();
    for (NerSentence s : sentences) for (Token t : s.tokens()) out.add(t.text());
    return out;
  }

  /** Remembers every vector, so several k share one embedding pass. */
  private static final class Memo implements TextEmbedder {
    private final TextEmbedder inner;
    final Map<String, float[]> memo = new HashMap<>();

    Memo(TextEmbedder inner) { this.inner = inner; }

    @Override public String name() { return inner.name(); }

    @Override public int dimension() { return inner.dimension(); }

    @Override public float[][] embed(List<String> texts) {
      List<String> missing = texts.stream().filter(t -> !memo.containsKey(t)).distinct().toList();
      if (!missing.isEmpty()) {
        float[][] v = inner.embed(missing);
        for (int i = 0; i < v.length; i++) memo.put(missing.get(i), v[i]);
      }
      return texts.stream().map(memo::get).toArray(float[][]::new);
    }
  }
}
