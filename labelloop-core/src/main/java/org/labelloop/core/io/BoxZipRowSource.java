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
 * A zip of images with their bounding boxes in a format's annotation files (COCO, YOLO): each image becomes an asset
 * whose boxes, if the files give any, are the OBJECT_DETECTION job's answer. The images are staged as {@link
 * ZipRowSource} reads them; the rows come once the whole zip is read, because annotation files may come before or
 * after their images. An image with a bad box is rejected with every problem its boxes have (so onError=skip keeps
 * only fully labeled images); an image the files do not mention is imported unlabeled.
 */
final class BoxZipRowSource implements RowSource {
  /** A format's annotation files: which entries they are, and what they say about each image. */
  interface Annotations extends ZipRowSource.Sidecars {
    /**
     * Every image once, as a row answered with its boxes, left as it is (unlabeled) or replaced by its problems;
     * plus the problems of annotations that name no image.
     */
    List<ParsedRow> label(List<ParsedRow> images);
  }

  private final ZipRowSource zip;
  private final Annotations annotations;
  private Iterator<ParsedRow> rows;

  BoxZipRowSource(InputStream in, FileStore.Staging staging, ImportLimits limits, Annotations annotations) {
    this.zip = new ZipRowSource(in, staging, InputType.IMAGE, limits, annotations);
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
