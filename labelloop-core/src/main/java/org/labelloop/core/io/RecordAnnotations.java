package org.labelloop.core.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Project;

/**
 * The one Label Studio or Kili file of a zip of media files: each record names its file (Label Studio's
 * {@code data.image} or {@code data.audio}, Kili's {@code content}) by its path in the zip, a base name only one file
 * has, or a URL or Label Studio upload path ({@code /data/upload/3/1a2b3c4d-cat.jpg}) ending in such a name. The file
 * becomes the asset, with the record's id, metadata and answer. A record naming no file of the zip is an error; a file
 * no record names is imported unlabeled.
 */
final class RecordAnnotations implements AnnotatedZipRowSource.Annotations {
  /** The hash Label Studio puts before the name of an uploaded file. */
  private static final java.util.regex.Pattern UPLOAD_PREFIX = java.util.regex.Pattern.compile("^[0-9a-f]{8}-(.+)$");

  private final ImportFormat format;
  private final Project project;
  private final ImportLimits limits;
  private String fileName;
  private byte[] content;

  RecordAnnotations(ImportFormat format, Project project, ImportLimits limits) {
    this.format = format;
    this.project = project;
    this.limits = limits;
  }

  @Override
  public boolean wants(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".json") || format == ImportFormat.KILI && (lower.endsWith(".jsonl") || lower.endsWith(".csv"));
  }

  @Override
  public void accept(long line, String name, byte[] bytes) {
    if (fileName != null) {
      throw LabelloopException.invalid("format " + format.name().toLowerCase(Locale.ROOT) + ": the zip holds two annotation files, '"
          + fileName + "' and '" + name + "'; keep one");
    }
    fileName = name;
    content = bytes;
  }

  @Override
  public List<ParsedRow> label(List<ParsedRow> files) {
    if (fileName == null) {
      throw LabelloopException.invalid("format " + format.name().toLowerCase(Locale.ROOT) + ": the zip holds no "
          + (format == ImportFormat.KILI ? "Kili JSON or CSV" : "Label Studio JSON") + " file naming its files");
    }
    ImageIndex index = new ImageIndex(files);
    List<ParsedRow> out = new ArrayList<>();
    Map<ParsedRow, ParsedRow> labeled = new IdentityHashMap<>();
    RecordMapper records = ImportRecords.mapper(format, project, fileName);
    try (RowSource rows = ImportRecords.open(new Utf8Reader(new ByteArrayInputStream(content), content.length), format, limits, records)) {
      for (ParsedRow row = rows.next(); row != null; row = rows.next()) {
        if (row.error() != null) {
          out.add(ParsedRow.failed(row.line(), fileName + ": " + row.error()));
          continue;
        }
        String reference = row.draft().content();
        Optional<ParsedRow> file = find(index, reference);
        if (file.isEmpty()) {
          out.add(ParsedRow.failed(row.line(), fileName + ": '" + Messages.printable(reference) + "' is not in the zip" + index.ambiguity(reference)));
        } else if (labeled.containsKey(file.get())) {
          out.add(ParsedRow.failed(row.line(), fileName + ": a second record for '" + AnnotatedZipRowSource.path(file.get()) + "'"));
        } else {
          labeled.put(file.get(), merged(file.get(), row));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (ParsedRow file : files) {
      out.add(labeled.getOrDefault(file, file));
    }
    return out;
  }

  /** The file's row with the record's id, metadata (the file's own facts win) and answer. */
  private static ParsedRow merged(ParsedRow file, ParsedRow record) {
    AssetDraft f = file.draft();
    AssetDraft r = record.draft();
    ObjectNode metadata = ((ObjectNode) r.metadata()).deepCopy();
    metadata.setAll((ObjectNode) f.metadata());
    AssetDraft draft = new AssetDraft(r.externalId(), f.content(), metadata, r.priority(), r.honeypot(), null);
    return record.answer() == null ? ParsedRow.ok(file.line(), draft) : ParsedRow.answered(file.line(), draft, record.answer());
  }

  /** The file a record names: by its path or base name, else by the last part of a URL, without Label Studio's upload hash. */
  private static Optional<ParsedRow> find(ImageIndex index, String reference) {
    Optional<ParsedRow> direct = index.find(reference);
    if (direct.isPresent()) {
      return direct;
    }
    String path = reference;
    try {
      String decoded = URI.create(reference).getPath();
      path = decoded != null ? decoded : reference;
    } catch (IllegalArgumentException e) {
      // not a URI: the reference is a plain path
    }
    String base = ImageIndex.baseName(path);
    Optional<ParsedRow> byName = index.find(base);
    if (byName.isPresent()) {
      return byName;
    }
    var upload = UPLOAD_PREFIX.matcher(base);
    return upload.matches() ? index.find(upload.group(1)) : Optional.empty();
  }
}
