package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.labelloop.learn.image.ImageInput;

/**
 * A user's own ONNX image model on the server and how it wants its pixels ({@link ImageInput}): the part that the
 * {@code encoder} and the {@code detector}'s {@code model} settings share, read from {@code path}, {@code width},
 * {@code height}, {@code channelsFirst}, {@code bgr}, {@code mean} and {@code std} (on the 0..255 scale).
 */
record ImageModelFile(Path path, ImageInput input) {

  /**
   * The model file an object {@code v} describes, its other fields handed to {@code more} (any other is an unknown
   * setting); null with a problem prefixed by {@code prefix} when it is not one.
   */
  static ImageModelFile parse(String prefix, JsonNode v, int defaultSize, Map<String, Consumer<JsonNode>> more, List<String> problems) {
    if (!v.isObject() || !v.path("path").isTextual()) {
      problems.add(prefix + ": must be null or an object like {\"path\": \"/models/model.onnx\", \"width\": " + defaultSize
          + ", \"height\": " + defaultSize + ", \"mean\": [0, 0, 0], \"std\": [255, 255, 255]}");
      return null;
    }
    int[] size = {defaultSize, defaultSize};
    boolean[] layout = {true, false}; // channels first, BGR
    float[][] norm = {{0, 0, 0}, {255, 255, 255}};
    Path path = Path.of(v.get("path").asText());
    int before = problems.size();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      JsonNode f = e.getValue();
      String name = prefix + "." + e.getKey();
      switch (e.getKey()) {
        case "path" -> {
          if (!path.isAbsolute()) problems.add(name + ": '" + path + "' must be an absolute path on the server");
        }
        case "width", "height" -> {
          if (f.canConvertToInt() && f.isIntegralNumber()) size[e.getKey().equals("width") ? 0 : 1] = f.asInt();
          else problems.add(name + ": must be an integer");
        }
        case "channelsFirst" -> {
          if (f.isBoolean()) layout[0] = f.asBoolean(); else problems.add(name + ": must be true (NCHW) or false (NHWC)");
        }
        case "bgr" -> {
          if (f.isBoolean()) layout[1] = f.asBoolean(); else problems.add(name + ": must be true or false");
        }
        case "mean", "std" -> {
          if (f.isArray() && f.size() == 3 && f.get(0).isNumber() && f.get(1).isNumber() && f.get(2).isNumber()) {
            norm[e.getKey().equals("mean") ? 0 : 1] = new float[] {f.get(0).floatValue(), f.get(1).floatValue(), f.get(2).floatValue()};
          } else {
            problems.add(name + ": must be three numbers (one per channel, on the 0..255 scale)");
          }
        }
        default -> {
          Consumer<JsonNode> field = more.get(e.getKey());
          if (field != null) field.accept(f); else problems.add(name + ": unknown setting");
        }
      }
    }
    if (problems.size() > before) return null;
    try {
      return new ImageModelFile(path, new ImageInput(size[0], size[1], layout[0], layout[1], norm[0], norm[1]));
    } catch (IllegalArgumentException ex) {
      problems.add(prefix + ": " + ex.getMessage());
      return null;
    }
  }

  /** The model's bytes; {@link IllegalArgumentException} when the file cannot be read. */
  byte[] read() {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  /** A name for what the model makes: the file's name and a hash of its bytes and of {@code settings}, so a changed file or setting names other results. */
  String name(byte[] model, String settings) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(model);
      sha.update((input + " " + settings).getBytes(StandardCharsets.UTF_8));
      return "onnx:" + path.getFileName() + "@" + HexFormat.of().formatHex(sha.digest(), 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("path", path.toString()).put("width", input.width())
        .put("height", input.height()).put("channelsFirst", input.channelsFirst()).put("bgr", input.bgr());
    ArrayNode mean = o.putArray("mean"), std = o.putArray("std");
    for (int c = 0; c < 3; c++) {
      mean.add(input.mean()[c]);
      std.add(input.std()[c]);
    }
    return o;
  }
}
