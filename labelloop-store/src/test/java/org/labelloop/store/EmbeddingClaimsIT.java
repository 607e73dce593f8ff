package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.labelloop.store.Fixtures.NOW;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.labelloop.core.learning.EmbeddingWorker;
import org.labelloop.core.project.Project;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.store.testing.EmbeddedPostgresServer;

/** Two servers' embedding workers on one PostgreSQL database embed each asset once between them. */
class EmbeddingClaimsIT {
  private static final int ASSETS = 300;

  @Test
  void twoServersEmbedEachAssetOnce() throws Exception {
    String url = EmbeddedPostgresServer.get().newDatabaseUrl();
    Map<String, AtomicInteger> embedded = new ConcurrentHashMap<>();
    try (Database one = Database.open(url); Database two = Database.open(url)) {
      Project project = Fixtures.project(one);
      one.assets().insert(project.id(), Fixtures.drafts("e", ASSETS), NOW);
      ExecutorService servers = Executors.newFixedThreadPool(2);
      List<Future<Integer>> runs = new ArrayList<>();
      for (Database db : List.of(one, two)) {
        EmbeddingWorker worker = new EmbeddingWorker(db.ports(), Clock.systemUTC(), "counting", () -> new Counting(embedded));
        runs.add(servers.submit(() -> {
          int batches = 0;
          while (worker.runOnce()) {
            batches++;
          }
          return batches;
        }));
      }
      for (Future<Integer> run : runs) {
        run.get();
      }
      servers.shutdown();
      assertEquals(ASSETS, embedded.size(), "every asset embedded");
      assertEquals(List.of(), embedded.entrySet().stream().filter(e -> e.getValue().get() > 1).map(Map.Entry::getKey).toList(),
          "texts embedded twice");
      assertEquals(ASSETS, one.ports().embeddings().vectors(project.id(), "counting", false).size());
    }
  }

  /** An embedder that counts each text it is given, slowly enough that the two workers overlap. */
  private record Counting(Map<String, AtomicInteger> embedded) implements TextEmbedder {
    @Override
    public String name() {
      return "counting";
    }

    @Override
    public int dimension() {
      return 2;
    }

    @Override
    public float[][] embed(List<String> texts) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < out.length; i++) {
        embedded.computeIfAbsent(texts.get(i), t -> new AtomicInteger()).incrementAndGet();
        out[i] = new float[] {1, 0};
      }
      return out;
    }
  }
}
