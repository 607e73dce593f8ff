package org.labelloop.learn.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Converts a TF.js model (Keras layers or graph) into an ONNX file. Run once when a shipped model is updated (see
 * {@code models/README.md}); the product only loads the result.
 *
 * <pre>java -cp labelloop-learn.jar:… org.labelloop.learn.onnx.TfjsToOnnx model.json out.onnx [OUTPUT[/mean][=ALIAS] …]</pre>
 */
public final class TfjsToOnnx {
  private TfjsToOnnx() {}

  /** The ONNX bytes for {@code modelJson}, with the given outputs (model outputs when empty, layers models only). */
  public static byte[] convert(Path modelJson, List<String> outputs, Map<String, String> metadata) throws IOException {
    return convert(TfjsModel.read(modelJson), outputs, metadata);
  }

  static byte[] convert(TfjsModel m, List<String> outputs, Map<String, String> metadata) {
    OnnxGraph g = m.format().equals("graph-model") ? TfGraph.convert(m, outputs) : KerasLayers.convert(m, outputs);
    return g.toBytes("labelloop-tfjs2onnx", metadata);
  }

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: TfjsToOnnx model.json out.onnx [OUTPUT[/mean][=ALIAS] ...]");
      System.exit(2);
    }
    List<String> outputs = Arrays.asList(args).subList(2, args.length);
    Files.write(Path.of(args[1]), convert(Path.of(args[0]), outputs, Map.of("source", Path.of(args[0]).getFileName().toString())));
  }
}
