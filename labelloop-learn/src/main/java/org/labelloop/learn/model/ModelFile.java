package org.labelloop.learn.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.learn.feature.ConcatenatedEmbedder;
import org.labelloop.learn.image.ImageEncoder;
import org.labelloop.learn.image.ImageInput;
import org.labelloop.learn.image.OnnxImageEncoder;
import org.labelloop.learn.image.ShippedImageEncoder;
import org.labelloop.learn.media.MediaClassifier;

/**
 * A project's model version as one file, enough to score assets without a server (a Spark executor, a script): the
 * model version's name, the job its answers belong to, and the saved model with its model card. A text classifier
 * ({@link TextModel}) carries its fitted featurizers; one trained on sentence embeddings names its encoder in the card
 * ({@link TextModel#EMBEDDER}), which ships inside the learn jar, so {@link #textModel} loads it by name rather than
 * the file carrying 20 MB of it. An image classifier ({@link MediaClassifier}) comes with its {@link ImageEncoding}:
 * the shipped encoder by name, or the project's own ONNX encoder whole.
 *
 * <p>Layout: the line {@code LABELLOOP-MODEL 1}, then modelVersion and jobId as modified UTF-8, then the length and
 * bytes of the saved model. An image classifier's file starts {@code LABELLOOP-MODEL 2} and adds its encoding: name,
 * then the length of its ONNX bytes (0: shipped) and, when there are some, the bytes, the input settings and outputs.
 */
public record ModelFile(String modelVersion, String jobId, byte[] model, ImageEncoding image) {
  private static final String MAGIC = "LABELLOOP-MODEL ";

  public ModelFile {
    if (modelVersion == null || modelVersion.isBlank() || jobId == null || jobId.isBlank()) {
      throw new IllegalArgumentException("a model file needs its model version and job");
    }
    model = model.clone();
  }

  /** A text classifier's file. */
  public ModelFile(String modelVersion, String jobId, byte[] model) {
    this(modelVersion, jobId, model, null);
  }

  /**
   * How an image classifier's vectors are made: the shipped encoder (its {@link ShippedImageEncoder#NAME}, no bytes),
   * or a user's own ONNX encoder under the name the server gave its vectors, with its bytes, input and outputs.
   */
  public record ImageEncoding(String name, byte[] onnx, ImageInput input, List<String> outputs) {
    public ImageEncoding {
      if ((onnx == null) != (input == null)) throw new IllegalArgumentException("an own encoder needs its bytes and its input");
      if (onnx == null && !name.equals(ShippedImageEncoder.NAME)) {
        throw new IllegalArgumentException("no shipped image encoder is named '" + name + "'");
      }
      onnx = onnx == null ? null : onnx.clone();
      outputs = List.copyOf(outputs);
    }

    public static ImageEncoding shipped() { return new ImageEncoding(ShippedImageEncoder.NAME, null, null, List.of()); }

    /** The encoder, embedding {@code threads} batches at once. */
    public ImageEncoder load(int threads) {
      return onnx == null ? new ShippedImageEncoder(threads) : new OnnxImageEncoder(name, onnx, input, outputs, 16, threads);
    }
  }

  @Override public byte[] model() { return model.clone(); }

  public boolean isImage() { return image != null; }

  public void write(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeBytes(MAGIC + (image == null ? 1 : 2) + "\n");
    data.writeUTF(modelVersion);
    data.writeUTF(jobId);
    data.writeInt(model.length);
    data.write(model);
    if (image != null) {
      data.writeUTF(image.name());
      data.writeInt(image.onnx() == null ? 0 : image.onnx().length);
      if (image.onnx() != null) {
        data.write(image.onnx());
        ImageInput in = image.input();
        data.writeInt(in.width());
        data.writeInt(in.height());
        data.writeBoolean(in.channelsFirst());
        data.writeBoolean(in.bgr());
        for (int c = 0; c < 3; c++) data.writeFloat(in.mean()[c]);
        for (int c = 0; c < 3; c++) data.writeFloat(in.std()[c]);
        data.writeInt(image.outputs().size());
        for (String o : image.outputs()) data.writeUTF(o);
      }
    }
    data.flush();
  }

  /** Reads a file written by {@link #write}; anything else is an {@link IllegalArgumentException}. */
  public static ModelFile read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    try {
      byte[] magic = data.readNBytes(MAGIC.length() + 2);
      String head = new String(magic, StandardCharsets.US_ASCII);
      if (!head.equals(MAGIC + "1\n") && !head.equals(MAGIC + "2\n")) {
        throw new IllegalArgumentException("not a Labelloop model file (no '" + MAGIC + "1' or '" + MAGIC + "2' header)");
      }
      String version = data.readUTF(), job = data.readUTF();
      byte[] model = bytes(data);
      return new ModelFile(version, job, model, head.charAt(MAGIC.length()) == '2' ? encoding(data) : null);
    } catch (EOFException e) {
      throw new IllegalArgumentException("truncated Labelloop model file", e);
    }
  }

  private static ImageEncoding encoding(DataInputStream data) throws IOException {
    String name = data.readUTF();
    byte[] onnx = bytes(data);
    if (onnx.length == 0) return new ImageEncoding(name, null, null, List.of());
    int width = data.readInt(), height = data.readInt();
    boolean channelsFirst = data.readBoolean(), bgr = data.readBoolean();
    float[] mean = new float[3], std = new float[3];
    for (int c = 0; c < 3; c++) mean[c] = data.readFloat();
    for (int c = 0; c < 3; c++) std[c] = data.readFloat();
    int n = data.readInt();
    List<String> outputs = new ArrayList<>();
    for (int i = 0; i < n; i++) outputs.add(data.readUTF());
    return new ImageEncoding(name, onnx, new ImageInput(width, height, channelsFirst, bgr, mean, std), outputs);
  }

  private static byte[] bytes(DataInputStream data) throws IOException {
    int length = data.readInt();
    if (length < 0) throw new IllegalArgumentException("corrupt Labelloop model file");
    byte[] b = data.readNBytes(length);
    if (b.length != length) throw new IllegalArgumentException("truncated Labelloop model file");
    return b;
  }

  /**
   * The text classifier, with the shipped sentence encoder its card names (running on {@code threads} cores) when it
   * was trained on embeddings.
   */
  public TextModel textModel(int threads) {
    if (isImage()) throw new IllegalArgumentException("model " + modelVersion + " is an image classifier, not a text one");
    TextModel bare = TextModel.load(model, null);
    String encoder = bare.card().hyperparameters().get(TextModel.EMBEDDER);
    return encoder == null ? bare : TextModel.load(model, ConcatenatedEmbedder.named(encoder, threads));
  }

  /** The image classifier; its vectors come from {@link #image()}'s encoder, which must be the one it learned on. */
  public MediaClassifier imageClassifier() {
    if (!isImage()) throw new IllegalArgumentException("model " + modelVersion + " is a text classifier, not an image one");
    MediaClassifier c = MediaClassifier.load(model);
    if (!c.encoder().equals(image.name())) {
      throw new IllegalArgumentException("model " + modelVersion + " learned on vectors of " + c.encoder() + ", not of " + image.name());
    }
    return c;
  }
}
