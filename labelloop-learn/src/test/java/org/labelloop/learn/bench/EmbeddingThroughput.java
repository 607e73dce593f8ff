package org.labelloop.learn.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.labelloop.learn.feature.MiniLmEmbedder;

/**
 * Measures MiniLM embedding throughput on the first {@code n} lines (texts) of a file:
 * {@code java -cp ... org.labelloop.learn.bench.EmbeddingThroughput FILE N [maxTokens] [batch] [spinWait]}. Not a unit test.
 */
public final class EmbeddingThroughput {
  private EmbeddingThroughput() {}

  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0])).stream()
        .map(l -> l.contains("\t") ? l.substring(l.indexOf('\t') + 1) : l).limit(Integer.parseInt(args[1])).toList();
    int maxTokens = args.length > 2 ? Integer.parseInt(args[2]) : 256;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    boolean spin = args.length <= 4 || Boolean.parseBoolean(args[4]); // as the offline commands run it
    try (MiniLmEmbedder e = new MiniLmEmbedder(maxTokens, batch, Runtime.getRuntime().availableProcessors(), spin)) {
      e.embed(lines.subList(0, Math.min(64, lines.size()))); // warm-up
      long t0 = System.nanoTime();
      e.embed(lines);
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf("embedded %d texts in %.2f s: %.0f texts/s (maxTokens=%d, batch=%d, cores=%d, spinWait=%b)%n", lines.size(), s,
          lines.size() / s, maxTokens, batch, Runtime.getRuntime().availableProcessors(), spin);
    }
  }
}
