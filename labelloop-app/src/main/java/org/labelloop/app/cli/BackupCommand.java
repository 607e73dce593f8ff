package org.labelloop.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code labelloop backup}: a SQLite server's database and image/audio files in one zip, taken while the server runs.
 * The database is copied by SQLite's {@code VACUUM INTO}, a consistent snapshot that writers do not wait for; the files
 * are copied after it (they are named by their bytes and never change, so a file the snapshot names is the one it had;
 * one deleted meanwhile, with its project, is left out and counted).
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Copy a SQLite server's database and its image and audio files into one zip, while it runs.",
        "PostgreSQL: use pg_dump (the database holds the files too). Restore with: labelloop restore."})
public final class BackupCommand implements Callable<Integer> {
  static final String DATABASE = "labelloop.db";
  static final String FILES = "files/";

  @Option(names = "--data", defaultValue = "labelloop-data", description = "The server's data directory (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--files", defaultValue = "${env:LABELLOOP_FILES_DIR}",
      description = "The server's files directory, when serve was given one (default: env LABELLOOP_FILES_DIR, else DATA/files).")
  Path files;

  @Option(names = {"--out", "-o"}, required = true, description = "The zip to write, its folder made if need be (refused if it exists).")
  Path out;

  @Override
  public Integer call() {
    PrintStream err = System.err;
    Path db = data.resolve(DATABASE);
    if (!Files.isRegularFile(db)) {
      err.println("error: no database at " + db + " (--data names the directory serve uses; PostgreSQL is backed up with pg_dump)");
      return 2;
    }
    if (Files.exists(out)) {
      err.println("error: " + out + " exists; a backup never overwrites a file");
      return 2;
    }
    Path filesDir = files != null ? files : data.resolve("files");
    Path part = out.resolveSibling(out.getFileName() + ".part");
    Path snapshot = null;
    try {
      snapshot = Files.createTempFile(Files.createDirectories(out.toAbsolutePath().getParent()), "labelloop-snapshot-", ".db");
      Files.delete(snapshot); // VACUUM INTO writes a new file only
      snapshot(db, snapshot);
      List<Path> media = mediaFiles(filesDir);
      int copied;
      try (OutputStream o = Files.newOutputStream(part); ZipOutputStream zip = new ZipOutputStream(o)) {
        zip.setLevel(Deflater.BEST_SPEED);
        long total = Files.size(snapshot), done = 0;
        for (Path f : media) total += sizeOrZero(f);
        Progress progress = new Progress(err, "backup", total);
        done += add(zip, DATABASE, snapshot);
        copied = 0;
        for (Path f : media) {
          long n = add(zip, FILES + filesDir.relativize(f).toString().replace('\\', '/'), f);
          if (n >= 0) {
            done += n;
            copied++;
          }
          progress.update(done);
        }
        progress.finish(done, copied + " files");
      }
      Files.move(part, out, StandardCopyOption.ATOMIC_MOVE);
      System.out.printf(Locale.ROOT, "backup written: %s (database %.1f MiB, %d files, zip %.1f MiB)%s%n",
          out, Files.size(snapshot) / 1048576.0, copied, Files.size(out) / 1048576.0,
          copied < media.size() ? "; " + (media.size() - copied) + " files were deleted while it ran (a deleted project's)" : "");
      return 0;
    } catch (IOException | UncheckedIOException | SQLException e) {
      err.println("error: backup failed, nothing written: " + e.getMessage());
      return 1;
    } finally {
      deleteQuietly(part);
      if (snapshot != null) deleteQuietly(snapshot);
    }
  }

  private static void snapshot(Path db, Path into) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 30000");
      }
      try (PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
        vacuum.setString(1, into.toAbsolutePath().toString());
        vacuum.execute();
      }
    }
  }

  /** The stored files, without the staging areas of imports in progress. */
  private static List<Path> mediaFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> all = Files.walk(dir)) {
      return all.filter(Files::isRegularFile).filter(p -> !dir.relativize(p).startsWith(".staging")).sorted().toList();
    }
  }

  /** Adds the file as the entry {@code name}; returns its size, or -1 when it no longer exists (then adds nothing). */
  static long add(ZipOutputStream zip, String name, Path file) throws IOException {
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException deleted) {
      return -1;
    }
    try (in) {
      zip.putNextEntry(new ZipEntry(name));
      long n = in.transferTo(zip);
      zip.closeEntry();
      return n;
    }
  }

  private static long sizeOrZero(Path file) throws IOException {
    try {
      return Files.size(file);
    } catch (NoSuchFileException deleted) {
      return 0;
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException ignored) {
      // a leftover temporary file is not worth failing the backup for
    }
  }
}
