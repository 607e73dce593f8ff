package org.labelloop.learn.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A TF.js model as saved by {@code tensorflowjs_converter} or {@code model.save}: {@code model.json} (topology and
 * weights manifest) beside its binary shards. Weights of one manifest group are the concatenation of its shards.
 */
record TfjsModel(JsonNode topology, String format, Map<String, TfjsWeight> weights) {

  static TfjsModel read(Path modelJson) throws IOException {
    JsonNode root = new ObjectMapper().readTree(modelJson.toFile());
    Map<String, byte[]> shards = new HashMap<>();
    for (JsonNode group : root.path("weightsManifest"))
      for (JsonNode p : group.path("paths")) shards.put(p.asText(), Files.readAllBytes(modelJson.resolveSibling(p.asText())));
    return parse(root, shards);
  }

  /** A model from its {@code model.json} tree and its shards by path. */
  static TfjsModel parse(JsonNode root, Map<String, byte[]> shards) {
    Map<String, TfjsWeight> weights = new LinkedHashMap<>();
    for (JsonNode group : root.path("weightsManifest")) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (JsonNode p : group.path("paths")) {
        byte[] shard = shards.get(p.asText());
        if (shard == null) throw new TfjsFormatException("missing weights shard " + p.asText());
        all.writeBytes(shard);
      }
      byte[] bytes = all.toByteArray();
      int at = 0;
      for (JsonNode w : group.path("weights")) {
        long[] shape = new long[w.path("shape").size()];
        for (int i = 0; i < shape.length; i++) shape[i] = w.path("shape").get(i).asLong();
        JsonNode q = w.path("quantization");
        String quant = q.isMissingNode() ? "" : q.path("dtype").asText();
        String dtype = w.path("dtype").asText();
        long n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
        int len = Math.toIntExact(n * TfjsWeight.width(dtype, quant));
        if (at + len > bytes.length) throw new TfjsFormatException("weight " + w.path("name").asText() + " runs past its shards");
        weights.put(w.path("name").asText(), new TfjsWeight(w.path("name").asText(), shape, dtype, quant,
            q.path("scale").asDouble(0), q.path("min").asDouble(0), Arrays.copyOfRange(bytes, at, at + len)));
        at += len;
      }
    }
    String format = root.has("format") ? root.path("format").asText() : "layers-model";
    return new TfjsModel(root.path("modelTopology"), format, weights);
  }

  TfjsWeight weight(String name) {
    TfjsWeight w = weights.get(name);
    if (w == null) throw new TfjsFormatException("weight " + name + " is not in the manifest");
    return w;
  }
}
