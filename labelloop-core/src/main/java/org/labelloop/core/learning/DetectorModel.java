package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.image.ObjectDetector;
import org.labelloop.learn.image.OnnxDetector;

/**
 * A team's own YOLO-style ONNX detector ({@link OnnxDetector}), pre-annotating instead of the shipped one: the model file
 * and its pixels ({@link ImageModelFile}, 640×640 RGB in 0..1 unless stated, as Ultralytics exports) and the names of
 * its classes in output order, e.g. {@code {"path": "/models/yolo.onnx", "names": ["ant", "bee"]}}.
 */
public record DetectorModel(ImageModelFile file, List<String> names) {
  private static final int DEFAULT_SIZE = 640;

  public DetectorModel {
    names = List.copyOf(names);
  }

  /** A detector loaded with the tag of its predictions. */
  record Loaded(String version, ObjectDetector detector) {}

  /** The model a {@code detector.model} object gives (null for JSON null); problems are prefixed {@code detector.model}. */
  static DetectorModel parse(JsonNode v, List<String> problems) {
    if (v.isNull()) return null;
    List<String> names = new ArrayList<>();
    ImageModelFile file = ImageModelFile.parse("detector.model", v, DEFAULT_SIZE, Map.of("names", f -> {
      if (f.isArray()) f.forEach(n -> names.add(n.isTextual() ? n.asText().strip() : ""));
      if (!f.isArray() || names.isEmpty() || names.contains("") || new HashSet<>(names).size() < names.size()) {
        problems.add("detector.model.names: must list the model's class names in its output order, each once");
      }
    }), problems);
    if (file != null && !v.has("names")) problems.add("detector.model.names: required (the model's class names in its output order)");
    return file == null || names.isEmpty() ? null : new DetectorModel(file, names);
  }

  /**
   * Loads the model (one ONNX session), its predictions tagged with the file's name and a hash of its bytes and these
   * settings. Throws {@link IllegalArgumentException} when the file is not a detector that takes such an image and
   * gives boxes of these classes.
   */
  Loaded load() {
    byte[] model = file.read();
    return new Loaded(version(model), new OnnxDetector(model, file.input(), names));
  }

  /** The tag {@link #load} gives its predictions, without loading the model. */
  String version() {
    return version(file.read());
  }

  private String version(byte[] model) {
    return file.name(model, names.toString());
  }

  ObjectNode toJson() {
    ObjectNode o = file.toJson();
    ArrayNode n = o.putArray("names");
    names.forEach(n::add);
    return o;
  }
}
