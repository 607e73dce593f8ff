package org.labelloop.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.labelloop.core.io.MediaType;

/**
 * A folder of media files, sent as a zip built on the fly: a writer thread streams the files into a pipe that the HTTP
 * client reads, so memory stays flat and nothing is written to disk. Entries are DEFLATED at level 0 (images and audio
 * are already compressed, and a streamed zip must be DEFLATED for readers that do not seek). Entry names are the
 * files' paths relative to the folder with {@code /} separators; a {@code manifest.csv}/{@code manifest.jsonl} at the
 * top goes first, as the server expects. Hidden files and files with no media extension are left out, except the
 * annotation files (.json, .jsonl, .csv, .txt, .yaml, .yml, .xml) of a format that annotates media when asked for.
 */
final class FolderZip {
  private final Path root;
  private final List<Path> files;
  private final long totalBytes;
  private final int skipped;
  private volatile IOException failure;

  private FolderZip(Path root, List<Path> files, long totalBytes, int skipped) {
    this.root = root;
    this.files = files;
    this.totalBytes = totalBytes;
    this.skipped = skipped;
  }

  static FolderZip scan(Path root, boolean withAnnotations) throws IOException {
    List<Path> media = new ArrayList<>();
    List<Path> manifest = new ArrayList<>();
    int skipped = 0;
    long total = 0;
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList()) {
        Path rel = root.relativize(p);
        String name = p.getFileName().toString();
        boolean hidden = false;
        for (Path part : rel) {
          hidden |= part.toString().startsWith(".");
        }
        if (rel.getNameCount() == 1 && (name.equals("manifest.csv") || name.equals("manifest.jsonl"))) {
          manifest.add(p);
        } else if (!hidden && (MediaType.fromFileName(name).isPresent() || withAnnotations && annotation(name))) {
          media.add(p);
        } else {
          skipped++;
          continue;
        }
        total += Files.size(p);
      }
    }
    if (manifest.size() > 1) {
      throw new CliException("the folder has both manifest.csv and manifest.jsonl; keep one");
    }
    if (media.isEmpty()) {
      throw new CliException("no image or audio files in " + root);
    }
    manifest.addAll(media);
    return new FolderZip(root, List.copyOf(manifest), total, skipped);
  }

  private static boolean annotation(String name) {
    String lower = name.toLowerCase(java.util.Locale.ROOT);
    return lower.endsWith(".json") || lower.endsWith(".jsonl") || lower.endsWith(".csv") || lower.endsWith(".txt")
        || lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".xml");
  }

  int count() {
    return files.size();
  }

  long totalBytes() {
    return totalBytes;
  }

  int skipped() {
    return skipped;
  }

  /** The zip, written by a daemon thread as it is read; progress counts the bytes of files sent. */
  InputStream stream(Progress progress) {
    PipedInputStream in = new PipedInputStream(1 << 16);
    PipedOutputStream out;
    try {
      out = new PipedOutputStream(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread writer = new Thread(() -> write(out, progress), "labelloop-folder-zip");
    writer.setDaemon(true);
    writer.start();
    return in;
  }

  private void write(OutputStream out, Progress progress) {
    long sent = 0;
    try (ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.setLevel(Deflater.NO_COMPRESSION);
      byte[] buf = new byte[1 << 16];
      for (Path p : files) {
        StringBuilder name = new StringBuilder();
        for (Path part : root.relativize(p)) {
          name.append(name.isEmpty() ? "" : "/").append(part);
        }
        zip.putNextEntry(new ZipEntry(name.toString()));
        try (InputStream f = Files.newInputStream(p)) {
          for (int n = f.read(buf); n >= 0; n = f.read(buf)) {
            zip.write(buf, 0, n);
            sent += n;
            progress.update(sent);
          }
        }
        zip.closeEntry();
      }
    } catch (IOException e) {
      failure = e; // the server sees a truncated zip and reports it; the CLI says why
    }
  }

  void rethrowFailure() {
    if (failure != null) {
      throw new CliException("could not send the whole folder: " + failure.getMessage());
    }
  }
}
