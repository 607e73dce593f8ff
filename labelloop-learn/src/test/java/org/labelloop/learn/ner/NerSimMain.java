package org.labelloop.learn.ner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.labelloop.learn.feature.SentenceEmbedder;
import org.labelloop.learn.ner.format.ConllFormat;
import org.labelloop.learn.simulate.SimulationConfig;
import org.labelloop.learn.simulate.Simulator;

/**
 * Manual simulation run (not a unit test). Args: train test strategies initial batch budget seed [l2 [k]], where k
 * adds MiniLM word-cluster features (cluster counts joined by '+', clustered over the pool's words).
 */
public final class NerSimMain {
  public static void main(String[] args) throws Exception {
    List<NerSentence> pool = ConllFormat.conll2003Iob1().read(Files.newBufferedReader(Path.of(args[0])), "train");
    List<NerSentence> test = ConllFormat.conll2003Iob1().read(Files.newBufferedReader(Path.of(args[1])), "test");
    List<String> strategies = Arrays.asList(args[2].split(","));
    double l2 = args.length > 7 ? Double.parseDouble(args[7]) : 1.0;
    int[] ks = args.length > 8 ? Arrays.stream(args[8].split("\\+")).mapToInt(Integer::parseInt).toArray() : new int[0];
    WordClusters clusters = null;
    if (ks.length > 0) {
      try (SentenceEmbedder embedder = SentenceEmbedder.miniLm(16, 256, Runtime.getRuntime().availableProcessors())) {
        clusters = WordClusters.build(pool.stream().flatMap(s -> s.tokens().stream()).map(Token::text).toList(), embedder, 1, ks);
        clusters.addWords(test.stream().flatMap(s -> s.tokens().stream()).map(Token::text).toList(), embedder);
      }
    }
    NerTrainingConfig cfg = NerTrainingConfig.defaults(Long.parseLong(args[6])).withL2(l2); // as simulate --task ner
    cfg = cfg.withFeatures(cfg.features().withWordClusters(clusters != null));
    long t0 = System.nanoTime();
    Simulator.run(new NerReplay(pool, test, cfg, clusters), new SimulationConfig(strategies, Long.parseLong(args[6]),
        Integer.parseInt(args[3]), Integer.parseInt(args[4]), Integer.parseInt(args[5]), 1),
        (done, total, what) -> System.out.printf("%s elapsed=%.0fs%n", what, (System.nanoTime() - t0) / 1e9));
  }
}
