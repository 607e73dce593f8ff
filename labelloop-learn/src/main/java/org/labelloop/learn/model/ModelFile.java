package org.labelloop.learn.model;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.labelloop.learn.feature.ConcatenatedEmbedder;

/**
 * A project's model version as one file, enough to score assets without a server (a Spark executor, a script): the
 * model version's name, the job its answers belong to, and the saved {@link TextModel}, which carries its model card
 * and fitted featurizers (TF-IDF vocabulary and weights). A model trained on sentence embeddings names its encoder in
 * the card ({@link TextModel#EMBEDDER}); that ONNX encoder ships inside the learn jar, so {@link #textModel} loads it by
 * name rather than the file carrying 20 MB of it.
 *
 * <p>Layout: the line {@code LABELLOOP-MODEL 1}, then modelVersion and jobId as modified UTF-8, then the length and
 * bytes of {@link TextModel#save()}.
 */
public record ModelFile(String modelVersion, String jobId, byte[] model) {
  private static final String MAGIC = "LABELLOOP-MODEL 1\n";

  public ModelFile {
    if (modelVersion == null || modelVersion.isBlank() || jobId == null || jobId.isBlank()) {
      throw new IllegalArgumentException("a model file needs its model version and job");
    }
    model = model.clone();
  }

  @Override public byte[] model() { return model.clone(); }

  public void write(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeBytes(MAGIC);
    data.writeUTF(modelVersion);
    data.writeUTF(jobId);
    data.writeInt(model.length);
    data.write(model);
    data.flush();
  }

  /** Reads a file written by {@link #write}; anything else is an {@link IllegalArgumentException}. */
  public static ModelFile read(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    try {
      byte[] magic = data.readNBytes(MAGIC.length());
      if (!Arrays.equals(magic, MAGIC.getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
        throw new IllegalArgumentException("not a Labelloop model file (no '" + MAGIC.strip() + "' header)");
      }
      String version = data.readUTF(), job = data.readUTF();
      int length = data.readInt();
      if (length < 0) throw new IllegalArgumentException("corrupt Labelloop model file");
      byte[] model = data.readNBytes(length);
      if (model.length != length) throw new IllegalArgumentException("truncated Labelloop model file");
      return new ModelFile(version, job, model);
    } catch (EOFException e) {
      throw new IllegalArgumentException("truncated Labelloop model file", e);
    }
  }

  /**
   * The classifier, with the shipped sentence encoder its card names (running on {@code threads} cores) when it was
   * trained on embeddings.
   */
  public TextModel textModel(int threads) {
    TextModel bare = TextModel.load(model, null);
    String encoder = bare.card().hyperparameters().get(TextModel.EMBEDDER);
    return encoder == null ? bare : TextModel.load(model, ConcatenatedEmbedder.named(encoder, threads));
  }
}
