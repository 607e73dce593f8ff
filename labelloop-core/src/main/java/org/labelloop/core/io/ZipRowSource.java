package org.labelloop.core.io;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.InputType;

/**
 * Reads a zip of images or audio files as rows, streaming: each media entry is copied into the import's staging area
 * and becomes a draft whose content is the stored file's key and whose externalId is the entry's path in the zip.
 * Names are never trusted: absolute paths, {@code ..}, backslashes and control characters are per-entry errors, and
 * the stored name is a sanitized copy. A file counts only when its extension and its magic bytes agree on a format
 * the project's input type takes. An optional top-level {@code manifest.csv} or {@code manifest.jsonl} maps paths
 * ({@code file} column) to externalIds, labels and metadata (else, when asked, a file in a folder named like a category
 * is labeled with it); archivers put it anywhere, so the rows of the files before
 * it wait for it, up to {@link #MANIFEST_WINDOW} entries. Size caps are counted on decompressed bytes,
 * so a zip bomb stops at the cap; an entry over its cap stops the reading (skipping its rest would mean inflating it).
 * The line of an error is the entry's position in the zip, from 1. An image's width and height, when its header
 * can be read, are kept in the metadata. The annotation files of a bounding-box format are handed to its
 * {@link Sidecars} instead of being errors.
 */
final class ZipRowSource implements RowSource {
  private static final long MAX_MANIFEST_BYTES = 64L << 20;
  private static final long MAX_SIDECAR_BYTES = 512L << 20;
  /** Entries a manifest may come after: their rows wait in memory (a few hundred bytes each) until it comes. */
  static final int MANIFEST_WINDOW = 50_000;

  /** Entries of a zip that are not media but data about them, read whole into memory. */
  interface Sidecars {
    Sidecars NONE = new Sidecars() {
      @Override
      public boolean wants(String name) {
        return false;
      }

      @Override
      public void accept(long line, String name, byte[] content) {}
    };

    boolean wants(String name);

    void accept(long line, String name, byte[] content);
  }

  private final Counting zip;
  private final FileStore.Staging staging;
  private final InputType inputType;
  private final ZipLimits limits;
  private final ImportLimits importLimits;
  private final Sidecars sidecars;
  private final Predicate<String> isCategory;
  private final java.io.BufferedInputStream raw;
  private final Deque<ParsedRow> pending = new ArrayDeque<>();
  private Map<String, AssetDraft> manifest = null;
  private long manifestLine;
  private final List<ParsedRow> waiting = new ArrayList<>(); // files' rows until a manifest may still come
  private final Map<String, Boolean> manifestUsed = new HashMap<>();
  private long line;
  private long folders;
  private boolean checked;
  private boolean done;

  ZipRowSource(InputStream in, FileStore.Staging staging, InputType inputType, ImportLimits limits) {
    this(in, staging, inputType, limits, Sidecars.NONE, folder -> false);
  }

  /** A zip of media whose files in a folder named like a category ({@code isCategory}) are labeled with it. */
  ZipRowSource(InputStream in, FileStore.Staging staging, InputType inputType, ImportLimits limits, Predicate<String> isCategory) {
    this(in, staging, inputType, limits, Sidecars.NONE, isCategory);
  }

  ZipRowSource(InputStream in, FileStore.Staging staging, InputType inputType, ImportLimits limits, Sidecars sidecars) {
    this(in, staging, inputType, limits, sidecars, folder -> false);
  }

  private ZipRowSource(InputStream in, FileStore.Staging staging, InputType inputType, ImportLimits limits, Sidecars sidecars,
      Predicate<String> isCategory) {
    requireMediaProject(inputType);
    this.sidecars = sidecars;
    this.isCategory = isCategory;
    this.raw = new java.io.BufferedInputStream(in, 1 << 16);
    this.zip = new Counting(new ZipInputStream(raw, StandardCharsets.UTF_8), limits.zip().maxTotalBytes());
    this.staging = staging;
    this.inputType = inputType;
    this.limits = limits.zip();
    this.importLimits = limits;
  }

  static void requireMediaProject(InputType inputType) {
    if (inputType != InputType.IMAGE && inputType != InputType.AUDIO) {
      throw LabelloopException.invalid("format: a zip of files can be imported only into an IMAGE or AUDIO project; this one is " + inputType);
    }
  }

  @Override
  public ParsedRow next() {
    while (pending.isEmpty() && !done) {
      readEntry();
    }
    return pending.poll();
  }

  /** A zip starts with a local file header, or (with no entries at all) with the end of its central directory. */
  private void checkMagic() {
    checked = true;
    byte[] magic = new byte[4];
    int n;
    try {
      raw.mark(4);
      n = raw.readNBytes(magic, 0, 4);
      raw.reset();
    } catch (IOException e) {
      throw LabelloopException.invalid("file: cannot be read: " + Messages.rootMessage(e));
    }
    boolean pk = n == 4 && magic[0] == 'P' && magic[1] == 'K';
    if (pk && magic[2] == 5 && magic[3] == 6) {
      throw LabelloopException.invalid("file: the zip archive is empty");
    }
    if (!pk || magic[2] != 3 || magic[3] != 4) {
      throw LabelloopException.invalid("file: not a zip archive");
    }
  }

  private void readEntry() {
    if (!checked) {
      checkMagic();
    }
    ZipEntry entry;
    try {
      entry = ((ZipInputStream) zip.in()).getNextEntry();
    } catch (IOException | IllegalArgumentException e) {
      stop(++line, "the zip cannot be read any further: " + Messages.rootMessage(e));
      return;
    }
    if (entry == null) {
      if (line == 0) {
        throw LabelloopException.invalid(folders > 0
            ? "file: the zip holds " + folders + " folder(s) and no files"
            : "file: the zip holds no files, or its first entry is damaged");
      }
      finish();
      return;
    }
    String name = entry.getName();
    if (entry.isDirectory()) {
      folders++;
      return;
    }
    if (ignorable(name)) {
      return;
    }
    long at = ++line;
    if (line > limits.maxEntries()) {
      stop(at, "more than " + limits.maxEntries() + " entries; the rest of the zip was not read");
      return;
    }
    String unsafe = unsafe(name);
    if (unsafe != null) {
      emit(ParsedRow.failed(at, "entry '" + Messages.printable(name) + "': " + unsafe));
      return;
    }
    if (name.equals("manifest.csv") || name.equals("manifest.jsonl")) {
      if (manifest != null) {
        emit(ParsedRow.failed(at, "entry '" + name + "': a manifest must be among the first " + MANIFEST_WINDOW
            + " entries of the zip, and only one"));
      } else {
        manifestLine = at;
        readManifest(at, name);
        release();
      }
      return;
    }
    if (manifest == null && at > MANIFEST_WINDOW) {
      release(); // too late for a manifest: the files stay as they are
    }
    if (sidecars.wants(name)) {
      readSidecar(at, name);
      return;
    }
    try {
      storeEntry(at, name);
    } catch (FileStore.TooLarge e) {
      stop(at, "entry '" + Messages.printable(name) + "': " + e.getMessage() + "; the rest of the zip was not read");
    } catch (TotalTooLarge e) {
      stop(at, "the zip holds more than " + limits.maxTotalBytes() + " bytes uncompressed; the rest of the zip was not read");
    } catch (IOException e) {
      stop(at, "entry '" + name + "': cannot be read: " + Messages.rootMessage(e));
    }
  }

  private void storeEntry(long at, String name) throws IOException {
    Optional<MediaType> byName = MediaType.fromFileName(name);
    if (byName.isEmpty()) {
      emit(ParsedRow.failed(at, "entry '" + name + "': not an image or audio file (by its extension)"));
      return;
    }
    if (byName.get().inputType() != inputType) {
      emit(ParsedRow.failed(at, "entry '" + name + "': a " + byName.get().inputType() + " file, but the project takes " + inputType));
      return;
    }
    byte[] head = new byte[MediaType.MAGIC_BYTES];
    int n = zip.readNBytes(head, 0, head.length);
    Optional<MediaType> byContent = MediaType.sniff(head, n);
    if (byContent.isEmpty() || byContent.get() != byName.get()) {
      emit(ParsedRow.failed(at, "entry '" + name + "': its content is not " + byName.get().name()
          + byContent.map(t -> " (it looks like " + t.name() + ")").orElse(" (unknown or damaged data)")));
      return;
    }
    long before = zip.count - n;
    ImageBytes image = new ImageBytes(new SequenceInputStream(new ByteArrayInputStream(head, 0, n), zip.unclosable()),
        inputType == InputType.IMAGE);
    String key = staging.put(baseName(name), image, limits.maxEntryBytes());
    long size = zip.count - before;
    String broken = inputType == InputType.IMAGE ? image.problem(byName.get(), importLimits) : null;
    if (broken != null) {
      emit(ParsedRow.failed(at, "entry '" + name + "': " + broken)); // never published: dropped with the staging
      return;
    }
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    metadata.put("fileName", name).put("mediaType", byName.get().contentType()).put("size", size);
    image.size().ifPresent(d -> metadata.put("width", d.width()).put("height", d.height()));
    emit(ParsedRow.ok(at, new AssetDraft(name, key, metadata, 0, false, folderLabel(name))));
  }

  /** The file's row as the manifest describes it: its externalId, label and metadata (the file's own facts win). */
  private ParsedRow described(ParsedRow row) {
    if (row.error() != null) return row;
    String name = row.draft().externalId();
    AssetDraft described = manifest.get(name);
    if (described == null) return row;
    manifestUsed.put(name, true);
    ObjectNode metadata = JsonNodeFactory.instance.objectNode();
    if (described.metadata() instanceof ObjectNode given) metadata.setAll(given);
    metadata.setAll((ObjectNode) row.draft().metadata());
    return ParsedRow.ok(row.line(), new AssetDraft(described.externalId(), row.draft().content(), metadata, 0, false, described.label()));
  }

  /** A row in entry order: it waits while a manifest may still come to describe it. */
  private void emit(ParsedRow row) {
    if (manifest == null) waiting.add(row); else pending.add(described(row));
  }

  /** Hands on the rows that waited for a manifest, described by it if one came. */
  private void release() {
    if (manifest == null) manifest = Map.of();
    waiting.forEach(row -> pending.add(described(row)));
    waiting.clear();
  }

  /** Reads the manifest into memory (it is small: one short row per file); its bad rows become errors. */
  private void readManifest(long at, String name) {
    ImportFormat format = name.endsWith(".csv") ? ImportFormat.CSV : ImportFormat.JSONL;
    ImportOptions options = new ImportOptions(format, null, "file", null, false);
    byte[] bytes;
    try {
      bytes = zip.unclosable().readNBytes((int) MAX_MANIFEST_BYTES + 1);
    } catch (IOException e) {
      stop(at, "entry '" + name + "': cannot be read: " + Messages.rootMessage(e));
      return;
    }
    if (bytes.length > MAX_MANIFEST_BYTES) {
      stop(at, "entry '" + name + "': larger than " + MAX_MANIFEST_BYTES + " bytes");
      return;
    }
    Map<String, AssetDraft> byPath = new LinkedHashMap<>();
    var reader = new Utf8Reader(new ByteArrayInputStream(bytes), MAX_MANIFEST_BYTES);
    try (RowSource rows = format == ImportFormat.CSV
        ? new CsvRowSource(reader, ',', options, InputType.TEXT, importLimits)
        : JsonRowSource.lines(reader, options, importLimits)) {
      for (ParsedRow row = rows.next(); row != null; row = rows.next()) {
        if (row.error() != null) {
          emit(ParsedRow.failed(at, name + " line " + row.line() + ": " + row.error()));
          continue;
        }
        AssetDraft d = row.draft();
        String path = d.content().trim();
        // without an id column the reader makes an id from the content (here the path); the path itself reads better
        String id = d.externalId().equals(Columns.contentId(d.content())) ? path : d.externalId();
        byPath.put(path, new AssetDraft(id, path, d.metadata(), 0, false, d.label()));
      }
    } catch (LabelloopException e) {
      stop(at, "entry '" + name + "': needs a 'file' column with each file's path in the zip (" + e.getMessage() + ")");
      return;
    } catch (IOException | UncheckedIOException e) {
      stop(at, "entry '" + name + "': cannot be read: " + Messages.rootMessage(e));
      return;
    }
    manifest = byPath;
  }

  private void readSidecar(long at, String name) {
    byte[] bytes;
    try {
      bytes = zip.unclosable().readNBytes((int) MAX_SIDECAR_BYTES + 1);
    } catch (IOException e) {
      stop(at, "entry '" + name + "': cannot be read: " + Messages.rootMessage(e));
      return;
    }
    if (bytes.length > MAX_SIDECAR_BYTES) {
      stop(at, "entry '" + name + "': larger than " + MAX_SIDECAR_BYTES + " bytes");
      return;
    }
    sidecars.accept(at, name, bytes);
  }

  /** At the end: manifest rows whose file the zip lacked are errors too. */
  private void finish() {
    done = true;
    release();
    manifest.keySet().stream()
        .filter(path -> !manifestUsed.containsKey(path))
        .limit(ImportReport.MAX_ERRORS)
        .forEach(path -> pending.add(ParsedRow.failed(manifestLine, "manifest names '" + Messages.printable(path) + "', which is not in the zip")));
  }

  private void stop(long at, String message) {
    emit(ParsedRow.failed(at, message));
    done = true;
    release(); // the files read before it stay good rows
  }

  /** Why a path must not be used, or null when it is a plain relative path. */
  static String unsafe(String name) {
    if (name.isEmpty() || name.length() > 1000) {
      return "the path is empty or too long";
    }
    if (name.indexOf('\\') >= 0) {
      return "the path contains a backslash";
    }
    if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      return "an absolute path is not allowed";
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        return "the path contains a control character";
      }
    }
    for (String part : name.split("/", -1)) {
      if (part.equals("..")) {
        return "a path that leaves the zip ('..') is not allowed";
      }
      if (part.isEmpty() || part.equals(".")) {
        return "the path has an empty or '.' part";
      }
    }
    return null;
  }

  /** Entries that archivers add on their own and that are silently left out. */
  private static boolean ignorable(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    return name.startsWith("__MACOSX/") || base.equals(".DS_Store") || base.equals("Thumbs.db") || base.startsWith("._");
  }

  /** The name of the file's folder when it is a category (the class-folder layout, {@code train/ants/1.jpg}), else null. */
  private String folderLabel(String name) {
    int end = name.lastIndexOf('/');
    String folder = name.substring(name.lastIndexOf('/', end - 1) + 1, Math.max(end, 0));
    return !folder.isEmpty() && isCategory.test(folder) ? folder : null;
  }

  private static String baseName(String name) {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  @Override
  public void close() throws IOException {
    zip.in().close();
  }

  /** Over the total size cap. */
  private static final class TotalTooLarge extends IOException {}

  /** Counts the decompressed bytes read through it and fails past the total cap. */
  private static final class Counting extends FilterInputStream {
    private final long max;
    long count;

    Counting(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    InputStream in() {
      return in;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    private void add(long n) throws TotalTooLarge {
      count += n;
      if (count > max) {
        throw new TotalTooLarge();
      }
    }

    /** This stream, with close() doing nothing, for readers that close what they are given. */
    InputStream unclosable() {
      return new FilterInputStream(this) {
        @Override
        public void close() {}
      };
    }
  }
}
