package org.labelloop.learn.onnx;

import static org.labelloop.learn.onnx.OnnxGraph.Attr;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.onnx.OnnxGraph.Tensor;

/**
 * Translates a TF.js graph model (a frozen TensorFlow GraphDef) into ONNX, node by node, resolving each node lazily
 * from the requested outputs so only what they need is converted. Integer tensors that only compute shapes (Const,
 * Cast, SparseToDense, AddV2 on constants) are evaluated here; NHWC ops are wrapped in transposes, which ONNX
 * Runtime cancels against the neighbouring ones when it optimises the graph.
 */
final class TfGraph {
  /** A converted tensor: an ONNX value (rank when known, -1 otherwise) or an integer constant. */
  private record Value(String onnx, long[] ints, long[] dims) {
    static Value of(String onnx) { return new Value(onnx, null, null); }
    static Value ints(long[] dims, long[] v) { return new Value(null, v, dims); }
  }

  private final TfjsModel model;
  private final OnnxGraph g;
  private final Map<String, JsonNode> nodes = new LinkedHashMap<>();
  private final Map<String, Value> done = new HashMap<>();

  private TfGraph(TfjsModel model, OnnxGraph g) {
    this.model = model;
    this.g = g;
    for (JsonNode n : model.topology().path("node")) nodes.put(n.path("name").asText(), n);
  }

  /**
   * @param outputs node names (with {@code :k} for a node's k-th output) that become graph outputs; a name ending in
   *     {@code /mean} outputs that NCHW tensor averaged over its spatial positions ([N, C]); {@code =alias} renames it
   */
  static OnnxGraph convert(TfjsModel model, List<String> outputs) {
    if (outputs.isEmpty()) throw new TfjsFormatException("a graph model needs the names of the outputs to convert");
    OnnxGraph g = new OnnxGraph("tfjs-graph");
    TfGraph t = new TfGraph(model, g);
    for (String spec : outputs) {
      String out = spec.split("=")[0], alias = spec.contains("=") ? spec.split("=")[1] : out;
      boolean mean = out.endsWith("/mean");
      Value v = t.value(mean ? out.substring(0, out.length() - 5) : out);
      String src = mean ? g.node("Flatten", List.of(g.node("GlobalAveragePool", List.of(t.data(v))))) : t.data(v);
      g.namedNode("Identity", List.of(src), alias);
      g.output(alias, OnnxGraph.FLOAT);
    }
    return g;
  }

  private Value value(String ref) {
    String key = ref.contains(":") ? ref : ref + ":0";
    Value v = done.get(key);
    if (v != null) return v;
    String name = key.substring(0, key.lastIndexOf(':'));
    JsonNode n = nodes.get(name);
    if (n == null) throw new TfjsFormatException("no node named " + name);
    List<Value> out = convert(n);
    for (int i = 0; i < out.size(); i++) done.put(name + ":" + i, out.get(i));
    v = done.get(key);
    if (v == null) throw new TfjsFormatException("node " + name + " has no output " + key);
    return v;
  }

  private List<Value> inputs(JsonNode n) {
    List<Value> in = new ArrayList<>();
    for (JsonNode i : n.path("input")) if (!i.asText().startsWith("^")) in.add(value(i.asText()));
    return in;
  }

  private String data(Value v) {
    if (v.onnx != null) return v.onnx;
    return g.initializer(Tensor.longs(g.fresh("ints"), v.dims, v.ints));
  }

  private List<Value> convert(JsonNode n) {
    String op = n.path("op").asText();
    String name = n.path("name").asText();
    if (op.equals("Const")) return List.of(constant(n));
    if (op.equals("Placeholder")) {
      JsonNode dims = n.path("attr").path("shape").path("shape").path("dim");
      long[] shape = new long[dims.size()];
      for (int i = 0; i < shape.length; i++) shape[i] = dims.get(i).path("size").asLong(-1);
      g.input(name, OnnxGraph.FLOAT, shape);
      return List.of(Value.of(name));
    }
    List<Value> in = inputs(n);
    boolean allInts = !in.isEmpty() && in.stream().allMatch(v -> v.ints != null);
    if (allInts) return List.of(foldInts(name, op, in));
    return switch (op) {
      case "Identity" -> List.of(in.getFirst());
      case "Transpose" -> List.of(Value.of(g.node("Transpose", List.of(data(in.get(0))), Attr.ints("perm", in.get(1).ints))));
      case "Pad", "PadV2" -> List.of(pad(in));
      case "Conv2D", "DepthwiseConv2dNative" -> List.of(conv(n, in, op.startsWith("Depthwise")));
      case "Add", "AddV2", "BiasAdd" -> List.of(binary("Add", in));
      case "Sub" -> List.of(binary("Sub", in));
      case "Mul" -> List.of(binary("Mul", in));
      case "RealDiv" -> List.of(binary("Div", in));
      case "Maximum" -> List.of(binary("Max", in));
      case "Minimum" -> List.of(binary("Min", in));
      case "Relu", "Sigmoid", "Tanh" -> List.of(Value.of(g.node(op, List.of(data(in.getFirst())))));
      case "Relu6" -> List.of(Value.of(g.node("Clip", List.of(data(in.getFirst()), scalar(0), scalar(6)))));
      case "LeakyRelu" -> List.of(Value.of(g.node("LeakyRelu", List.of(data(in.getFirst())),
          Attr.f("alpha", (float) attr(n, "alpha").path("f").asDouble(0.2)))));
      case "MaxPool", "AvgPool" -> List.of(pool(n, in.getFirst(), op.equals("MaxPool") ? "MaxPool" : "AveragePool"));
      case "ConcatV2" -> List.of(Value.of(g.node("Concat",
          in.subList(0, in.size() - 1).stream().map(this::data).toList(), Attr.i("axis", in.getLast().ints[0]))));
      case "ResizeBilinear" -> List.of(resize(n, in));
      case "SplitV" -> split(in);
      case "Reshape" -> List.of(Value.of(g.node("Reshape", List.of(data(in.get(0)), data(in.get(1))))));
      default -> throw new TfjsFormatException("node " + name + ": unsupported op " + op);
    };
  }

  private Value constant(JsonNode n) {
    TfjsWeight w = model.weights().get(n.path("name").asText());
    if (w == null) throw new TfjsFormatException("constant " + n.path("name").asText() + " has no weight");
    return w.dtype().equals("int32") ? Value.ints(w.shape(), w.ints()) : Value.of(w.emit(g));
  }

  /** Evaluates the few integer ops that build shapes from constants. */
  private Value foldInts(String name, String op, List<Value> in) {
    return switch (op) {
      case "Identity", "Cast" -> in.getFirst();
      case "AddV2", "Add" -> {
        long[] a = in.get(0).ints, b = in.get(1).ints;
        if (a.length != b.length && a.length != 1 && b.length != 1) throw new TfjsFormatException(name + ": cannot broadcast");
        long[] r = new long[Math.max(a.length, b.length)];
        for (int i = 0; i < r.length; i++) r[i] = a[a.length == 1 ? 0 : i] + b[b.length == 1 ? 0 : i];
        yield Value.ints(a.length >= b.length ? in.get(0).dims : in.get(1).dims, r);
      }
      case "SparseToDense" -> { // indices [k, 1], output shape [1], values [k], default scalar
        long[] idx = in.get(0).ints, shape = in.get(1).ints, vals = in.get(2).ints;
        if (shape.length != 1) throw new TfjsFormatException(name + ": only 1-d SparseToDense is supported");
        long[] r = new long[(int) shape[0]];
        Arrays.fill(r, in.get(3).ints[0]);
        for (int i = 0; i < idx.length; i++) r[(int) idx[i]] = vals.length == 1 ? vals[0] : vals[i];
        yield Value.ints(shape, r);
      }
      default -> throw new TfjsFormatException("node " + name + ": cannot evaluate integer op " + op);
    };
  }

  private Value binary(String op, List<Value> in) {
    return Value.of(g.node(op, List.of(data(in.get(0)), data(in.get(1)))));
  }

  private String scalar(float v) { return g.initializer(Tensor.floats(g.fresh("c"), new long[0], new float[] {v})); }

  private Value pad(List<Value> in) {
    long[] p = in.get(1).ints; // [rank, 2]: before/after per axis
    int rank = p.length / 2;
    long[] pads = new long[p.length];
    for (int i = 0; i < rank; i++) {
      pads[i] = p[2 * i];
      pads[rank + i] = p[2 * i + 1];
    }
    List<String> args = new ArrayList<>(List.of(data(in.get(0)), g.initializer(Tensor.longs(g.fresh("pads"), new long[] {pads.length}, pads))));
    if (in.size() > 2) args.add(data(in.get(2)));
    return Value.of(g.node("Pad", args));
  }

  private Value conv(JsonNode n, List<Value> in, boolean depthwise) {
    boolean nhwc = !text(n, "data_format").equals("NCHW");
    long[] strides = spatial(attr(n, "strides"), nhwc), dilations = spatial(attr(n, "dilations"), nhwc);
    String x = data(in.get(0));
    if (nhwc) x = g.node("Transpose", List.of(x), Attr.ints("perm", 0, 3, 1, 2));
    String w = g.node("Transpose", List.of(data(in.get(1))), depthwise ? Attr.ints("perm", 2, 3, 0, 1) : Attr.ints("perm", 3, 2, 0, 1));
    long groups = 1;
    if (depthwise) { // [kh, kw, in, multiplier] -> [in * multiplier, 1, kh, kw]
      long[] s = model.weight(n.path("input").get(1).asText()).shape();
      groups = s[2];
      w = g.node("Reshape", List.of(w, g.initializer(Tensor.longs(g.fresh("shape"), new long[] {4}, s[2] * s[3], 1, s[0], s[1]))));
    }
    List<Attr> attrs = new ArrayList<>(List.of(Attr.ints("strides", strides), Attr.ints("dilations", dilations), Attr.i("group", groups)));
    attrs.add(padding(n, nhwc));
    String y = g.node("Conv", List.of(x, w), attrs.toArray(Attr[]::new));
    return Value.of(nhwc ? g.node("Transpose", List.of(y), Attr.ints("perm", 0, 2, 3, 1)) : y);
  }

  private Value pool(JsonNode n, Value x, String op) {
    boolean nhwc = !text(n, "data_format").equals("NCHW");
    String in = nhwc ? g.node("Transpose", List.of(data(x)), Attr.ints("perm", 0, 3, 1, 2)) : data(x);
    String y = g.node(op, List.of(in), Attr.ints("kernel_shape", spatial(attr(n, "ksize"), nhwc)),
        Attr.ints("strides", spatial(attr(n, "strides"), nhwc)), padding(n, nhwc));
    return Value.of(nhwc ? g.node("Transpose", List.of(y), Attr.ints("perm", 0, 2, 3, 1)) : y);
  }

  private Attr padding(JsonNode n, boolean nhwc) {
    String p = text(n, "padding");
    return switch (p) {
      case "SAME" -> Attr.s("auto_pad", "SAME_UPPER");
      case "VALID" -> Attr.s("auto_pad", "VALID");
      case "EXPLICIT" -> {
        JsonNode e = attr(n, "explicit_paddings").path("list").path("i"); // 4 axes x (before, after)
        int h = nhwc ? 1 : 2, w = nhwc ? 2 : 3;
        yield Attr.ints("pads", e.get(2 * h).asLong(), e.get(2 * w).asLong(), e.get(2 * h + 1).asLong(), e.get(2 * w + 1).asLong());
      }
      default -> throw new TfjsFormatException("node " + n.path("name").asText() + ": unsupported padding " + p);
    };
  }

  /** TF's bilinear resize is ONNX's linear Resize; half-pixel centres and align-corners map to its coordinate modes. */
  private Value resize(JsonNode n, List<Value> in) {
    String mode = attr(n, "half_pixel_centers").path("b").asBoolean(false) ? "half_pixel"
        : attr(n, "align_corners").path("b").asBoolean(false) ? "align_corners" : "asymmetric";
    String x = g.node("Transpose", List.of(data(in.get(0))), Attr.ints("perm", 0, 3, 1, 2));
    // sizes of an NCHW tensor: batch and channels from the input's own shape, height and width from the node
    String shape = g.node("Shape", List.of(x));
    String nc = g.node("Slice", List.of(shape, g.initializer(Tensor.longs(g.fresh("s"), new long[] {1}, 0)),
        g.initializer(Tensor.longs(g.fresh("e"), new long[] {1}, 2))));
    String sizes = g.node("Concat", List.of(nc, data(in.get(1))), Attr.i("axis", 0));
    String y = g.node("Resize", List.of(x, "", "", sizes), Attr.s("mode", "linear"),
        Attr.s("coordinate_transformation_mode", mode));
    return Value.of(g.node("Transpose", List.of(y), Attr.ints("perm", 0, 2, 3, 1)));
  }

  private List<Value> split(List<Value> in) {
    long[] sizes = in.get(1).ints;
    String splits = g.initializer(Tensor.longs(g.fresh("split"), new long[] {sizes.length}, sizes));
    return g.node("Split", List.of(data(in.get(0)), splits), sizes.length, Attr.i("axis", in.get(2).ints[0])).stream()
        .map(Value::of).toList();
  }

  private static JsonNode attr(JsonNode n, String key) { return n.path("attr").path(key); }

  private static String text(JsonNode n, String key) {
    String b64 = attr(n, key).path("s").asText("");
    return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
  }

  private static long[] spatial(JsonNode a, boolean nhwc) {
    JsonNode i = a.path("list").path("i");
    if (i.isEmpty()) return new long[] {1, 1};
    return nhwc ? new long[] {i.get(1).asLong(), i.get(2).asLong()} : new long[] {i.get(2).asLong(), i.get(3).asLong()};
  }
}
