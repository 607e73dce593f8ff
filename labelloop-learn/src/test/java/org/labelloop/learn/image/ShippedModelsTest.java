package org.labelloop.learn.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.onnx.GuardedSession;

/**
 * The converted ONNX files compute what TF.js computes: outputs recorded from TF.js ({@code models/convert.sh}) on a
 * deterministic input, against ONNX Runtime on the same input.
 */
class ShippedModelsTest {
  private static final double TOLERANCE = 2e-5;

  /** The formula of {@code models/tfjs-reference.cjs}: exact in double in both languages, then rounded to float. */
  static float[] input(long[] shape) {
    int n = 1;
    for (long d : shape) n *= (int) d;
    float[] v = new float[n];
    long w = shape[shape.length - 2], c = shape[shape.length - 1];
    for (int i = 0; i < n; i++) {
      long noise = ((i * 2654435761L) & 0xFFFFFFFFL) >>> 24;
      long x = (i / c) % w, y = i / (c * w), ch = i % c;
      v[i] = (float) ((noise + ((x + 2 * y + 40 * ch) % 256)) / 510.0);
    }
    return v;
  }

  @Test void mobileNetMatchesTfjs() throws IOException {
    assertMatches(ShippedModel.MOBILENET_V2, "mobilenet_v2.json", Map.of("block_13_expand_relu/mean", "features"));
  }

  @Test void nanoDetMatchesTfjs() throws IOException {
    assertMatches(ShippedModel.NANODET, "nanodet.json", Map.of("Identity", "scores_8", "Identity_1", "scores_16",
        "Identity_2", "scores_32", "Identity_3", "boxes_8", "Identity_4", "boxes_16", "Identity_5", "boxes_32",
        "PartitionedCall/onnx_tf_prefix_Concat_62/mean", "features"));
  }

  private static void assertMatches(ShippedModel model, String reference, Map<String, String> outputs) throws IOException {
    JsonNode ref;
    try (InputStream in = ShippedModelsTest.class.getResourceAsStream("/models/" + reference)) {
      ref = new ObjectMapper().readTree(in);
    }
    long[] shape = new ObjectMapper().convertValue(ref.get("shape"), long[].class);
    try (GuardedSession s = new GuardedSession(model.bytes(), 2)) {
      s.run(s.inputNames().iterator().next(), input(shape), shape, r -> {
        outputs.forEach((tfjsName, onnxName) -> {
          JsonNode o = ref.get("outputs").get(tfjsName);
          float[] got = GuardedSession.floats(r, onnxName);
          assertArrayEquals(new ObjectMapper().convertValue(o.get("shape"), long[].class), GuardedSession.shape(r, onnxName), onnxName);
          int stride = o.get("stride").asInt(), k = 0;
          double max = 0;
          for (JsonNode v : o.get("values")) max = Math.max(max, Math.abs(got[stride * k++] - v.asDouble()));
          assertTrue(k > 100 && max <= TOLERANCE, onnxName + ": max abs difference " + max + " over " + k + " values");
        });
        return null;
      });
    }
  }
}
