package org.labelloop.learn.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds an ONNX model (opset 17) node by node and serialises it. Used by the TF.js converter and by tests that need a
 * small real model; the field numbers are those of {@code onnx.proto}.
 */
public final class OnnxGraph {
  public static final int FLOAT = 1, UINT8 = 2, UINT16 = 4, INT64 = 7, FLOAT16 = 10, DOUBLE = 11;
  private static final int OPSET = 17, IR_VERSION = 8;

  /** A constant tensor: dims, ONNX element type and little-endian raw bytes. */
  public record Tensor(String name, long[] dims, int type, byte[] raw) {
    public static Tensor floats(String name, long[] dims, float[] values) {
      ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : values) b.putFloat(v);
      return new Tensor(name, dims, FLOAT, b.array());
    }

    public static Tensor longs(String name, long[] dims, long... values) {
      ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
      for (long v : values) b.putLong(v);
      return new Tensor(name, dims, INT64, b.array());
    }

    /** A double scalar. */
    public static Tensor doubles(String name, double value) {
      return new Tensor(name, new long[0], DOUBLE, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).array());
    }

    Protobuf proto() {
      Protobuf p = new Protobuf();
      for (long d : dims) p.varint(1, d);
      return p.varint(2, type).string(8, name).bytes(9, raw);
    }
  }

  /** A node attribute. */
  public record Attr(String name, Object value) {
    public static Attr i(String name, long v) { return new Attr(name, v); }
    public static Attr f(String name, float v) { return new Attr(name, v); }
    public static Attr s(String name, String v) { return new Attr(name, v); }
    public static Attr ints(String name, long... v) { return new Attr(name, v); }

    Protobuf proto() {
      Protobuf p = new Protobuf().string(1, name);
      switch (value) {
        case Float v -> p.float32(2, v).varint(20, 1);
        case Long v -> p.varint(3, v).varint(20, 2);
        case String v -> p.string(4, v).varint(20, 3);
        case long[] v -> {
          for (long x : v) p.varint(8, x);
          p.varint(20, 7);
        }
        default -> throw new IllegalArgumentException("unsupported attribute " + value.getClass());
      }
      return p;
    }
  }

  private record Node(String op, List<String> inputs, List<String> outputs, List<Attr> attrs) {}

  private record Value(String name, int type, long[] dims) {}

  private final String name;
  private final List<Node> nodes = new ArrayList<>();
  private final List<Tensor> initializers = new ArrayList<>();
  private final List<Value> inputs = new ArrayList<>(), outputs = new ArrayList<>();
  private int counter;

  public OnnxGraph(String name) { this.name = name; }

  /** Declares a graph input; a dimension of -1 is dynamic (named {@code N} for the batch). */
  public void input(String name, int type, long... dims) { inputs.add(new Value(name, type, dims)); }

  /** Declares a graph output whose shape ONNX Runtime infers. */
  public void output(String name, int type) { outputs.add(new Value(name, type, null)); }

  public String initializer(Tensor t) {
    initializers.add(t);
    return t.name();
  }

  /** Adds a node with one output, named after the op and a counter; returns that name. */
  public String node(String op, List<String> in, Attr... attrs) {
    return node(op, in, 1, attrs).getFirst();
  }

  /** Adds a node with {@code outputCount} outputs. */
  public List<String> node(String op, List<String> in, int outputCount, Attr... attrs) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < outputCount; k++) out.add(op.toLowerCase() + "_" + (counter++));
    nodes.add(new Node(op, List.copyOf(in), out, List.of(attrs)));
    return out;
  }

  /** Adds a node whose single output has the given name (for graph outputs). */
  public void namedNode(String op, List<String> in, String outName, Attr... attrs) {
    nodes.add(new Node(op, List.copyOf(in), List.of(outName), List.of(attrs)));
  }

  /** A fresh name for a constant. */
  public String fresh(String prefix) { return prefix + "_" + (counter++); }

  /** The serialised {@code ModelProto}. */
  public byte[] toBytes(String producer, Map<String, String> metadata) {
    Protobuf g = new Protobuf();
    for (Node n : nodes) {
      Protobuf p = new Protobuf();
      n.inputs.forEach(i -> p.string(1, i));
      n.outputs.forEach(o -> p.string(2, o));
      p.string(4, n.op);
      n.attrs.forEach(a -> p.message(5, a.proto()));
      g.message(1, p);
    }
    g.string(2, name);
    initializers.forEach(t -> g.message(5, t.proto()));
    inputs.forEach(v -> g.message(11, valueInfo(v)));
    outputs.forEach(v -> g.message(12, valueInfo(v)));
    Protobuf m = new Protobuf().varint(1, IR_VERSION).string(2, producer).message(7, g)
        .message(8, new Protobuf().string(1, "").varint(2, OPSET));
    metadata.forEach((k, v) -> m.message(14, new Protobuf().string(1, k).string(2, v)));
    return m.toBytes();
  }

  private static Protobuf valueInfo(Value v) {
    Protobuf tensor = new Protobuf().varint(1, v.type);
    if (v.dims != null) {
      Protobuf shape = new Protobuf();
      for (long d : v.dims) shape.message(1, d < 0 ? new Protobuf().string(2, "N") : new Protobuf().varint(1, d));
      tensor.message(2, shape);
    }
    return new Protobuf().string(1, v.name).message(2, new Protobuf().message(1, tensor));
  }
}
