package org.labelloop.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.labelloop.learn.model.ModelFile;
import org.labelloop.learn.strategy.Measure;

/**
 * Scores a project's unlabeled pool with an exported model ({@code labelloop export-model}) on Spark and writes the
 * predictions and queue scores back to the project's database: the pool's id span is cut into ranges, one partition
 * each; an executor loads the model once and scores its ranges page by page ({@link PartitionScorer}). A text model
 * scores the assets' texts; an image model reads each asset's file from the server's media directory ({@code --media})
 * or PostgreSQL's large objects ({@link MediaFiles}) and embeds it with the encoder the file carries.
 *
 * <pre>spark-submit --class org.labelloop.spark.ScoreJob labelloop-spark.jar --jdbc URL --project N --model FILE [--media DIR]</pre>
 */
public final class ScoreJob {
  /** The job's settings, sent to every executor. */
  public record Options(String jdbcUrl, String user, String password, long projectId, String modelFile, int partitions,
      int pageSize, Measure measure, MediaFiles media) implements Serializable {
    static final String USAGE = "usage: ScoreJob --jdbc URL --project ID --model FILE [--user U] [--password P]"
        + " [--partitions N (default 4 per core)] [--page 512] [--measure margin|least_confidence|entropy]"
        + " [--media DIR (an image project's files; default: the PostgreSQL database's)]";

    public Options {
      if (jdbcUrl == null || modelFile == null || projectId <= 0) throw new IllegalArgumentException(USAGE);
      if (partitions < 0 || pageSize < 1) throw new IllegalArgumentException("--partitions and --page must be positive");
    }

    /** A connection to the project's database. */
    Connection connect() throws SQLException {
      Properties props = new Properties();
      if (user != null) props.setProperty("user", user);
      if (password != null) props.setProperty("password", password);
      return DriverManager.getConnection(jdbcUrl, props);
    }

    /** Parses {@code --name value} pairs; {@code partitions} 0 means four per core of the cluster. */
    public static Options parse(String... args) {
      if (args.length % 2 != 0) throw new IllegalArgumentException(USAGE);
      Map<String, String> a = new HashMap<>();
      for (int i = 0; i < args.length; i += 2) {
        if (!args[i].startsWith("--")) throw new IllegalArgumentException(USAGE);
        a.put(args[i].substring(2), args[i + 1]);
      }
      List<String> known = List.of("jdbc", "user", "password", "project", "model", "partitions", "page", "measure", "media");
      for (String k : a.keySet()) if (!known.contains(k)) throw new IllegalArgumentException("unknown option --" + k + "; " + USAGE);
      try {
        return new Options(a.get("jdbc"), a.get("user"), a.get("password"), Long.parseLong(a.getOrDefault("project", "0")),
            a.get("model"), Integer.parseInt(a.getOrDefault("partitions", "0")),
            Integer.parseInt(a.getOrDefault("page", "512")),
            Measure.valueOf(a.getOrDefault("measure", "margin").toUpperCase(Locale.ROOT).replace('-', '_')),
            new MediaFiles(a.get("media")));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number: " + e.getMessage() + "; " + USAGE);
      }
    }
  }

  /** What a run did, summed over partitions. */
  public record Summary(int partitions, long scored, long written, long unreadable, double seconds) {
    @Override public String toString() {
      return String.format(Locale.ROOT, "partitions=%d scored=%d written=%d unreadable=%d seconds=%.1f assets_per_s=%.0f",
          partitions, scored, written, unreadable, seconds, scored / Math.max(seconds, 1e-9));
    }
  }

  private ScoreJob() {}

  public static void main(String[] args) throws IOException, SQLException {
    try {
      Options options = Options.parse(args);
      try (SparkSession spark = SparkSession.builder().appName("labelloop-score").getOrCreate()) {
        System.out.println(run(spark, options));
      }
    } catch (IllegalArgumentException e) { // the arguments or the model file
      System.err.println("error: " + e.getMessage());
      System.exit(2);
    }
  }

  /** Scores the pool once; safe to repeat (see {@link PartitionScorer}). */
  public static Summary run(SparkSession spark, Options options) throws IOException, SQLException {
    long start = System.nanoTime();
    byte[] file = Files.readAllBytes(Path.of(options.modelFile()));
    ModelFile model = ExecutorModel.read(file); // fail on the driver, not on every executor
    if (model.isImage()) {
      model.imageClassifier();
      if (options.media().root() == null && !options.jdbcUrl().startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("an image model on " + options.jdbcUrl().split("[:?]")[1]
            + ": give --media DIR, the server's media directory (only PostgreSQL holds the files itself)");
      }
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    int parts = options.partitions() > 0 ? options.partitions() : 4 * jsc.defaultParallelism();
    long[] span = poolSpan(options);
    List<IdRange> ranges = span == null ? List.of() : IdRange.split(span[0], span[1], parts);
    Broadcast<byte[]> shipped = jsc.broadcast(file);
    String version = model.modelVersion(), job = model.jobId();
    PartitionScorer.Count total = ranges.isEmpty() ? PartitionScorer.Count.NONE : jsc.parallelize(ranges, ranges.size())
        .map(range -> new PartitionScorer(options, version, job, ExecutorModel.of(shipped.value())).score(range))
        .reduce(PartitionScorer.Count::plus);
    return new Summary(ranges.size(), total.scored(), total.written(), total.unreadable(), (System.nanoTime() - start) / 1e9);
  }

  /** The smallest and largest id of the project's TODO assets, or null when there are none. */
  private static long[] poolSpan(Options o) throws SQLException {
    try (Connection db = o.connect();
        PreparedStatement q = db.prepareStatement("SELECT MIN(id), MAX(id) FROM assets WHERE project_id = ? AND status = 'TODO'")) {
      q.setLong(1, o.projectId());
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        long min = rs.getLong(1);
        return rs.wasNull() ? null : new long[] {min, rs.getLong(2)};
      }
    }
  }

  /** One loaded model per executor JVM, shared by its tasks. */
  static final class ExecutorModel {
    private static final Map<Integer, LoadedModel> LOADED = new ConcurrentHashMap<>();

    private ExecutorModel() {}

    static LoadedModel of(byte[] file) {
      return LOADED.computeIfAbsent(Arrays.hashCode(file), k -> {
        ModelFile f = read(file);
        return f.isImage() ? new LoadedModel.Image(f.imageClassifier(), f.image().load(encoderThreads()))
            : new LoadedModel.Text(f.textModel(encoderThreads()));
      });
    }

    static ModelFile read(byte[] file) {
      try (InputStream in = new java.io.ByteArrayInputStream(file)) {
        return ModelFile.read(in);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** The executor's cores: its tasks share the model's encoder. */
    private static int encoderThreads() {
      SparkEnv env = SparkEnv.get();
      int cores = Runtime.getRuntime().availableProcessors();
      return env == null ? cores : env.conf().getInt("spark.executor.cores", cores);
    }
  }
}
