package org.labelloop.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code labelloop restore}: a backup zip into a new data directory, for {@code labelloop serve --data DIR}. Everything
 * is unpacked beside the target first and moved into place last, so an interrupted restore leaves no half database.
 */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = "Unpack a backup made by labelloop backup into a new data directory; then run labelloop serve --data DIR.")
public final class RestoreCommand implements Callable<Integer> {
  @Option(names = "--from", required = true, description = "The backup zip.")
  Path from;

  @Option(names = "--data", required = true, description = "The data directory to create (new or empty).")
  Path data;

  @Override
  public Integer call() {
    if (!empty(data)) {
      System.err.println("error: " + data + " is not empty; restore into a new directory");
      return 2;
    }
    Path staging = data.resolveSibling(data.getFileName() + ".restoring");
    try (ZipFile zip = new ZipFile(from.toFile())) {
      if (zip.getEntry(BackupCommand.DATABASE) == null) {
        System.err.println("error: " + from + " is not a Labelloop backup (no " + BackupCommand.DATABASE + ")");
        return 2;
      }
      deleteTree(staging);
      long total = zip.stream().mapToLong(e -> Math.max(0, e.getSize())).sum(), done = 0, files = 0;
      Progress progress = new Progress(System.err, "restore", total);
      for (ZipEntry entry : zip.stream().toList()) {
        Path target = safeTarget(staging, entry.getName());
        if (entry.isDirectory()) continue;
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          done += Files.copy(in, target);
        }
        if (entry.getName().startsWith(BackupCommand.FILES)) files++;
        progress.update(done);
      }
      progress.finish(done, files + " files");
      Files.createDirectories(data);
      if (Files.exists(staging.resolve("files"))) Files.move(staging.resolve("files"), data.resolve("files"));
      Files.move(staging.resolve(BackupCommand.DATABASE), data.resolve(BackupCommand.DATABASE), StandardCopyOption.ATOMIC_MOVE);
      System.out.printf(Locale.ROOT, "restored into %s: the database and %d files; start it with: labelloop serve --data %s%n",
          data, files, data);
      return 0;
    } catch (IOException | UncheckedIOException e) {
      System.err.println("error: restore failed: " + e.getMessage());
      return 1;
    } finally {
      deleteTree(staging);
    }
  }

  /** The entry's place under {@code root}; a backup holds the database and files/ only, never a path out of the root. */
  private static Path safeTarget(Path root, String name) throws IOException {
    Path target = root.resolve(name).normalize();
    boolean file = name.startsWith(BackupCommand.FILES) && target.startsWith(root.resolve("files"));
    if (!file && !name.equals(BackupCommand.DATABASE)) {
      throw new IOException("unexpected entry '" + name + "' (a backup holds " + BackupCommand.DATABASE + " and files/)");
    }
    return target;
  }

  private static boolean empty(Path dir) {
    if (!Files.exists(dir)) return true;
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) return;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    } catch (IOException e) {
      System.err.println("warning: could not remove " + dir + ": " + e.getMessage());
    }
  }
}
