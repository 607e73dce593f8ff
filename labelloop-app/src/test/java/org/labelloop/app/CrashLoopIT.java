package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.ServerProcess;

/**
 * A crash loop on one SQLite file: each round a server is SIGKILLed at a random moment while labelers write and it
 * imports, trains and publishes a model, or exports (in turn), then restarted. After every kill the database passes
 * {@code PRAGMA integrity_check}, every label the server acknowledged (201) is there, and no import is half visible.
 * {@code -Dcrashloop.iterations} rounds (4 here, one per activity; bench/crash-loop.sh runs 100).
 */
class CrashLoopIT {
  private static final int ROUNDS = Integer.getInteger("crashloop.iterations", 4);
  private static final int ASSETS = 30_000;
  private static final int IMPORT_ROWS = 5_000;
  private static final List<String> ACTIVITIES = List.of("labeling", "import", "training", "export");

  @TempDir Path data;

  @Test
  void noAcknowledgedLabelIsLostAndTheDatabaseStaysIntact() throws Exception {
    ServerProcess server = ServerProcess.start(data, 0, "--no-embeddings");
    int port = server.port();
    Api api = server.admin();
    String project = newProject(api);
    Set<String> acknowledged = new HashSet<>();
    AtomicInteger nextAsset = new AtomicInteger();
    long importedRows = 0;
    int unknownImports = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String activity = ACTIVITIES.get(round % ACTIVITIES.size());
      Random random = new Random(17 + round);
      AtomicBoolean stop = new AtomicBoolean();
      List<String> acked = new ArrayList<>();
      CompletableFuture<Void> labeler = CompletableFuture.runAsync(() -> label(api, project, nextAsset, acked, stop));
      String tag = "r" + round;
      CompletableFuture<Integer> work = CompletableFuture.supplyAsync(() -> act(activity, api, project, tag));
      for (int waited = 0; waited < 600 && sizeOf(acked) == 0 && !labeler.isDone(); waited++) {
        Thread.sleep(50); // labels are flowing before the kill is timed
      }
      Thread.sleep(300 + random.nextInt(2200));
      server.kill();
      stop.set(true);
      labeler.join();
      int status = work.join();
      if (activity.equals("import")) {
        if (status == 201) importedRows += IMPORT_ROWS; else unknownImports++;
      }
      acknowledged.addAll(acked);
      assertEquals("ok", integrityCheck(), "round " + round + " (" + activity + "): PRAGMA integrity_check");
      Set<String> labeled = labeled(project);
      List<String> lost = acknowledged.stream().filter(id -> !labeled.contains(id)).toList();
      assertEquals(List.of(), lost, "round " + round + " (" + activity + "): acknowledged labels lost after SIGKILL");
      server = ServerProcess.start(data, port, "--no-embeddings"); // rolls back an import the kill cut short
      long extra = api.get("/api/v1/projects/" + project).body().path("assetCount").asLong() - ASSETS - importedRows;
      assertTrue(extra % IMPORT_ROWS == 0 && extra >= 0 && extra <= (long) unknownImports * IMPORT_ROWS,
          "round " + round + " (" + activity + "): half an import is visible (" + extra + " assets beyond those acknowledged)");
      importedRows += extra; // an import that committed just before the kill, unacknowledged
      unknownImports = 0;
      System.out.println("crash round " + round + " (" + activity + "): " + acked.size() + " labels acknowledged, "
          + acknowledged.size() + " in all, integrity ok, none lost");
    }
    server.close();
  }

  private static String newProject(Api api) {
    var r = api.post("/api/v1/projects", Api.object().put("title", "crash loop").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("A", "B")));
    assertEquals(201, r.status(), r.text());
    String project = r.body().path("id").asText();
    ArrayNode assets = Api.array();
    for (int i = 0; i < ASSETS; i++) {
      assets.addObject().put("externalId", "c" + i).put("content", (i % 2 == 0 ? "sports match goal team " : "bank rates market ") + i);
    }
    assertEquals(201, api.post("/api/v1/projects/" + project + "/assets", assets).status());
    return project;
  }

  private static int sizeOf(List<String> list) {
    synchronized (list) {
      return list.size();
    }
  }

  /** Labels asset after asset until the server is gone, noting the ones it acknowledged. */
  private static void label(Api api, String project, AtomicInteger nextAsset, List<String> acked, AtomicBoolean stop) {
    while (!stop.get()) {
      int i = nextAsset.getAndIncrement();
      if (i >= ASSETS) return;
      String body = "{\"assetExternalId\":\"c" + i + "\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"" + (i % 2 == 0 ? "A" : "B") + "\"}]}}}";
      try {
        if (api.post("/api/v1/projects/" + project + "/labels", body).status() == 201) {
          synchronized (acked) {
            acked.add("c" + i);
          }
        }
      } catch (RuntimeException connectionLost) {
        return;
      }
    }
  }

  /** The round's other work; its HTTP status, or -1 when the connection was cut. */
  private static int act(String activity, Api api, String project, String round) {
    try {
      return switch (activity) {
        case "labeling" -> 0; // labelers alone
        case "import" -> {
          StringBuilder csv = new StringBuilder(IMPORT_ROWS * 40).append("id,text\n");
          for (int k = 0; k < IMPORT_ROWS; k++) {
            csv.append(round).append('-').append(k).append(",imported text number ").append(k).append('\n');
          }
          yield api.upload("/api/v1/projects/" + project + "/assets", round + ".csv", csv.toString(), Map.of("idColumn", "id", "textColumn", "text")).status();
        }
        case "training" -> api.post("/api/v1/projects/" + project + "/models/train", "{}").status();
        case "export" -> api.get("/api/v1/projects/" + project + "/export?format=jsonl").status();
        default -> throw new IllegalArgumentException(activity);
      };
    } catch (RuntimeException connectionLost) {
      return -1;
    }
  }

  private String integrityCheck() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("labelloop.db"));
        ResultSet r = c.createStatement().executeQuery("PRAGMA integrity_check")) {
      return r.next() ? r.getString(1) : "no answer";
    }
  }

  /** The assets with a human label, read from the file while no server runs. */
  private Set<String> labeled(String project) throws Exception {
    Set<String> labeled = new HashSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("labelloop.db"));
        var q = c.prepareStatement("SELECT DISTINCT a.external_id FROM labels l JOIN assets a ON a.id = l.asset_id"
            + " WHERE a.project_id = ? AND l.label_type = 'DEFAULT'")) {
      q.setLong(1, Long.parseLong(project));
      try (ResultSet r = q.executeQuery()) {
        while (r.next()) {
          labeled.add(r.getString(1));
        }
      }
    }
    return labeled;
  }
}
