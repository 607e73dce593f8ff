package org.labelloop.learn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
