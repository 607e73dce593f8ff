package org.labelloop.learn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.labelloop.learn.ToyData;
import org.labelloop.learn.automl.AutoMl;
import org.labelloop.learn.automl.AutoMlConfig;
import org.labelloop.learn.automl.LearnerCatalog;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.FeatureCache;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.image.ImageInput;
import org.labelloop.learn.image.ShippedImageEncoder;
import org.labelloop.learn.learner.LiblinearLrLearner;
import org.labelloop.learn.media.MediaClassifier;
import org.labelloop.learn.media.MediaTable;
import org.labelloop.learn.tabular.TableEncoder;
import org.labelloop.learn.tabular.TabularAutoMl;
import org.labelloop.learn.tabular.TabularModel;

class ModelFileTest {
  private static TextModel sparseModel() {
    TextDataset d = ToyData.topics(8, 0.3, 4);
    AutoMlConfig c = new AutoMlConfig(3, Duration.ofMinutes(1), 1, false, 1, LearnerCatalog.space("svm", false));
    return new AutoMl(c, Clock.systemUTC()).fit(d, new FeatureCache(d.texts(), null),
        IntStream.range(0, d.size()).toArray(), Progress.NONE).model();
  }

  private static byte[] bytes(ModelFile file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    file.write(out);
    return out.toByteArray();
  }

  @Test
  void fileReadBackScoresLikeTheTrainedModel() throws IOException {
    TextModel trained = sparseModel();
    ModelFile read = ModelFile.read(new ByteArrayInputStream(bytes(new ModelFile("v3", "JOB_0", trained.save()))));
    assertEquals("v3", read.modelVersion());
    assertEquals("JOB_0", read.jobId());
    List<String> probe = List.of("the election vote", "goal match team", "new software chip");
    TextModel loaded = read.textModel(1);
    assertEquals(trained.classes(), loaded.classes());
    double[][] expected = trained.predictProba(probe), actual = loaded.predictProba(probe);
    for (int i = 0; i < probe.size(); i++) assertArrayEquals(expected[i], actual[i], 1e-12);
  }

  @Test
  void otherBytesAreRefusedWithAClearMessage() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> ModelFile.read(new ByteArrayInputStream("{\"not\": \"a model\"}".getBytes())));
    assertEquals("not a Labelloop model file (no 'LABELLOOP-MODEL 1' or 'LABELLOOP-MODEL 2' header)", e.getMessage());
  }

  @Test
  void truncatedFileIsRefused() throws IOException {
    byte[] whole = bytes(new ModelFile("v1", "JOB_0", new byte[] {1, 2, 3, 4}));
    byte[] cut = Arrays.copyOf(whole, whole.length - 2);
    var e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(new ByteArrayInputStream(cut)));
    assertEquals("truncated Labelloop model file", e.getMessage());
  }

  @Test
  void unknownEncoderNameIsRefused() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> org.labelloop.learn.feature.SentenceEmbedder.named("some-bert/128", 1));
    assertEquals("no shipped sentence embedder is named 'some-bert/128'", e.getMessage());
  }

  /** A classifier of two clusters of 3-d vectors, as the server saves an image model: its encoder's name and scaling. */
  private static MediaClassifier vectorClassifier(String encoder) {
    float[][] v = new float[20][];
    for (int i = 0; i < v.length; i++) v[i] = new float[] {i % 2 * 10 + i * 0.1f, 5 - i % 2 * 3, 100 + i};
    int[] all = IntStream.range(0, v.length).toArray();
    MediaTable.Scaling scaling = MediaTable.Scaling.fit(v, all);
    MediaTable t = MediaTable.of(scaling.apply(v));
    TableEncoder enc = TableEncoder.fit(t.table(), t.schema(), all, 20);
    TabularAutoMl.Config c = new TabularAutoMl.Config(2, Duration.ofMinutes(1), 1, 1, List.of(new LiblinearLrLearner(1)));
    TabularModel m = new TabularAutoMl(c, Clock.systemUTC()).fit(t.table(), enc, enc.transform(t.table()), all,
        IntStream.range(0, v.length).mapToObj(i -> i % 2 == 0 ? "low" : "high").toList(), Progress.NONE).model();
    return new MediaClassifier(encoder, scaling, m);
  }

  @Test
  void imageFileCarriesTheProjectsOwnEncoderAndScoresNewVectorsAsBefore() throws IOException {
    MediaClassifier trained = vectorClassifier("onnx:mine.onnx@0a1b2c");
    ImageInput input = new ImageInput(32, 48, false, true, new float[] {1, 2, 3}, new float[] {4, 5, 6});
    ModelFile.ImageEncoding own = new ModelFile.ImageEncoding("onnx:mine.onnx@0a1b2c", new byte[] {7, 8, 9}, input, List.of("emb"));
    ModelFile read = ModelFile.read(new ByteArrayInputStream(bytes(new ModelFile("v2", "JOB_1", trained.save(), own))));
    assertTrue(read.isImage());
    assertEquals("onnx:mine.onnx@0a1b2c", read.image().name());
    assertArrayEquals(new byte[] {7, 8, 9}, read.image().onnx());
    assertEquals(input.toString(), read.image().input().toString());
    assertArrayEquals(input.mean(), read.image().input().mean());
    assertArrayEquals(input.std(), read.image().input().std());
    assertEquals(List.of("emb"), read.image().outputs());
    float[][] fresh = {{0.5f, 5, 103}, {10.7f, 2, 108}};
    double[][] expected = trained.predictProba(fresh), actual = read.imageClassifier().predictProba(fresh);
    for (int i = 0; i < fresh.length; i++) assertArrayEquals(expected[i], actual[i], 1e-12);
    assertEquals("low", trained.classes().get(expected[0][0] > expected[0][1] ? 0 : 1));
  }

  @Test
  void imageModelOfAnotherEncodersVectorsIsRefused() throws IOException {
    byte[] file = bytes(new ModelFile("v2", "JOB_0", vectorClassifier("onnx:old.onnx@123456").save(), ModelFile.ImageEncoding.shipped()));
    var e = assertThrows(IllegalArgumentException.class, () -> ModelFile.read(new ByteArrayInputStream(file)).imageClassifier());
    assertEquals("model v2 learned on vectors of onnx:old.onnx@123456, not of " + ShippedImageEncoder.NAME, e.getMessage());
  }
}
