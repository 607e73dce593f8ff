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
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.image.ImageInput;
import org.labelloop.learn.image.OnnxImageEncoder;
import org.labelloop.learn.model.ModelFile;

/**
 * A user's own ONNX image encoder for an IMAGE project (e.g. CLIP's image tower or a fine-tuned ResNet), used instead
 * of the shipped one: a model file on the server, how it wants its pixels ({@link ImageInput}) and which outputs
 * ({@code [batch, d]} each, concatenated; none named: all) form the vector. Set as a whole, like the detector:
 * {@code {"path": "/models/clip.onnx", "width": 224, "height": 224, "channelsFirst": true, "bgr": false,
 * "mean": [122.8, 116.5, 104.0], "std": [68.5, 66.6, 70.3], "outputs": ["image_embeds"]}}; null: the shipped encoder.
 */
public record EncoderSettings(Path path, ImageInput input, List<String> outputs) {
  private static final int DEFAULT_SIZE = 224;
  /** Images per ONNX run, one run at a time: the encoder shares the machine with labeling and training. */
  private static final int BATCH = 16;

  public EncoderSettings {
    outputs = List.copyOf(outputs);
  }

  /** The settings a stored or patched {@code encoder} object gives (null for JSON null); problems are prefixed {@code encoder.}. */
  static EncoderSettings parse(JsonNode v, List<String> problems) {
    if (v.isNull()) return null;
    if (!v.isObject() || !v.path("path").isTextual()) {
      problems.add("encoder: must be null or an object like {\"path\": \"/models/encoder.onnx\", \"width\": 224, \"height\": 224,"
          + " \"mean\": [0, 0, 0], \"std\": [255, 255, 255]}");
      return null;
    }
    int width = DEFAULT_SIZE, height = DEFAULT_SIZE;
    boolean channelsFirst = true, bgr = false;
    float[] mean = {0, 0, 0}, std = {255, 255, 255};
    List<String> outputs = new ArrayList<>();
    Path path = Path.of(v.get("path").asText());
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      JsonNode f = e.getValue();
      switch (e.getKey()) {
        case "path" -> {
          if (!path.isAbsolute()) problems.add("encoder.path: '" + path + "' must be an absolute path on the server");
        }
        case "width" -> width = f.canConvertToInt() && f.isIntegralNumber() ? f.asInt() : invalid(problems, "encoder.width: must be an integer");
        case "height" -> height = f.canConvertToInt() && f.isIntegralNumber() ? f.asInt() : invalid(problems, "encoder.height: must be an integer");
        case "channelsFirst" -> {
          if (f.isBoolean()) channelsFirst = f.asBoolean(); else problems.add("encoder.channelsFirst: must be true (NCHW) or false (NHWC)");
        }
        case "bgr" -> {
          if (f.isBoolean()) bgr = f.asBoolean(); else problems.add("encoder.bgr: must be true or false");
        }
        case "mean" -> mean = triple(f, "encoder.mean", mean, problems);
        case "std" -> std = triple(f, "encoder.std", std, problems);
        case "outputs" -> {
          if (!f.isArray()) problems.add("encoder.outputs: must be a list of output names");
          else f.forEach(o -> outputs.add(o.asText()));
        }
        default -> problems.add("encoder." + e.getKey() + ": unknown setting");
      }
    }
    try {
      return new EncoderSettings(path, new ImageInput(width, height, channelsFirst, bgr, mean, std), outputs);
    } catch (IllegalArgumentException ex) {
      problems.add("encoder: " + ex.getMessage());
      return null;
    }
  }

  private static int invalid(List<String> problems, String problem) {
    problems.add(problem);
    return DEFAULT_SIZE;
  }

  private static float[] triple(JsonNode f, String name, float[] current, List<String> problems) {
    if (!f.isArray() || f.size() != 3 || !f.get(0).isNumber() || !f.get(1).isNumber() || !f.get(2).isNumber()) {
      problems.add(name + ": must be three numbers (one per channel, on the 0..255 scale)");
      return current;
    }
    return new float[] {f.get(0).floatValue(), f.get(1).floatValue(), f.get(2).floatValue()};
  }

  /**
   * Loads the model (one ONNX session) as an encoder named after the file and a hash of its bytes and these settings,
   * so a changed file or setting names other vectors. Throws {@link IllegalArgumentException} when the file is not a
   * model that takes such an image and gives {@code [batch, d]} outputs.
   */
  OnnxImageEncoder load() {
    byte[] model = bytes();
    return new OnnxImageEncoder(name(model), model, input, outputs, BATCH, 1);
  }

  /** The encoder as a model file carries it: the file's bytes and settings, under the name its vectors get. */
  ModelFile.ImageEncoding encoding() {
    byte[] model = bytes();
    return new ModelFile.ImageEncoding(name(model), model, input, outputs);
  }

  private byte[] bytes() {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private String name(byte[] model) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(model);
      sha.update((input + " " + outputs).getBytes(StandardCharsets.UTF_8));
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
    ArrayNode out = o.putArray("outputs");
    outputs.forEach(out::add);
    return o;
  }
}
