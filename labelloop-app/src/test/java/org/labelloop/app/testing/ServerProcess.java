package org.labelloop.app.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code labelloop serve} in a child JVM on the test class path, on SQLite in {@code data}, its output in
 * {@code data/server.log} and any JVM crash report in {@code data/hs_err_pid*.log}: for tests that kill or stop it.
 */
public final class ServerProcess implements AutoCloseable {
  private final Path data;
  private final int port;
  private final Process process;

  private ServerProcess(Path data, int port, Process process) {
    this.data = data;
    this.port = port;
    this.process = process;
  }

  /** Starts a server on a free port (or {@code port} when positive) and waits until it answers. */
  public static ServerProcess start(Path data, int port, String... options) throws Exception {
    if (port <= 0) {
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
    }
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:ErrorFile=" + data.resolve("hs_err_pid%p.log"), "-cp", cp,
        "org.labelloop.app.Main", "serve", "--host", "127.0.0.1", "--port", Integer.toString(port), "--data", data.toString()));
    command.addAll(List.of(options));
    Process p = new ProcessBuilder(command).directory(data.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile())).start();
    ServerProcess server = new ServerProcess(data, port, p);
    server.awaitHealthy();
    return server;
  }

  private void awaitHealthy() throws InterruptedException {
    Api anonymous = new Api(base(), null);
    for (int i = 0; i < 1200; i++) {
      try {
        if (anonymous.get("/api/v1/health").status() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      if (!process.isAlive()) {
        throw new AssertionError("server died: " + log());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("server did not start within 2 minutes: " + log());
  }

  public int port() {
    return port;
  }

  public String base() {
    return "http://127.0.0.1:" + port;
  }

  public Process process() {
    return process;
  }

  /** A client with the administrator's API key. */
  public Api admin() throws IOException {
    return new Api(base(), Files.readString(data.resolve("admin-api-key")).trim());
  }

  /** SIGKILL, as a power cut would; returns when the process is gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** The JVM crash reports written so far. */
  public List<Path> crashReports() throws IOException {
    try (var files = Files.list(data)) {
      return files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).toList();
    }
  }

  public String log() {
    try {
      return Files.readString(data.resolve("server.log"));
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
