package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.InputType;

/**
 * A zip of media files with annotation files naming them: COCO, YOLO or Pascal VOC boxes for images, or a Label
 * Studio or Kili file whose records are the assets with their labels. Each file becomes an asset whose answer, if the
 * annotations give one, is its label. The files are staged as {@link ZipRowSource} reads them; the rows come once the
 * whole zip is read, because annotation files may come before or after their files. An image with a bad box is
 * rejected with every problem its boxes have (so onError=skip keeps only fully labeled images); a file the
 * annotations do not mention is imported unlabeled.
 */
final class AnnotatedZipRowSource implements RowSource {
  /** A format's annotation files: which entries they are, and what they say about each file. */
  interface Annotations extends ZipRowSource.Sidecars {
    /**
     * Every file once, as a row answered with its label, left as it is (unlabeled) or replaced by its problems;
     * plus the problems of annotations that name no file.
     */
    List<ParsedRow> label(List<ParsedRow> images);
  }

  private final ZipRowSource zip;
  private final Annotations annotations;
  private Iterator<ParsedRow> rows;

  AnnotatedZipRowSource(InputStream in, FileStore.Staging staging, InputType inputType, ImportLimits limits, Annotations annotations) {
    this.zip = new ZipRowSource(in, staging, inputType, limits, annotations);
    this.annotations = annotations;
  }

  @Override
  public ParsedRow next() {
    if (rows == null) {
      List<ParsedRow> out = new ArrayList<>();
      List<ParsedRow> images = new ArrayList<>();
      for (ParsedRow row = zip.next(); row != null; row = zip.next()) {
        (row.error() == null ? images : out).add(row);
      }
      out.addAll(annotations.label(images));
      rows = out.iterator();
    }
    return rows.hasNext() ? rows.next() : null;
  }

  /** The image's path in the zip. */
  static String path(ParsedRow image) {
    return image.draft().metadata().path("fileName").asText();
  }

  /** The size an image's boxes are placed in, or why there is none (or why the one given is wrong). */
  record BoxSize(ImageSize size, String problem) {}

  /** The size an annotation file gives, which must be the image's own when its header says; else the header's. */
  static BoxSize boxSize(ParsedRow image, Optional<ImageSize> given) {
    Optional<ImageSize> header = headerSize(image.draft());
    ImageSize size = given.or(() -> header).orElse(null);
    String path = path(image);
    if (size == null) {
      return new BoxSize(null, "the width and height of '" + path + "' are missing (not in the file, and its header cannot be read)");
    }
    if (header.isPresent() && !header.get().equals(size)) {
      return new BoxSize(size, "says " + size + ", but '" + path + "' is " + header.get());
    }
    return new BoxSize(size, null);
  }

  /** The size read from the image's header at import, if it could be read. */
  static Optional<ImageSize> headerSize(AssetDraft draft) {
    return size(draft.metadata());
  }

  /** The width and height an asset's metadata holds, if both are there. */
  static Optional<ImageSize> size(JsonNode metadata) {
    JsonNode w = metadata == null ? null : metadata.get("width");
    JsonNode h = metadata == null ? null : metadata.get("height");
    return w != null && h != null && w.isInt() && h.isInt() && w.asInt() > 0 && h.asInt() > 0
        ? Optional.of(new ImageSize(w.asInt(), h.asInt()))
        : Optional.empty();
  }

  /** The image's row labeled with its boxes, its metadata holding the size they were placed in. */
  static ParsedRow labeled(ParsedRow image, ImageSize size, JsonNode answer) {
    AssetDraft d = image.draft();
    ObjectNode metadata = ((ObjectNode) d.metadata()).deepCopy().put("width", size.width()).put("height", size.height());
    return ParsedRow.answered(image.line(), new AssetDraft(d.externalId(), d.content(), metadata, d.priority(), d.honeypot(), d.label()), answer);
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
