package org.labelloop.learn.media;

import java.util.ArrayList;
import java.util.List;
import org.labelloop.learn.audio.AudioClip;
import org.labelloop.learn.audio.AudioDecoder;
import org.labelloop.learn.audio.AudioFeaturizer;
import org.labelloop.learn.audio.UndecodableAudioException;
import org.labelloop.learn.image.ImageEncoder;

/**
 * Turns media files (their bytes) into fixed-length vectors: photos through an {@link ImageEncoder}, sound through the
 * {@link AudioFeaturizer}. A file that cannot be decoded gets no vector and a reason, never an exception.
 */
public interface MediaFeaturizer extends AutoCloseable {
  /** Identifies the featurizer and its version; part of cache keys, so it changes when the vectors would. */
  String name();

  /** One vector per file, in order, or {@code null} with {@link Vectors#problems()} saying why. */
  Vectors featurize(List<byte[]> files);

  @Override void close();

  /** Vectors of a batch of files; {@code problems[i]} is non-null exactly where {@code rows[i]} is null. */
  record Vectors(float[][] rows, String[] problems) {}

  static MediaFeaturizer images(ImageEncoder encoder) {
    return new MediaFeaturizer() {
      @Override public String name() { return encoder.name(); }

      @Override public Vectors featurize(List<byte[]> files) {
        float[][] rows = encoder.embed(files);
        String[] problems = new String[rows.length];
        for (int i = 0; i < rows.length; i++) if (rows[i] == null) problems[i] = "cannot decode the image";
        return new Vectors(rows, problems);
      }

      @Override public void close() { encoder.close(); }
    };
  }

  static MediaFeaturizer audio(AudioFeaturizer featurizer) {
    return new MediaFeaturizer() {
      @Override public String name() { return AudioFeaturizer.NAME; }

      @Override public Vectors featurize(List<byte[]> files) {
        float[][] rows = new float[files.size()][];
        String[] problems = new String[files.size()];
        AudioClip[] clips = new AudioClip[files.size()];
        java.util.stream.IntStream.range(0, files.size()).parallel().forEach(i -> {
          try {
            clips[i] = AudioDecoder.decode(files.get(i));
          } catch (UndecodableAudioException e) {
            problems[i] = e.getMessage();
          }
        });
        List<Integer> ok = new ArrayList<>();
        for (int i = 0; i < clips.length; i++) if (clips[i] != null) ok.add(i);
        if (!ok.isEmpty()) {
          float[][] x = featurizer.featurize(ok.stream().map(i -> clips[i]).toList());
          for (int j = 0; j < x.length; j++) rows[ok.get(j)] = x[j];
        }
        return new Vectors(rows, problems);
      }

      @Override public void close() { featurizer.close(); }
    };
  }
}
