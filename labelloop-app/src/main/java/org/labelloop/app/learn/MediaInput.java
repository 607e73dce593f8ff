package org.labelloop.app.learn;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.labelloop.learn.audio.AudioFeaturizer;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.feature.EmbeddingCache;
import org.labelloop.learn.image.ShippedImageEncoder;
import org.labelloop.learn.media.MediaFeaturizer;
import org.labelloop.learn.media.MediaReplay;
import org.labelloop.learn.media.MediaTable;
import org.labelloop.learn.media.MediaVectors;
import org.labelloop.learn.simulate.Replay;

/**
 * Labeled photos or recordings for {@code --task image|audio}: a CSV/TSV/JSON Lines file naming each file ({@code --file},
 * absolute or relative to that file) and its label, featurized by the shipped image encoders or the audio features.
 * Vectors are cached by content under {@code --embedding-cache}, so a second run featurizes nothing; a file that is
 * missing or cannot be decoded is reported by path on stderr and left out.
 *
 * @param vectors the data file's kept items, then the test file's
 * @param poolSize how many of them come from the data file
 */
record MediaInput(float[][] vectors, List<String> labels, int poolSize, String summary) {
  /** Reads {@code data} and, when not null, {@code test}, and featurizes both. */
  static MediaInput read(String task, DataOptions in, Path data, Path test, EmbeddingOptions cacheOptions, ProgressBar bar,
      PrintWriter err) {
    if (in.file == null || in.label == null) throw new UserError("--file and --label are required for --task " + task);
    List<LabeledText> items = new ArrayList<>(files(in, data));
    int dataItems = items.size();
    if (test != null) items.addAll(files(in, test));
    List<Path> paths = items.stream().map(t -> Path.of(t.text())).toList();
    boolean image = task.equalsIgnoreCase("image");
    long start = System.nanoTime();
    MediaVectors.Result r;
    try (MediaFeaturizer f = image ? MediaFeaturizer.images(new ShippedImageEncoder(Runtime.getRuntime().availableProcessors()))
        : MediaFeaturizer.audio(new AudioFeaturizer())) {
      EmbeddingCache cache = cacheOptions.cacheNamed(f.name(), err);
      try {
        r = MediaVectors.of(paths, f, cache, bar);
      } finally {
        EmbeddingOptions.closeQuietly(cache);
      }
      bar.finish();
      int computed = paths.size() - r.cached() - r.skipped().size();
      double s = (System.nanoTime() - start) / 1e9;
      err.printf(Locale.ROOT, "%s: %d files, %d from the cache, %d featurized in %.1f s%s%n", f.name(), paths.size(),
          r.cached(), computed, s, computed == 0 ? "" : String.format(Locale.ROOT, " (%.2f files/s)", computed / s));
    }
    for (Map.Entry<Integer, String> e : r.skipped().entrySet()) err.println("skipped " + paths.get(e.getKey()) + ": " + e.getValue());
    List<float[]> vectors = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    int pool = 0;
    for (int i = 0; i < items.size(); i++) {
      if (r.rows()[i] == null) continue;
      vectors.add(r.rows()[i]);
      labels.add(items.get(i).label());
      if (i < dataItems) pool++;
    }
    if (labels.subList(0, pool).stream().distinct().count() < 2) throw new UserError("fewer than two classes among the readable files of " + data);
    if (test != null && pool == labels.size()) throw new UserError("no readable file in " + test);
    String from = test == null ? " from " + data.getFileName()
        : String.format(Locale.ROOT, " (%d from %s, %d from %s)", pool, data.getFileName(), labels.size() - pool, test.getFileName());
    String summary = String.format(Locale.ROOT, "data: %d %s%s, %d skipped", labels.size(), image ? "images" : "clips", from,
        r.skipped().size());
    return new MediaInput(vectors.toArray(float[][]::new), labels, pool, summary);
  }

  /**
   * The replay over these items: the test file's items are the test set, or without one a stratified
   * {@code testFraction} of the data file's (as for texts).
   */
  Replay replay(double testFraction, long seed) {
    MediaInput m = this;
    if (poolSize == labels.size()) {
      int[][] split = HoldOut.rows(labels, testFraction, seed);
      int[] order = IntStream.concat(IntStream.of(split[0]), IntStream.of(split[1])).toArray();
      m = new MediaInput(IntStream.of(order).mapToObj(i -> vectors[i]).toArray(float[][]::new),
          IntStream.of(order).mapToObj(labels::get).toList(), split[0].length, summary);
    }
    return new MediaReplay(m.vectors, m.labels, m.poolSize, MediaTable.space(classes(), seed), seed);
  }

  int classes() {
    return (int) labels.stream().distinct().count();
  }

  /** The items of one file, each file named by its path resolved against that file's directory. */
  private static List<LabeledText> files(DataOptions in, Path list) {
    Path dir = list.toAbsolutePath().getParent();
    return TableReader.read(list, in.format, in.file, in.label, in.noHeader).items().stream()
        .map(t -> LabeledText.of(t.id(), dir.resolve(t.text().strip()).toString(), t.label())).toList();
  }
}
