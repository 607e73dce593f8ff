package org.labelloop.learn.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.labelloop.learn.onnx.OnnxGraph.Tensor;

/**
 * One entry of a TF.js weights manifest with its bytes. TF.js stores floats plain, as float16, or affinely quantized
 * to uint8/uint16 ({@code value = q * scale + min}); the ONNX graph keeps that compact storage and dequantizes with
 * Cast/Mul/Add nodes, which ONNX Runtime folds into constants when it loads the model.
 */
record TfjsWeight(String name, long[] shape, String dtype, String quantization, double scale, double min, byte[] raw) {

  long size() {
    long n = 1;
    for (long d : shape) n *= d;
    return n;
  }

  /** Adds this weight to the graph as a float32 (or int64, for int32 weights) value; returns the value's name. */
  String emit(OnnxGraph g) {
    String base = g.fresh(name.replaceAll("[^A-Za-z0-9_]", "_"));
    if (dtype.equals("int32")) return g.initializer(Tensor.longs(base, shape, ints()));
    if (!dtype.equals("float32")) throw new TfjsFormatException("weight " + name + " has unsupported dtype " + dtype);
    return switch (quantization) {
      case "" -> g.initializer(new Tensor(base, shape, OnnxGraph.FLOAT, raw));
      case "float16" -> g.node("Cast", List.of(g.initializer(new Tensor(base, shape, OnnxGraph.FLOAT16, raw))),
          OnnxGraph.Attr.i("to", OnnxGraph.FLOAT));
      case "uint8", "uint16" -> { // in double, rounded once, as TF.js does: float math loses small weights near -min
        int type = quantization.equals("uint8") ? OnnxGraph.UINT8 : OnnxGraph.UINT16;
        String q = g.node("Cast", List.of(g.initializer(new Tensor(base, shape, type, raw))),
            OnnxGraph.Attr.i("to", OnnxGraph.DOUBLE));
        String s = g.initializer(Tensor.doubles(g.fresh("scale"), scale));
        String m = g.initializer(Tensor.doubles(g.fresh("min"), min));
        yield g.node("Cast", List.of(g.node("Add", List.of(g.node("Mul", List.of(q, s)), m))),
            OnnxGraph.Attr.i("to", OnnxGraph.FLOAT));
      }
      default -> throw new TfjsFormatException("weight " + name + " has unsupported quantization " + quantization);
    };
  }

  /** The values of an int32 weight (shapes, axes, paddings). */
  long[] ints() {
    if (!dtype.equals("int32") || !quantization.isEmpty()) throw new TfjsFormatException(name + " is not an int32 weight");
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    long[] v = new long[(int) size()];
    for (int i = 0; i < v.length; i++) v[i] = b.getInt();
    return v;
  }

  /** The dequantized values, as TF.js computes them (in double, rounded once to float). */
  float[] floats() {
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    float[] v = new float[(int) size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = switch (quantization) {
        case "" -> b.getFloat();
        case "float16" -> Float.float16ToFloat(b.getShort());
        case "uint8" -> (float) ((b.get() & 0xFF) * scale + min);
        case "uint16" -> (float) ((b.getShort() & 0xFFFF) * scale + min);
        default -> throw new TfjsFormatException("weight " + name + " has unsupported quantization " + quantization);
      };
    }
    return v;
  }

  /** Bytes per stored element. */
  static int width(String dtype, String quantization) {
    return switch (quantization) {
      case "uint8" -> 1;
      case "uint16", "float16" -> 2;
      case "" -> switch (dtype) {
        case "float32", "int32" -> 4;
        case "bool" -> 1;
        default -> throw new TfjsFormatException("unsupported weight dtype " + dtype);
      };
      default -> throw new TfjsFormatException("unsupported quantization " + quantization);
    };
  }
}
