package org.labelloop.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.Project;
import org.labelloop.store.testing.TestDatabases;

/**
 * Not a test: measures {@link org.labelloop.core.port.AssetRepository#insert} the way the importer calls it (batches
 * of 1,000 short texts, one transaction for the whole file), then single-threaded queue claims on the filled project.
 *
 * <pre>
 * ./mvnw -q -o -pl labelloop-store test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp labelloop-store/target/classes:labelloop-store/target/test-classes:$(cat labelloop-store/target/cp.txt) \
 *     org.labelloop.store.InsertBenchmark [rows] [sqlite|postgresql]
 * </pre>
 */
public final class InsertBenchmark {
  private InsertBenchmark() {}

  /** {@code clients} threads, each claiming and labeling {@code pairs} assets back to back (no think time). */
  private static void concurrentClaims(Database db, Project p, String kind, int clients, int pairs, Instant now)
      throws Exception {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      users.add(Fixtures.user(db).id());
    }
    long[] nanos = new long[clients * pairs];
    var start = new java.util.concurrent.CountDownLatch(1);
    long t0;
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(clients)) {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < pairs; i++) {
                    long s0 = System.nanoTime();
                    var a = db.assets().claimNext(p.id(), users.get(client), now, now.plusSeconds(300)).orElseThrow();
                    db.transactor()
                        .inTransaction(
                            () -> {
                              db.labels().insert(p.id(), a.id(), users.get(client), Fixtures.label(a.id(), LabelType.DEFAULT, "SPORT"), now);
                              db.assets().setStatus(a.id(), AssetStatus.LABELED);
                            });
                    nanos[client * pairs + i] = System.nanoTime() - s0;
                  }
                  return null;
                }));
      }
      t0 = System.nanoTime();
      start.countDown();
      for (var f : futures) {
        f.get();
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    java.util.Arrays.sort(nanos);
    System.out.printf(
        "%s: %d concurrent clients, claimNext + submit label: %,.0f pairs/s, p50 %.1f ms, p99 %.1f ms%n",
        kind, clients, nanos.length / seconds, nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 99 / 100] / 1e6);
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String kind = args.length > 1 ? args[1] : "sqlite";
    Path dir = Files.createTempDirectory("labelloop-bench-");
    String url =
        kind.equals("sqlite")
            ? "jdbc:sqlite:" + dir.resolve("bench.db") + System.getProperty("bench.params", "")
            : TestDatabases.Kind.POSTGRESQL.newUrl();
    try (Database db = Database.open(url)) {
      Project p = Fixtures.project(db);
      Instant now = Instant.now();
      var threads = java.lang.management.ManagementFactory.getThreadMXBean();
      long cpuStart = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      int[] inserted = {0};
      db.transactor()
          .inTransaction(
              () -> {
                List<AssetDraft> batch = new ArrayList<>(1000);
                for (int i = 0; i < rows; i++) {
                  batch.add(new AssetDraft("row-" + i, "Short text number " + i + " about sport and politics.", null, 0, false, null));
                  if (batch.size() == 1000 || i == rows - 1) {
                    for (boolean b : db.assets().insert(p.id(), batch, now)) {
                      inserted[0] += b ? 1 : 0;
                    }
                    batch.clear();
                  }
                }
              });
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      System.out.printf(
          "%s: inserted %,d assets in %.2f s = %,.0f rows/s (calling thread's CPU time %.2f s = %,.0f rows/s per core)%n",
          kind, inserted[0], seconds, inserted[0] / seconds, cpu, inserted[0] / cpu);

      String user = Fixtures.user(db).id();
      int claims = 2000;
      long[] nanos = new long[claims];
      long claimCpuStart = threads.getCurrentThreadCpuTime();
      for (int i = 0; i < claims; i++) {
        long t0 = System.nanoTime();
        var a = db.assets().claimNext(p.id(), user, now, now.plusSeconds(300)).orElseThrow();
        db.transactor()
            .inTransaction(
                () -> {
                  db.labels().insert(p.id(), a.id(), user, Fixtures.label(a.id(), LabelType.DEFAULT, "SPORT"), now);
                  db.assets().setStatus(a.id(), AssetStatus.LABELED);
                });
        nanos[i] = System.nanoTime() - t0;
      }
      double claimCpuMs = (threads.getCurrentThreadCpuTime() - claimCpuStart) / 1e6 / claims;
      java.util.Arrays.sort(nanos);
      System.out.printf(
          "%s: claimNext + submit label on %,d assets: p50 %.2f ms, p99 %.2f ms (single thread), %.3f ms CPU per pair%n",
          kind, rows, nanos[claims / 2] / 1e6, nanos[claims * 99 / 100] / 1e6, claimCpuMs);
      concurrentClaims(db, p, kind, 50, 100, now);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
