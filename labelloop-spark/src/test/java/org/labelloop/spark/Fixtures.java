package org.labelloop.spark;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.labelloop.learn.automl.AutoMl;
import org.labelloop.learn.automl.AutoMlConfig;
import org.labelloop.learn.automl.LearnerCatalog;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.image.ImageEncoder;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.media.MediaClassifier;
import org.labelloop.learn.media.MediaTable;
import org.labelloop.learn.model.ModelFile;
import org.labelloop.learn.model.TextModel;
import org.labelloop.learn.tabular.TableEncoder;
import org.labelloop.learn.tabular.TabularAutoMl;

/** Small data and model files the job's tests make for themselves, and the store's migrations. */
final class Fixtures {
  private static final String[][] TOPICS = {
    {"election", "vote", "parliament", "minister"}, {"goal", "match", "team", "league"}, {"chip", "software", "phone", "app"}};
  static final List<String> TOPIC_CLASSES = List.of("politics", "sport", "tech");
  static final List<String> COLOURS = List.of("blue", "red");

  private Fixtures() {}

  /** The {@code i}-th text of a topic. */
  static String text(int topic, int i) {
    String[] w = TOPICS[topic];
    return "the " + w[i % 4] + " and " + w[(i + 1) % 4] + " today " + w[(i + 2) % 4];
  }

  /** A sparse text model trained on its own small labeled set, exported as the CLI would. */
  static Path textModelFile(Path dir) throws IOException {
    List<LabeledText> items = new ArrayList<>();
    for (int t = 0; t < 3; t++) for (int i = 0; i < 8; i++) items.add(LabeledText.of("l" + t + i, text(t, i), TOPIC_CLASSES.get(t)));
    TextDataset d = new TextDataset(items);
    AutoMlConfig c = new AutoMlConfig(3, Duration.ofMinutes(1), 1, false, 1, LearnerCatalog.space("svm", false));
    TextModel m = new AutoMl(c, Clock.systemUTC()).fit(d, new FeatureCache(d.texts(), null),
        IntStream.range(0, d.size()).toArray(), Progress.NONE).model();
    return write(dir, new ModelFile("v7", "JOB_0", m.save()));
  }

  /**
   * A generated photo-like JPEG: a disk of the colour ({@link #COLOURS}) {@code i % 2} at a random place and size on a
   * noisy grey background.
   */
  static byte[] photo(int i) {
    Random r = new Random(i);
    BufferedImage img = new BufferedImage(96, 96, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 96; y++) for (int x = 0; x < 96; x++) {
      int g = 100 + r.nextInt(60);
      img.setRGB(x, y, new Color(g, g, g).getRGB());
    }
    Graphics2D g = img.createGraphics();
    g.setColor(i % 2 == 0 ? new Color(30, 60, 220) : new Color(220, 40, 30));
    int size = 40 + r.nextInt(30);
    g.fillOval(r.nextInt(96 - size), r.nextInt(96 - size), size, size);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "jpg", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * An image classifier of {@link #COLOURS} learned by {@code learner} on {@code n} generated photos' vectors from
   * {@code encoder}, saved with that encoder as the server exports it.
   */
  static Path imageModelFile(Path dir, ImageEncoder encoder, ModelFile.ImageEncoding encoding, int n, Learner learner)
      throws IOException {
    float[][] raw = encoder.embed(IntStream.range(1000, 1000 + n).mapToObj(Fixtures::photo).toList());
    int[] all = IntStream.range(0, n).toArray();
    MediaTable.Scaling scaling = MediaTable.Scaling.fit(raw, all);
    MediaTable t = MediaTable.of(scaling.apply(raw));
    TableEncoder tableEncoder = TableEncoder.fit(t.table(), t.schema(), all, 20);
    TabularAutoMl.Config config = new TabularAutoMl.Config(2, Duration.ofMinutes(1), 1, 1, List.of(learner));
    var model = new TabularAutoMl(config, Clock.systemUTC()).fit(t.table(), tableEncoder, tableEncoder.transform(t.table()), all,
        IntStream.range(0, n).mapToObj(i -> COLOURS.get(i % 2)).toList(), Progress.NONE).model();
    return write(dir, new ModelFile("img-3", "JOB_0", new MediaClassifier(encoder.name(), scaling, model).save(), encoding));
  }

  private static Path write(Path dir, ModelFile file) throws IOException {
    Path path = dir.resolve(file.modelVersion() + ".llm");
    try (OutputStream out = Files.newOutputStream(path)) {
      file.write(out);
    }
    return path;
  }

  /** The store's migrations of a dialect ({@code sqlite}, {@code postgresql}) in version order. */
  static void migrate(Connection db, String dialect) throws IOException, SQLException, URISyntaxException {
    URI v1 = Fixtures.class.getResource("/db/migration/" + dialect + "/V1__schema.sql").toURI();
    try (FileSystem jar = v1.getScheme().equals("jar") ? FileSystems.newFileSystem(v1, Map.of()) : null;
        Stream<Path> files = Files.list(Path.of(v1).getParent())) {
      Comparator<Path> byVersion = Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1")));
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted(byVersion).toList()) {
        String sql = Files.readString(f);
        try (Statement s = db.createStatement()) {
          if (dialect.equals("postgresql")) {
            s.execute(sql); // one script, several statements: PostgreSQL's simple query protocol takes them at once
          } else {
            for (String statement : sql.replaceAll("--[^\n]*", "").split(";")) if (!statement.isBlank()) s.execute(statement);
          }
        }
      }
    }
  }

  static long count(Connection db, String sql) throws SQLException {
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
