package org.labelloop.spark;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.image.ImageEncoder;
import org.labelloop.learn.media.MediaClassifier;
import org.labelloop.learn.model.TextModel;

/**
 * An exported model as an executor scores with it: a text classifier on the assets' texts, or an image classifier with
 * its encoder on the assets' files. Loaded once per executor JVM ({@link ScoreJob.ExecutorModel}) and shared by its tasks: both kinds are thread-safe.
 */
sealed interface LoadedModel {
  List<String> classes();

  /**
   * One distribution per asset content (a text, or the key of an image file read from {@code files} over {@code db});
   * null for an image whose file is missing or cannot be decoded.
   */
  double[][] proba(List<String> contents, MediaFiles files, Connection db) throws SQLException;

  record Text(TextModel model) implements LoadedModel {
    @Override public List<String> classes() { return model.classes(); }

    @Override public double[][] proba(List<String> contents, MediaFiles files, Connection db) { return model.predictProba(contents); }
  }

  record Image(MediaClassifier classifier, ImageEncoder encoder) implements LoadedModel {
    @Override public List<String> classes() { return classifier.classes(); }

    @Override public double[][] proba(List<String> keys, MediaFiles files, Connection db) throws SQLException {
      Map<String, byte[]> bytes = files.read(db, keys);
      List<Integer> found = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) if (bytes.get(keys.get(i)) != null) found.add(i);
      float[][] vectors = encoder.embed(found.stream().map(i -> bytes.get(keys.get(i))).toList());
      List<Integer> decoded = new ArrayList<>();
      for (int k = 0; k < vectors.length; k++) if (vectors[k] != null) decoded.add(k);
      double[][] p = classifier.predictProba(decoded.stream().map(k -> vectors[k]).toArray(float[][]::new));
      double[][] out = new double[keys.size()][];
      for (int d = 0; d < decoded.size(); d++) out[found.get(decoded.get(d))] = p[d];
      return out;
    }
  }
}
