package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.ServerProcess;

/**
 * A server stopped with SIGTERM while its background embedder runs ONNX batches exits cleanly: the stop drains the
 * embedding threads before the native session is freed (freeing it under a batch crashed the JVM with SIGSEGV in
 * libonnxruntime); the same for the image embedder, and for a process loading models when the signal comes (ONNX
 * Runtime's own shutdown hook freed its environment under the load). {@code -Dshutdown.iterations} servers are
 * stopped in turn (3 here; bench/shutdown-loop.sh runs 20).
 */
class ShutdownIT {
  private static final int ITERATIONS = Integer.getInteger("shutdown.iterations", 3);
  @TempDir Path root;

  @Test
  void sigtermMidEmbeddingExitsCleanlyWithoutACrashLog() throws Exception {
    for (int i = 0; i < ITERATIONS; i++) {
      Path data = Files.createDirectories(root.resolve("run" + i));
      try (ServerProcess server = ServerProcess.start(data, 0, "--embeddings")) {
        importTexts(server.admin(), 3000);
        long stored = awaitEmbeddings(server.process(), data);
        server.process().destroy(); // SIGTERM
        assertTrue(server.process().waitFor(90, TimeUnit.SECONDS), "server did not stop within 90 s after SIGTERM");
        assertEquals(List.of(), server.crashReports(), "run " + i + ": the JVM crashed:\n" + server.log());
        assertEquals(143, server.process().exitValue(), "run " + i + ": exit status after SIGTERM (128 + 15):\n" + server.log());
        assertTrue(server.log().contains("stopped"), "run " + i + ": the stop did not finish:\n" + server.log());
        System.out.println("shutdown run " + i + ": SIGTERM after " + stored + " stored embeddings, exit " + server.process().exitValue());
      }
    }
  }

  /** The same for the media embedder: SIGTERM while it runs the image encoder's batches. */
  @Test
  void sigtermMidImageEmbeddingExitsCleanlyWithoutACrashLog() throws Exception {
    Path data = Files.createDirectories(root.resolve("images"));
    try (ServerProcess server = ServerProcess.start(data, 0, "--embeddings")) {
      Api api = server.admin();
      var project = api.post("/api/v1/projects", "{\"title\":\"photos\",\"inputType\":\"IMAGE\",\"jsonInterface\":{\"jobs\":{\"JOB_0\":"
          + "{\"mlTask\":\"CLASSIFICATION\",\"required\":1,\"content\":{\"input\":\"radio\",\"categories\":{\"A\":{},\"B\":{}}}}}}}");
      assertEquals(201, project.status(), project.text());
      Object[] entries = new Object[400];
      for (int i = 0; i < 200; i++) {
        entries[2 * i] = "img" + i + ".png";
        entries[2 * i + 1] = MediaApiContract.png(1 + i);
      }
      String key = Files.readString(data.resolve(LabelloopApp.ADMIN_KEY_FILE)).trim();
      var imported = ServerContract.uploadZip(api, key, project.body().path("id").asText(), MediaApiContract.zip(entries), null, "");
      assertEquals(201, imported.status(), imported.text());
      long stored = awaitEmbeddings(server.process(), data);
      server.process().destroy(); // SIGTERM
      assertTrue(server.process().waitFor(90, TimeUnit.SECONDS), "server did not stop within 90 s after SIGTERM");
      assertEquals(List.of(), server.crashReports(), "the JVM crashed:\n" + server.log());
      assertEquals(143, server.process().exitValue(), "exit status after SIGTERM (128 + 15):\n" + server.log());
      assertTrue(server.log().contains("stopped"), "the stop did not finish:\n" + server.log());
      System.out.println("image shutdown: SIGTERM after " + stored + " stored image vectors, exit " + server.process().exitValue());
    }
  }

  /** SIGTERM while a thread loads models one after another (as a server does when it starts): no crash, exit 143. */
  @Test
  void sigtermWhileModelsLoadExitsCleanly() throws Exception {
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    for (int i = 0; i < ITERATIONS * 3; i++) {
      Path dir = Files.createDirectories(root.resolve("load" + i));
      Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-XX:ErrorFile=" + dir.resolve("hs_err_pid%p.log"), "-cp", cp,
          OnnxLoadLoop.class.getName()).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("out.log").toFile()).start();
      try {
        while (!read(dir.resolve("out.log")).contains("busy")) {
          assertTrue(p.isAlive(), () -> "the child ended before it loaded its model: " + read(dir.resolve("out.log")));
          Thread.sleep(20);
        }
        Thread.sleep(50L * i); // a different point of the load loop each time
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child did not stop within 60 s after SIGTERM");
        try (var files = Files.list(dir)) {
          assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("hs_err")).toList(),
              "run " + i + ": the JVM crashed:\n" + read(dir.resolve("out.log")));
        }
        assertEquals(143, p.exitValue(), "run " + i + ": exit status after SIGTERM (128 + 15):\n" + read(dir.resolve("out.log")));
      } finally {
        p.destroyForcibly();
      }
    }
  }

  private static void importTexts(Api api, int count) {
    var project = api.post("/api/v1/projects", Api.object().put("title", "shutdown").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("A", "B")));
    assertEquals(201, project.status(), project.text());
    ArrayNode assets = Api.array();
    for (int i = 0; i < count; i++) {
      assets.addObject().put("externalId", "t" + i)
          .put("content", "Text number " + i + " says something about football, interest rates, the weather and trains.");
    }
    assertEquals(201, api.post("/api/v1/projects/" + project.body().path("id").asText() + "/assets", assets).status());
  }

  /** Waits until the first batch of vectors is stored: the embedder is loaded and at work on the next one. */
  private static long awaitEmbeddings(Process server, Path data) throws Exception {
    String url = "jdbc:sqlite:" + data.resolve("labelloop.db");
    for (int i = 0; i < 1200; i++) {
      try (Connection c = DriverManager.getConnection(url); ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM asset_embeddings")) {
        long n = r.next() ? r.getLong(1) : 0;
        if (n > 0) {
          return n;
        }
      } catch (java.sql.SQLException busy) {
        // the server is writing; ask again
      }
      assertTrue(server.isAlive(), () -> "server died: " + read(data.resolve("server.log")));
      Thread.sleep(100);
    }
    throw new AssertionError("no embedding stored within 2 minutes: " + read(data.resolve("server.log")));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
