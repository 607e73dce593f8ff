package org.labelloop.learn.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.labelloop.learn.feature.SentenceEmbedder;
import org.labelloop.learn.feature.SentenceModel;

/**
 * Measures sentence-embedding throughput on the first {@code n} lines (texts) of a file, wall clock and per CPU-second
 * of this process (the latter is less distorted when other processes share the cores):
 * {@code java -cp ... org.labelloop.learn.bench.EmbeddingThroughput FILE N [maxTokens] [batch] [threads] [minilm|e5-small]}. Not a unit
 * test.
 */
public final class EmbeddingThroughput {
  private EmbeddingThroughput() {}

  public static void main(String[] args) throws Exception {
    List<String> lines = Files.readAllLines(Path.of(args[0])).stream()
        .map(l -> l.contains("\t") ? l.substring(l.indexOf('\t') + 1) : l).limit(Integer.parseInt(args[1])).toList();
    int maxTokens = args.length > 2 ? Integer.parseInt(args[2]) : 256;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 16;
    int threads = args.length > 4 ? Integer.parseInt(args[4]) : Runtime.getRuntime().availableProcessors();
    SentenceModel model = SentenceModel.byCliName(args.length > 5 ? args[5] : "minilm");
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (SentenceEmbedder e = new SentenceEmbedder(model, maxTokens, batch, threads)) {
      e.embed(lines.subList(0, Math.min(64, lines.size()))); // warm-up
      long t0 = System.nanoTime(), cpu0 = os.getProcessCpuTime();
      e.embed(lines);
      double s = (System.nanoTime() - t0) / 1e9, cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      System.out.printf("embedded %d texts in %.2f s: %.0f texts/s, %.0f texts per CPU-second (maxTokens=%d, batch=%d,"
          + " threads=%d, %s)%n", lines.size(), s, lines.size() / s, lines.size() / cpu, maxTokens, batch, threads,
          model.cliName());
    }
  }
}
