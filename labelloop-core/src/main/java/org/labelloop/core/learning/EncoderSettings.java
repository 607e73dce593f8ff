package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.image.OnnxImageEncoder;
import org.labelloop.learn.model.ModelFile;

/**
 * A user's own ONNX image encoder for an IMAGE project (e.g. CLIP's image tower or a fine-tuned ResNet), used instead
 * of the shipped one: a model file on the server, how it wants its pixels ({@link ImageModelFile}) and which outputs
 * ({@code [batch, d]} each, concatenated; none named: all) form the vector. Set as a whole, like the detector:
 * {@code {"path": "/models/clip.onnx", "width": 224, "height": 224, "channelsFirst": true, "bgr": false,
 * "mean": [122.8, 116.5, 104.0], "std": [68.5, 66.6, 70.3], "outputs": ["image_embeds"]}}; null: the shipped encoder.
 */
public record EncoderSettings(ImageModelFile file, List<String> outputs) {
  private static final int DEFAULT_SIZE = 224;
  /** Images per ONNX run, one run at a time: the encoder shares the machine with labeling and training. */
  private static final int BATCH = 16;

  public EncoderSettings {
    outputs = List.copyOf(outputs);
  }

  /** The settings a stored or patched {@code encoder} object gives (null for JSON null); problems are prefixed {@code encoder.}. */
  static EncoderSettings parse(JsonNode v, List<String> problems) {
    if (v.isNull()) return null;
    List<String> outputs = new ArrayList<>();
    ImageModelFile file = ImageModelFile.parse("encoder", v, DEFAULT_SIZE, Map.of("outputs", f -> {
      if (!f.isArray()) problems.add("encoder.outputs: must be a list of output names");
      else f.forEach(o -> outputs.add(o.asText()));
    }), problems);
    return file == null ? null : new EncoderSettings(file, outputs);
  }

  /**
   * Loads the model (one ONNX session) as an encoder named after the file and a hash of its bytes and these settings,
   * so a changed file or setting names other vectors. Throws {@link IllegalArgumentException} when the file is not a
   * model that takes such an image and gives {@code [batch, d]} outputs.
   */
  OnnxImageEncoder load() {
    byte[] model = file.read();
    return new OnnxImageEncoder(file.name(model, outputs.toString()), model, file.input(), outputs, BATCH, 1);
  }

  /** The encoder as a model file carries it: the file's bytes and settings, under the name its vectors get. */
  ModelFile.ImageEncoding encoding() {
    byte[] model = file.read();
    return new ModelFile.ImageEncoding(file.name(model, outputs.toString()), model, file.input(), outputs);
  }

  ObjectNode toJson() {
    ObjectNode o = file.toJson();
    ArrayNode out = o.putArray("outputs");
    outputs.forEach(out::add);
    return o;
  }
}
