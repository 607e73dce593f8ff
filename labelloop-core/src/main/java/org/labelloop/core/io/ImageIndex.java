package org.labelloop.core.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The images of a zip by their path, their base name and their path without extension, for annotation files to name them. */
final class ImageIndex {
  private final Map<String, ParsedRow> byPath = new HashMap<>();
  private final Map<String, List<ParsedRow>> byBaseName = new HashMap<>();
  private final Map<String, ParsedRow> byStem = new HashMap<>();

  ImageIndex(List<ParsedRow> images) {
    for (ParsedRow image : images) {
      String path = AnnotatedZipRowSource.path(image);
      byPath.put(path, image);
      byBaseName.computeIfAbsent(baseName(path), b -> new ArrayList<>()).add(image);
      byStem.putIfAbsent(stem(path), image);
    }
  }

  /** The image at this path, else the only image with this base name. */
  Optional<ParsedRow> find(String file) {
    ParsedRow exact = byPath.get(file);
    if (exact != null) {
      return Optional.of(exact);
    }
    List<ParsedRow> named = byBaseName.getOrDefault(baseName(file), List.of());
    return named.size() == 1 ? Optional.of(named.getFirst()) : Optional.empty();
  }

  /** Why {@link #find} found nothing when several images share the name; else empty. */
  String ambiguity(String file) {
    int n = byBaseName.getOrDefault(baseName(file), List.of()).size();
    return n > 1 ? " (" + n + " images are named '" + baseName(file) + "'; give the path in the zip)" : "";
  }

  /** The image whose path without its extension is this. */
  Optional<ParsedRow> byStem(String stem) {
    return Optional.ofNullable(byStem.get(stem));
  }

  static String baseName(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  static String stem(String path) {
    int dot = path.lastIndexOf('.');
    return dot > path.lastIndexOf('/') ? path.substring(0, dot) : path;
  }
}
