package org.labelloop.learn.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A small Keras-layers model written here (convolution with stride and SAME padding, batch norm, ReLU6, depthwise
 * convolution, residual add, global pooling, softmax dense; weights plain, float16 and uint8-quantized) converts to
 * an ONNX model whose outputs equal a direct computation of the layers.
 */
class TfjsToOnnxTest {
  private final Random rnd = new Random(7);
  private final ByteArrayOutputStream bin = new ByteArrayOutputStream();
  private final StringBuilder manifest = new StringBuilder();

  @Test void convertsKerasLayersToEquivalentOnnx() throws Exception {
    double[][][][] convK = weight("conv/kernel", new int[] {3, 3, 2, 3}, "uint8");
    double[] convB = flat(weight("conv/bias", new int[] {3}, ""));
    double[] gamma = flat(weight("bn/gamma", new int[] {3}, "float16"));
    double[] beta = flat(weight("bn/beta", new int[] {3}, ""));
    double[] mean = flat(weight("bn/moving_mean", new int[] {3}, ""));
    double[] var = flat(weight("bn/moving_variance", new int[] {3}, "positive"));
    double[][][][] dwK = weight("dw/depthwise_kernel", new int[] {3, 3, 3, 1}, "");
    double[][][][] denseK = weight("dense/kernel", new int[] {3, 2}, "uint8");
    double[] denseB = flat(weight("dense/bias", new int[] {2}, ""));
    String layers = """
        [{"name":"in","class_name":"InputLayer","config":{"batch_input_shape":[null,6,6,2],"name":"in"},"inbound_nodes":[]},
         {"name":"conv","class_name":"Conv2D","config":{"name":"conv","filters":3,"kernel_size":[3,3],"strides":[2,2],
          "padding":"same","dilation_rate":[1,1],"activation":"linear","use_bias":true},"inbound_nodes":[[["in",0,0,{}]]]},
         {"name":"bn","class_name":"BatchNormalization","config":{"name":"bn","axis":-1,"epsilon":0.001,"center":true,
          "scale":true},"inbound_nodes":[[["conv",0,0,{}]]]},
         {"name":"relu","class_name":"ReLU","config":{"name":"relu","max_value":6,"negative_slope":0,"threshold":0},
          "inbound_nodes":[[["bn",0,0,{}]]]},
         {"name":"dw","class_name":"DepthwiseConv2D","config":{"name":"dw","kernel_size":[3,3],"strides":[1,1],
          "padding":"same","dilation_rate":[1,1],"activation":"linear","use_bias":false,"depth_multiplier":1},
          "inbound_nodes":[[["relu",0,0,{}]]]},
         {"name":"add","class_name":"Add","config":{"name":"add"},"inbound_nodes":[[["relu",0,0,{}],["dw",0,0,{}]]]},
         {"name":"gap","class_name":"GlobalAveragePooling2D","config":{"name":"gap"},"inbound_nodes":[[["add",0,0,{}]]]},
         {"name":"dense","class_name":"Dense","config":{"name":"dense","units":2,"activation":"softmax","use_bias":true},
          "inbound_nodes":[[["gap",0,0,{}]]]}]""";
    JsonNode json = new ObjectMapper().readTree("{\"modelTopology\":{\"model_config\":{\"class_name\":\"Model\",\"config\":{"
        + "\"layers\":" + layers + ",\"output_layers\":[[\"dense\",0,0]]}}},\"weightsManifest\":[{\"paths\":[\"w.bin\"],"
        + "\"weights\":[" + manifest.substring(1) + "]}]}");
    byte[] onnx = TfjsToOnnx.convert(TfjsModel.parse(json, Map.of("w.bin", bin.toByteArray())), List.of("dense", "add/mean=pooled"), Map.of());

    double[][][] x = new double[6][6][2];
    float[] flatX = new float[72];
    for (int i = 0; i < 72; i++) x[i / 12][i / 2 % 6][i % 2] = flatX[i] = rnd.nextFloat() * 2 - 1;
    double[][][] h = conv(x, convK, convB, 2, false);
    for (double[][] row : h)
      for (double[] px : row)
        for (int c = 0; c < 3; c++) px[c] = Math.min(6, Math.max(0, (px[c] - mean[c]) / Math.sqrt(var[c] + 1e-3) * gamma[c] + beta[c]));
    double[][][] d = conv(h, dwK, new double[3], 1, true);
    double[] pooled = new double[3];
    for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) for (int c = 0; c < 3; c++) pooled[c] += (h[i][j][c] + d[i][j][c]) / 9;
    double[] logits = denseB.clone();
    for (int o = 0; o < 2; o++) for (int c = 0; c < 3; c++) logits[o] += pooled[c] * denseK[0][0][c][o];
    double z = Math.exp(logits[0]) + Math.exp(logits[1]);

    try (GuardedSession s = new GuardedSession(onnx, 1)) {
      s.run("in", flatX, new long[] {1, 6, 6, 2}, r -> {
        float[] p = GuardedSession.floats(r, "pooled"), y = GuardedSession.floats(r, "dense");
        for (int c = 0; c < 3; c++) assertEquals(pooled[c], p[c], 1e-5);
        assertEquals(Math.exp(logits[0]) / z, y[0], 1e-5);
        assertEquals(Math.exp(logits[1]) / z, y[1], 1e-5);
        return null;
      });
    }
  }

  @Test void namesTheUnsupportedLayer() throws Exception {
    JsonNode json = new ObjectMapper().readTree("""
        {"modelTopology":{"model_config":{"class_name":"Model","config":{"layers":[
          {"name":"in","class_name":"InputLayer","config":{"batch_input_shape":[null,4,4,1],"name":"in"},"inbound_nodes":[]},
          {"name":"lstm","class_name":"LSTM","config":{"name":"lstm"},"inbound_nodes":[[["in",0,0,{}]]]}],
          "output_layers":[["lstm",0,0]]}}},"weightsManifest":[]}""");
    TfjsFormatException e = assertThrows(TfjsFormatException.class, () -> TfjsToOnnx.convert(TfjsModel.parse(json, Map.of()), List.of(), Map.of()));
    assertTrue(e.getMessage().contains("lstm") && e.getMessage().contains("LSTM"), e.getMessage());
  }

  /** TF's SAME convolution on one NHWC image; {@code depthwise}: kernel [kh, kw, channels, 1]. */
  private static double[][][] conv(double[][][] x, double[][][][] k, double[] bias, int stride, boolean depthwise) {
    int in = x.length, kh = k.length, out = (in + stride - 1) / stride, cout = depthwise ? x[0][0].length : k[0][0][0].length;
    int before = Math.max((out - 1) * stride + kh - in, 0) / 2;
    double[][][] y = new double[out][out][cout];
    for (int i = 0; i < out; i++)
      for (int j = 0; j < out; j++)
        for (int o = 0; o < cout; o++) {
          double s = bias[o];
          for (int a = 0; a < kh; a++)
            for (int b = 0; b < kh; b++) {
              int r = i * stride + a - before, c = j * stride + b - before;
              if (r < 0 || c < 0 || r >= in || c >= in) continue;
              if (depthwise) s += x[r][c][o] * k[a][b][o][0];
              else for (int ci = 0; ci < x[0][0].length; ci++) s += x[r][c][ci] * k[a][b][ci][o];
            }
          y[i][j][o] = s;
        }
    return y;
  }

  private static double[] flat(double[][][][] w) { return w[0][0][0]; }

  /** Random weights stored as TF.js would ({@code uint8}/{@code float16} quantized or plain), as their exact values. */
  private double[][][][] weight(String name, int[] shape, String kind) {
    int[] s = shape.length == 4 ? shape : shape.length == 2 ? new int[] {1, 1, shape[0], shape[1]} : new int[] {1, 1, 1, shape[0]};
    double[][][][] w = new double[s[0]][s[1]][s[2]][s[3]];
    int n = s[0] * s[1] * s[2] * s[3];
    double scale = 0.01, min = -1.1;
    ByteBuffer b = ByteBuffer.allocate(n * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < n; i++) {
      double v;
      switch (kind) {
        case "uint8" -> {
          int q = rnd.nextInt(256);
          b.put((byte) q);
          v = (float) (q * scale + min);
        }
        case "float16" -> {
          short h = Float.floatToFloat16(rnd.nextFloat() + 0.5f);
          b.putShort(h);
          v = Float.float16ToFloat(h);
        }
        default -> {
          float f = kind.equals("positive") ? rnd.nextFloat() + 0.1f : rnd.nextFloat() - 0.5f;
          b.putFloat(f);
          v = f;
        }
      }
      w[i / (s[1] * s[2] * s[3])][i / (s[2] * s[3]) % s[1]][i / s[3] % s[2]][i % s[3]] = v;
    }
    bin.write(b.array(), 0, b.position());
    String q = kind.equals("uint8") ? ",\"quantization\":{\"dtype\":\"uint8\",\"scale\":" + scale + ",\"min\":" + min + "}"
        : kind.equals("float16") ? ",\"quantization\":{\"dtype\":\"float16\"}" : "";
    manifest.append(",{\"name\":\"").append(name).append("\",\"shape\":").append(java.util.Arrays.toString(shape))
        .append(",\"dtype\":\"float32\"").append(q).append('}');
    return w;
  }
}
