package org.labelloop.learn.media;

import java.io.Serializable;
import java.util.List;
import org.labelloop.learn.model.ModelBytes;
import org.labelloop.learn.tabular.TabularModel;

/**
 * An image or audio classifier as saved with a model version: the name of the encoder whose vectors it learned on, the
 * z-scoring those vectors got ({@link MediaTable.Scaling}, fitted on every asset of the training snapshot) and the table
 * model on the scaled vectors. With it, vectors of new files are scaled and scored as the server scored its pool.
 */
public record MediaClassifier(String encoder, MediaTable.Scaling scaling, TabularModel model) implements Serializable {
  public MediaClassifier {
    if (encoder == null || encoder.isBlank()) throw new IllegalArgumentException("a media classifier names its encoder");
  }

  public List<String> classes() { return model.classes(); }

  /** One calibrated distribution per vector (the encoder's raw output). */
  public double[][] predictProba(float[][] vectors) {
    if (vectors.length == 0) return new double[0][];
    return model.predictProba(MediaTable.of(scaling.apply(vectors)).table());
  }

  public byte[] save() { return ModelBytes.write(this); }

  public static MediaClassifier load(byte[] bytes) { return ModelBytes.read(bytes, MediaClassifier.class); }
}
