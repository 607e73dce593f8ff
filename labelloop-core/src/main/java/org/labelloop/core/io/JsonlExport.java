package org.labelloop.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.StoredAsset;

/**
 * One asset per line with all its labels in Kili's shape, each written as the store reads it: the stored text and JSON
 * are written as their bytes (see {@link JsonBytes}), not decoded and encoded again.
 */
final class JsonlExport {
  private JsonlExport() {}

  static void write(Ports ports, AssetQuery filter, OutputStream out) throws IOException {
    JsonBytes json = new JsonBytes(out);
    try {
      ports.assets().forEachStored(filter, asset -> {
        try {
          line(json, asset);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    json.flush();
  }

  private static void line(JsonBytes json, StoredAsset asset) throws IOException {
    json.ascii("{\"id\":\"").ascii(asset.id())
        .ascii("\",\"externalId\":").string(asset.externalId())
        .ascii(",\"content\":").string(asset.content())
        .ascii(",\"metadata\":");
    if (asset.metadataJson() == null) {
      json.ascii("{}");
    } else {
      json.raw(asset.metadataJson());
    }
    json.ascii(",\"status\":\"").ascii(asset.status().name())
        .ascii("\",\"priority\":").number(asset.priority())
        .ascii(",\"isHoneypot\":").bool(asset.honeypot())
        .ascii(",\"labels\":[");
    String comma = "";
    for (StoredAsset.StoredLabel label : asset.labels()) {
      json.ascii(comma).ascii("{\"id\":\"").ascii(label.id())
          .ascii("\",\"labelType\":\"").ascii(label.labelType().name())
          .ascii("\",\"jsonResponse\":").raw(label.responseJson())
          .ascii(",\"authorId\":").string(label.authorId())
          .ascii(",\"modelVersion\":").string(label.modelVersion())
          .ascii(",\"createdAt\":").string(label.createdAt().toString());
      if (label.secondsToLabel() != null) {
        json.ascii(",\"secondsToLabel\":").number(label.secondsToLabel());
      }
      json.ascii(",\"skipped\":").bool(label.skipped()).ascii("}");
      comma = ",";
    }
    json.ascii("]}\n");
  }
}
