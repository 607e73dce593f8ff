package org.labelloop.learn.onnx;

import static org.labelloop.learn.onnx.OnnxGraph.Attr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labelloop.learn.onnx.OnnxGraph.Tensor;

/**
 * Translates a TF.js Keras-layers model (functional or sequential) into ONNX. Keras works channels-last; ONNX
 * convolutions are channels-first, so the input is transposed once and every 4-d tensor stays NCHW inside the graph
 * (a Flatten of a 4-d tensor transposes back first, to keep Keras' element order for the Dense layer after it).
 */
final class KerasLayers {
  private record Layer(String name, String type, JsonNode config, List<String> inbound) {}

  private record Value(String name, int rank) {}

  private final TfjsModel model;
  private final OnnxGraph g;
  private final Map<String, Value> values = new HashMap<>();

  private KerasLayers(TfjsModel model, OnnxGraph g) {
    this.model = model;
    this.g = g;
  }

  /**
   * @param outputs layer names that become graph outputs; a name ending in {@code /mean} outputs that layer's output
   *     averaged over its spatial positions ([N, C]); {@code =alias} renames the output; empty: the model's outputs
   */
  static OnnxGraph convert(TfjsModel model, List<String> outputs) {
    OnnxGraph g = new OnnxGraph("tfjs-layers");
    KerasLayers k = new KerasLayers(model, g);
    Map<String, Layer> layers = k.layers();
    List<String> wanted = outputs.isEmpty() ? k.modelOutputs(layers) : outputs;
    for (Layer l : k.needed(layers, wanted)) k.add(l);
    for (String spec : wanted) {
      String out = spec.split("=")[0], alias = spec.contains("=") ? spec.split("=")[1] : out;
      boolean mean = out.endsWith("/mean");
      Value v = k.values.get(mean ? out.substring(0, out.length() - 5) : out);
      if (v == null) throw new TfjsFormatException("no layer named " + out);
      String src = mean ? k.globalMean(v) : v.rank == 4 ? g.node("Transpose", List.of(v.name), Attr.ints("perm", 0, 2, 3, 1)) : v.name;
      g.namedNode("Identity", List.of(src), alias);
      g.output(alias, OnnxGraph.FLOAT);
    }
    return g;
  }

  private Map<String, Layer> layers() {
    JsonNode cfg = model.topology().path("model_config");
    boolean sequential = cfg.path("class_name").asText().equals("Sequential");
    JsonNode list = cfg.path("config").has("layers") ? cfg.path("config").path("layers") : cfg.path("config");
    Map<String, Layer> layers = new LinkedHashMap<>();
    String previous = null;
    for (JsonNode l : list) {
      String name = l.path("config").path("name").asText(l.path("name").asText());
      List<String> in = new ArrayList<>();
      if (sequential) {
        if (previous == null && !l.path("class_name").asText().equals("InputLayer")) {
          layers.put("input", new Layer("input", "InputLayer", l.path("config"), List.of()));
          previous = "input";
        }
        if (previous != null) in.add(previous);
      } else {
        JsonNode nodes = l.path("inbound_nodes");
        if (nodes.size() > 1) throw new TfjsFormatException("layer " + name + " is shared (called more than once)");
        if (!nodes.isEmpty()) for (JsonNode i : nodes.get(0)) in.add(i.get(0).asText());
      }
      layers.put(name, new Layer(name, l.path("class_name").asText(), l.path("config"), in));
      previous = name;
    }
    return layers;
  }

  private List<String> modelOutputs(Map<String, Layer> layers) {
    JsonNode outs = model.topology().path("model_config").path("config").path("output_layers");
    if (outs.isMissingNode()) return List.of(layers.keySet().stream().reduce((a, b) -> b).orElseThrow());
    List<String> names = new ArrayList<>();
    for (JsonNode o : outs) names.add(o.get(0).asText());
    return names;
  }

  /** The layers the wanted outputs depend on, in the model's (topological) order. */
  private static List<Layer> needed(Map<String, Layer> layers, List<String> wanted) {
    Set<String> keep = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    for (String spec : wanted) {
      String w = spec.split("=")[0];
      todo.add(w.endsWith("/mean") ? w.substring(0, w.length() - 5) : w);
    }
    while (!todo.isEmpty()) {
      Layer l = layers.get(todo.pop());
      if (l == null || !keep.add(l.name)) continue;
      todo.addAll(l.inbound);
    }
    return layers.values().stream().filter(l -> keep.contains(l.name)).toList();
  }

  private void add(Layer l) {
    JsonNode c = l.config;
    List<Value> in = l.inbound.stream().map(values::get).toList();
    Value x = in.isEmpty() ? null : in.getFirst();
    Value out = switch (l.type) {
      case "InputLayer" -> input(l);
      case "ZeroPadding2D" -> new Value(pad(x.name, c.path("padding")), 4);
      case "Conv2D" -> activation(conv(l, x, false), c);
      case "DepthwiseConv2D" -> activation(conv(l, x, true), c);
      case "BatchNormalization" -> batchNorm(l, x);
      case "ReLU" -> relu(x, c);
      case "Activation" -> activation(x, c);
      case "Add" -> new Value(in.stream().map(Value::name).reduce((a, b) -> g.node("Add", List.of(a, b))).orElseThrow(), x.rank);
      case "Concatenate" -> new Value(g.node("Concat", in.stream().map(Value::name).toList(),
          Attr.i("axis", x.rank == 4 ? nchwAxis(c.path("axis").asInt(-1)) : c.path("axis").asInt(-1))), x.rank);
      case "AveragePooling2D", "MaxPooling2D" -> pool(l, x);
      case "GlobalAveragePooling2D" -> new Value(globalMean(x), 2);
      case "Flatten" -> x.rank == 2 ? x
          : new Value(g.node("Flatten", List.of(g.node("Transpose", List.of(x.name), Attr.ints("perm", 0, 2, 3, 1)))), 2);
      case "Dense" -> activation(dense(l, x), c);
      case "Dropout" -> x;
      default -> throw new TfjsFormatException("layer " + l.name + ": unsupported type " + l.type);
    };
    values.put(l.name, out);
  }

  private Value input(Layer l) {
    JsonNode shape = l.config.path("batch_input_shape");
    long[] dims = new long[shape.size()];
    for (int i = 0; i < dims.length; i++) dims[i] = shape.get(i).isNull() ? -1 : shape.get(i).asLong();
    g.input(l.name, OnnxGraph.FLOAT, dims);
    return dims.length == 4 ? new Value(g.node("Transpose", List.of(l.name), Attr.ints("perm", 0, 3, 1, 2)), 4)
        : new Value(l.name, dims.length);
  }

  private static long nchwAxis(int keras) {
    return switch (keras) {
      case -1, 3 -> 1;
      case 1 -> 2;
      case 2 -> 3;
      default -> throw new TfjsFormatException("unsupported concat axis " + keras);
    };
  }

  private String pad(String x, JsonNode p) {
    long t, b, left, r;
    if (p.isInt()) t = b = left = r = p.asLong();
    else if (p.get(0).isInt()) {
      t = b = p.get(0).asLong();
      left = r = p.get(1).asLong();
    } else {
      t = p.get(0).get(0).asLong();
      b = p.get(0).get(1).asLong();
      left = p.get(1).get(0).asLong();
      r = p.get(1).get(1).asLong();
    }
    String pads = g.initializer(Tensor.longs(g.fresh("pads"), new long[] {8}, 0, 0, t, left, 0, 0, b, r));
    return g.node("Pad", List.of(x, pads));
  }

  private Value conv(Layer l, Value x, boolean depthwise) {
    JsonNode c = l.config;
    TfjsWeight kernel = model.weight(l.name + (depthwise ? "/depthwise_kernel" : "/kernel"));
    String w = g.node("Transpose", List.of(kernel.emit(g)), depthwise ? Attr.ints("perm", 2, 3, 0, 1) : Attr.ints("perm", 3, 2, 0, 1));
    long groups = 1;
    if (depthwise) {
      long[] s = kernel.shape(); // [kh, kw, in, multiplier]
      groups = s[2];
      w = g.node("Reshape", List.of(w, g.initializer(Tensor.longs(g.fresh("shape"), new long[] {4}, s[2] * s[3], 1, s[0], s[1]))));
    }
    List<String> in = new ArrayList<>(List.of(x.name, w));
    if (c.path("use_bias").asBoolean(true)) in.add(model.weight(l.name + "/bias").emit(g));
    return new Value(g.node("Conv", in, Attr.ints("strides", ints(c.path("strides"))),
        Attr.ints("dilations", ints(c.path("dilation_rate"))), Attr.i("group", groups),
        Attr.s("auto_pad", c.path("padding").asText().equals("same") ? "SAME_UPPER" : "VALID")), 4);
  }

  private Value batchNorm(Layer l, Value x) {
    JsonNode c = l.config;
    int axis = c.path("axis").isArray() ? c.path("axis").get(0).asInt() : c.path("axis").asInt(-1);
    if (!(axis == -1 || axis == x.rank - 1)) throw new TfjsFormatException("layer " + l.name + ": batch norm over axis " + axis);
    String mean = model.weight(l.name + "/moving_mean").emit(g);
    long n = model.weight(l.name + "/moving_mean").shape()[0];
    String gamma = c.path("scale").asBoolean(true) ? model.weight(l.name + "/gamma").emit(g) : constant(n, 1f);
    String beta = c.path("center").asBoolean(true) ? model.weight(l.name + "/beta").emit(g) : constant(n, 0f);
    String var = model.weight(l.name + "/moving_variance").emit(g);
    String in = x.rank == 2 ? g.node("Unsqueeze", List.of(x.name, g.initializer(Tensor.longs(g.fresh("axes"), new long[] {1}, 2)))) : x.name;
    String y = g.node("BatchNormalization", List.of(in, gamma, beta, mean, var), Attr.f("epsilon", (float) c.path("epsilon").asDouble(1e-3)));
    return new Value(x.rank == 2 ? g.node("Squeeze", List.of(y, g.initializer(Tensor.longs(g.fresh("axes"), new long[] {1}, 2)))) : y, x.rank);
  }

  private String constant(long n, float v) {
    float[] a = new float[(int) n];
    java.util.Arrays.fill(a, v);
    return g.initializer(Tensor.floats(g.fresh("const"), new long[] {n}, a));
  }

  private Value relu(Value x, JsonNode c) {
    if (c.path("negative_slope").asDouble(0) != 0 || c.path("threshold").asDouble(0) != 0)
      throw new TfjsFormatException("ReLU with a slope or threshold is not supported");
    if (c.path("max_value").isNull() || c.path("max_value").isMissingNode()) return new Value(g.node("Relu", List.of(x.name)), x.rank);
    String lo = g.initializer(Tensor.floats(g.fresh("lo"), new long[0], new float[] {0f}));
    String hi = g.initializer(Tensor.floats(g.fresh("hi"), new long[0], new float[] {(float) c.path("max_value").asDouble()}));
    return new Value(g.node("Clip", List.of(x.name, lo, hi)), x.rank);
  }

  private Value activation(Value x, JsonNode c) {
    String a = c.path("activation").asText("linear");
    return switch (a) {
      case "linear" -> x;
      case "relu" -> new Value(g.node("Relu", List.of(x.name)), x.rank);
      case "sigmoid" -> new Value(g.node("Sigmoid", List.of(x.name)), x.rank);
      case "tanh" -> new Value(g.node("Tanh", List.of(x.name)), x.rank);
      case "softmax" -> new Value(g.node("Softmax", List.of(x.name), Attr.i("axis", x.rank == 4 ? 1 : -1)), x.rank);
      default -> throw new TfjsFormatException("unsupported activation " + a);
    };
  }

  private Value pool(Layer l, Value x) {
    JsonNode c = l.config;
    return new Value(g.node(l.type.startsWith("Max") ? "MaxPool" : "AveragePool", List.of(x.name),
        Attr.ints("kernel_shape", ints(c.path("pool_size"))),
        Attr.ints("strides", ints(c.path("strides").isNull() ? c.path("pool_size") : c.path("strides"))),
        Attr.s("auto_pad", c.path("padding").asText().equals("same") ? "SAME_UPPER" : "VALID")), 4);
  }

  private Value dense(Layer l, Value x) {
    String y = g.node("MatMul", List.of(x.name, model.weight(l.name + "/kernel").emit(g)));
    if (l.config.path("use_bias").asBoolean(true)) y = g.node("Add", List.of(y, model.weight(l.name + "/bias").emit(g)));
    return new Value(y, 2);
  }

  private String globalMean(Value v) {
    if (v.rank != 4) throw new TfjsFormatException("only 4-d outputs can be averaged");
    return g.node("Flatten", List.of(g.node("GlobalAveragePool", List.of(v.name))));
  }

  private static long[] ints(JsonNode a) {
    long[] v = new long[a.size()];
    for (int i = 0; i < v.length; i++) v[i] = a.get(i).asLong();
    return v;
  }
}
