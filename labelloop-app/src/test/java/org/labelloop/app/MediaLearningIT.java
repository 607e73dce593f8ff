package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.app.MediaApiContract.zip;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.core.learning.MediaEmbeddingWorker;
import org.labelloop.learn.image.ImageEncoder;
import org.labelloop.learn.image.ShippedImageEncoder;
import org.labelloop.learn.media.MediaClassifier;
import org.labelloop.learn.model.ModelFile;
import org.labelloop.learn.onnx.OnnxGraph;
import org.labelloop.store.testing.TestImages;

/**
 * An IMAGE classification project learns through the front door with the real background media embedder: imported
 * photos get their vectors, a dozen labels train a model on them (never on file names) whose card names the encoder,
 * every other decodable image gets a PREDICTION with its confidence, and a file that cannot be decoded is marked and
 * skipped. Then the project's own ONNX encoder, built here, replaces the shipped one and the next model names it. An
 * AUDIO project learns the same way on its clips' features, and one whose categories name speech and non-speech gets
 * the voice detector's pre-labels without any label. Each image model exports as one file that scores a photo
 * as the server did.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaLearningIT {
  private static final int IMAGES = 24;
  @TempDir Path models;
  Path data;
  LabelloopApp app;
  Api admin;

  @BeforeAll
  void start() throws IOException {
    data = Files.createTempDirectory("labelloop-media-it-");
    app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, null, false, true), new PrintStream(new ByteArrayOutputStream()));
    admin = new Api("http://127.0.0.1:" + app.port(), app.adminApiKey());
  }

  @AfterAll
  void stop() {
    app.close();
  }

  /** A 64×64 JPEG, mostly red or mostly blue, with a few random rectangles so no two are alike. */
  private static byte[] photo(boolean red, Random random) {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(red ? new Color(200 + random.nextInt(50), random.nextInt(60), random.nextInt(60))
        : new Color(random.nextInt(60), random.nextInt(60), 200 + random.nextInt(50)));
    g.fillRect(0, 0, 64, 64);
    for (int k = 0; k < 3; k++) {
      g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
      g.fillRect(random.nextInt(48), random.nextInt(48), 4 + random.nextInt(12), 4 + random.nextInt(12));
    }
    g.dispose();
    return TestImages.encode(img, "jpg");
  }

  /** A WebP file's header: RIFF, size, WEBP, a VP8 chunk of noise. */
  private static byte[] webp() {
    byte[] b = new byte[64];
    System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
    b[4] = 56;
    System.arraycopy("WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
    b[16] = 44;
    for (int i = 20; i < b.length; i++) b[i] = (byte) (i * 37);
    return b;
  }

  /** Mean colour per channel, [N, 3, 32, 32] -> [N, 3]: a user's encoder that sees exactly what separates the classes. */
  private Path meanColourModel() throws IOException {
    OnnxGraph g = new OnnxGraph("mean-colour");
    g.input("pixels", OnnxGraph.FLOAT, -1, 3, 32, 32);
    g.namedNode("Flatten", List.of(g.node("GlobalAveragePool", List.of("pixels"))), "embedding");
    g.output("embedding", OnnxGraph.FLOAT);
    return Files.write(models.resolve("mean-colour.onnx"), g.toBytes("test", Map.of()));
  }

  @Test
  void imagesLearnOnTheirEmbeddingsThenOnTheProjectsOwnEncoder() throws Exception {
    String p = project("IMAGE", "RED", "BLUE");
    Random random = new Random(5);
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      boolean red = i % 2 == 0;
      entries.add(String.format("%s%02d.jpg", red ? "red" : "blue", i));
      entries.add(photo(red, random));
    }
    entries.add("photo.webp"); // imported (a WebP header), but no decoder here reads WebP
    entries.add(webp());
    upload(p, entries);

    for (int i = 0; i < 12; i++) {
      Response next = admin.get("/api/v1/projects/" + p + "/queue/next");
      assertEquals(200, next.status(), next.text());
      String name = next.body().path("externalId").asText();
      String category = name.startsWith("blue") ? "BLUE" : "RED"; // a person sees the WebP file; the model never does
      Response l = admin.post("/api/v1/projects/" + p + "/labels", "{\"assetId\":\"" + next.body().path("id").asText()
          + "\",\"labelType\":\"DEFAULT\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"" + category + "\"}]}}}");
      assertEquals(201, l.status(), l.text());
    }
    JsonNode shipped = awaitModel(p, card -> card.path("featurizer").asText().equals(ShippedImageEncoder.NAME));
    assertEquals("image-classification", shipped.path("card").path("task").asText());
    assertEquals(1, shipped.path("card").path("undecodableAssets").asInt(), shipped.toString());
    assertTrue(shipped.path("predictions").asInt() >= IMAGES - 12, "every unlabeled photo: " + shipped);
    assertTrue(shipped.path("card").path("config").asText().startsWith("tab(num"), shipped.toString()); // the vectors as numbers
    Response next = admin.get("/api/v1/projects/" + p + "/queue/next");
    if (next.body().path("externalId").asText().equals("photo.webp")) { // no prediction: a person labels it
      assertTrue(next.body().path("prediction").isNull(), next.text());
      admin.post("/api/v1/projects/" + p + "/labels", "{\"assetId\":\"" + next.body().path("id").asText()
          + "\",\"labelType\":\"DEFAULT\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"RED\"}]}}}");
      next = admin.get("/api/v1/projects/" + p + "/queue/next");
    }
    assertEquals(200, next.status(), next.text());
    JsonNode prediction = next.body().path("prediction");
    assertEquals(shipped.path("modelVersion").asText(), prediction.path("modelVersion").asText(), next.text());
    JsonNode suggested = prediction.path("jsonResponse").path("JOB_0").path("categories").path(0);
    String truth = next.body().path("externalId").asText().startsWith("red") ? "RED" : "BLUE";
    assertEquals(truth, suggested.path("name").asText(), next.text());
    assertTrue(suggested.path("confidence").asInt() > 50, next.text());
    assertExportScoresAsServed(p, shipped);

    Response bad = admin.patch("/api/v1/projects/" + p + "/learning", "{\"encoder\":{\"path\":\"" + data.resolve("labelloop.db") + "\"}}");
    assertEquals(400, bad.status(), "not an ONNX model: " + bad.text());
    Path model = meanColourModel();
    Response own = admin.patch("/api/v1/projects/" + p + "/learning",
        "{\"encoder\":{\"path\":\"" + model + "\",\"width\":32,\"height\":32}}");
    assertEquals(200, own.status(), own.text());
    JsonNode mine = awaitModel(p, card -> card.path("featurizer").asText().startsWith("onnx:mean-colour.onnx@"));
    assertEquals(1, mine.path("card").path("undecodableAssets").asInt(), mine.toString());
    assertEquals(1.0, mine.path("cvAccuracy").asDouble(), 1e-9, "the mean colour separates red from blue: " + mine);
    assertExportScoresAsServed(p, mine);
  }

  @Test
  void suspectedLabelErrorsOfPhotosComeFromTheirPixelsNotTheirFileNames() throws Exception {
    String p = project("IMAGE", "RED", "BLUE");
    admin.patch("/api/v1/projects/" + p + "/learning", "{\"enabled\":false}");
    Random random = new Random(11);
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i < IMAGES; i++) {
      boolean named = i % 2 == 0;
      boolean red = named ^ (i == 4 || i == 9); // two photos whose colour is not the one their name and label say
      entries.add(String.format("%s%02d.jpg", named ? "red" : "blue", i));
      entries.add(photo(red, random));
    }
    upload(p, entries);
    StringBuilder labels = new StringBuilder("[");
    for (int i = 0; i < IMAGES; i++) {
      String name = String.format("%s%02d.jpg", i % 2 == 0 ? "red" : "blue", i);
      labels.append(i == 0 ? "" : ",").append("{\"assetExternalId\":\"").append(name).append("\",\"labelType\":\"DEFAULT\",")
          .append("\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"").append(i % 2 == 0 ? "RED" : "BLUE").append("\"}]}}}");
    }
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/labels", labels.append(']').toString()).status());

    Response suspects = admin.get("/api/v1/projects/" + p + "/quality/suspects");
    for (int i = 0; i < 1800 && suspects.status() == 409; i++) { // the photos' vectors are computed in the background
      Thread.sleep(100);
      suspects = admin.get("/api/v1/projects/" + p + "/quality/suspects");
    }
    assertEquals(200, suspects.status(), suspects.text());
    List<String> flagged = new ArrayList<>();
    suspects.body().path("items").forEach(s -> flagged.add(s.path("externalId").asText()));
    assertEquals(List.of("blue09.jpg", "red04.jpg"), flagged.stream().sorted().toList(), "the names agree with every label; the pixels do not");
  }

  @Test
  void suspectedLabelErrorsOfTextsUseTheirStoredSentenceEmbeddings() throws Exception {
    // every mood word appears once: the words alone tell nothing, the sentence embeddings tell glad from sad
    String[] glad = {"happy", "glad", "joyful", "delighted", "cheerful", "thrilled", "elated", "content", "pleased", "ecstatic",
        "overjoyed", "jubilant", "merry", "grateful", "blissful"};
    String[] sad = {"sad", "unhappy", "miserable", "gloomy", "depressed", "heartbroken", "sorrowful", "downcast", "dejected",
        "despondent", "melancholy", "devastated", "grieving", "wretched", "forlorn"};
    String p = project("TEXT", "GLAD", "SAD");
    admin.patch("/api/v1/projects/" + p + "/learning", "{\"enabled\":false}");
    StringBuilder assets = new StringBuilder("[");
    StringBuilder labels = new StringBuilder("[");
    for (int i = 0; i < 30; i++) {
      boolean isGlad = i % 2 == 0;
      String word = (isGlad ? glad : sad)[i / 2];
      boolean wrong = i == 6 || i == 13;
      assets.append(i == 0 ? "" : ",").append("{\"externalId\":\"m").append(i).append("\",\"content\":\"Today I feel ").append(word).append("\"}");
      labels.append(i == 0 ? "" : ",").append("{\"assetExternalId\":\"m").append(i).append("\",\"labelType\":\"DEFAULT\",")
          .append("\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"").append(isGlad ^ wrong ? "GLAD" : "SAD").append("\"}]}}}");
    }
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/assets", assets.append(']').toString()).status());
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/labels", labels.append(']').toString()).status());

    JsonNode suspects = admin.get("/api/v1/projects/" + p + "/quality/suspects").body();
    for (int i = 0; i < 1800 && suspects.path("items").isEmpty(); i++) { // words alone: withheld, until the vectors are stored
      Thread.sleep(100);
      suspects = admin.get("/api/v1/projects/" + p + "/quality/suspects").body();
    }
    List<String> flagged = new ArrayList<>();
    suspects.path("items").forEach(s -> flagged.add(s.path("externalId").asText()));
    assertTrue(flagged.containsAll(List.of("m6", "m13")) && flagged.size() <= 4, "the two wrong moods: " + suspects);
  }

  /**
   * The model version's file (what the Spark job scores with) carries its encoder, the shipped one by name or the
   * project's own ONNX file, and scores a pool photo's bytes as the server scored that photo.
   */
  private void assertExportScoresAsServed(String p, JsonNode model) throws Exception {
    ModelFile file = ModelFile.read(new ByteArrayInputStream(bytes("/api/v1/projects/" + p + "/models/" + model.path("version").asInt() + "/file")));
    assertEquals(model.path("modelVersion").asText(), file.modelVersion());
    JsonNode prediction = null;
    for (JsonNode l : admin.get("/api/v1/projects/" + p + "/labels?type=PREDICTION&limit=200").body().path("items")) {
      if (l.path("modelVersion").asText().equals(file.modelVersion())) prediction = l;
    }
    assertNotNull(prediction, "a prediction of " + file.modelVersion());
    byte[] photo = bytes("/api/v1/projects/" + p + "/assets/" + prediction.path("assetId").asText() + "/file");
    MediaClassifier classifier = file.imageClassifier();
    double[] probabilities;
    try (ImageEncoder encoder = file.image().load(1)) {
      probabilities = classifier.predictProba(encoder.embed(List.of(photo)))[0];
    }
    JsonNode served = prediction.path("jsonResponse").path("JOB_0").path("probabilities");
    for (int c = 0; c < probabilities.length; c++) {
      assertEquals(served.path(classifier.classes().get(c)).asDouble(), probabilities[c], 2e-4, served.toString());
    }
  }

  private byte[] bytes(String path) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(admin.base() + path))
        .header("Authorization", "Bearer " + app.adminApiKey()).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, r.statusCode(), path + ": " + new String(r.body(), StandardCharsets.UTF_8));
    return r.body();
  }

  /** A one-second 16 kHz WAV: a low or a high tone, its pitch and loudness varied by {@code random}. */
  private static byte[] tone(boolean low, Random random) throws IOException {
    int rate = 16_000;
    double hz = (low ? 200 : 2000) * (0.9 + 0.2 * random.nextDouble()), gain = 0.2 + 0.3 * random.nextDouble();
    short[] pcm = new short[rate];
    for (int i = 0; i < rate; i++) pcm[i] = (short) (gain * Short.MAX_VALUE * Math.sin(2 * Math.PI * hz * i / rate));
    return wav(pcm);
  }

  /** A 16 kHz mono 16-bit WAV of these samples. */
  private static byte[] wav(short[] samples) throws IOException {
    ByteBuffer pcm = ByteBuffer.allocate(2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
    for (short v : samples) pcm.putShort(v);
    AudioFormat format = new AudioFormat(16_000, 16, 1, true, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm.array()), format, samples.length), AudioFileFormat.Type.WAVE, out);
    return out.toByteArray();
  }

  @Test
  void audioClipsLearnOnTheirFeaturesAndAnMp3IsMarkedAsUndecodable() throws Exception {
    String p = project("AUDIO", "LOW", "HIGH");
    Random random = new Random(9);
    List<Object> entries = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      entries.add(String.format("%s%02d.wav", i % 2 == 0 ? "low" : "high", i));
      entries.add(tone(i % 2 == 0, random));
    }
    entries.add("song.mp3"); // an ID3 tag, then no frames: not decoded here (WAV and FLAC are)
    entries.add("ID3\u0004\u0000\u0000\u0000\u0000\u0000\u0000 no audio frames follow");
    upload(p, entries);
    for (int i = 0; i < 12; i++) {
      Response l = admin.post("/api/v1/projects/" + p + "/labels", "{\"assetExternalId\":\"" + entries.get(2 * i)
          + "\",\"labelType\":\"DEFAULT\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"" + (i % 2 == 0 ? "LOW" : "HIGH") + "\"}]}}}");
      assertEquals(201, l.status(), l.text());
    }
    JsonNode model = awaitModel(p, card -> card.path("featurizer").asText().equals(MediaEmbeddingWorker.AUDIO_MODEL));
    assertEquals("audio-classification", model.path("card").path("task").asText());
    assertEquals(1, model.path("card").path("undecodableAssets").asInt(), model.toString());
    assertEquals(8, model.path("predictions").asInt(), "the eight unlabeled clips, not the mp3: " + model);
    assertEquals(1.0, model.path("cvAccuracy").asDouble(), 1e-9, "a low tone is not a high one: " + model);
  }

  @Test
  void aVoiceIsPreLabeledSpeechAndSilenceNoiseOrAToneNonSpeechWithoutAnyLabel() throws Exception {
    String other = project("AUDIO", "BARK", "MEOW");
    String p = project("AUDIO", "SPEECH", "SILENCE");
    Random random = new Random(3);
    List<Object> quiet = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      quiet.add((i < 3 ? "voice" : "quiet") + i + ".wav");
      quiet.add(i < 3 ? wav(SyntheticVoice.twoSeconds(random)) : i < 5 ? wav(new short[16_000]) : i < 7 ? noise(random) : tone(i % 2 == 0, random));
    }
    upload(other, quiet); // imported first: embedded first, so done once p's clips have their pre-labels
    upload(p, quiet);
    JsonNode predictions = null;
    for (int i = 0; i < 1800; i++) {
      predictions = admin.get("/api/v1/projects/" + p + "/labels?type=PREDICTION&limit=100").body().path("items");
      if (predictions.size() == 9) break;
      Thread.sleep(100);
    }
    assertEquals(9, predictions.size(), "one pre-label per clip: " + predictions);
    Map<String, String> names = new HashMap<>();
    for (JsonNode a : admin.get("/api/v1/projects/" + p + "/assets?limit=100").body().path("items")) {
      names.put(a.path("id").asText(), a.path("externalId").asText());
    }
    for (JsonNode l : predictions) {
      assertEquals("silero-vad", l.path("modelVersion").asText());
      JsonNode job = l.path("jsonResponse").path("JOB_0");
      String name = names.get(l.path("assetId").asText());
      assertEquals(name.startsWith("voice") ? "SPEECH" : "SILENCE", job.path("categories").path(0).path("name").asText(), name + ": " + l);
      int confidence = job.path("categories").path(0).path("confidence").asInt();
      assertTrue(confidence > 50 && confidence < 100, "a detector's verdict, not a certainty: " + l);
      assertEquals(1.0, job.path("probabilities").path("SPEECH").asDouble() + job.path("probabilities").path("SILENCE").asDouble(), 1e-3);
    }
    assertEquals(0, admin.get("/api/v1/projects/" + other + "/labels?type=PREDICTION").body().path("items").size(),
        "categories that do not name speech get no pre-label");
  }

  /** One second of white noise at 16 kHz. */
  private static byte[] noise(Random random) throws IOException {
    short[] pcm = new short[16_000];
    for (int i = 0; i < pcm.length; i++) pcm[i] = (short) (random.nextGaussian() * 3000);
    return wav(pcm);
  }

  /** A project of {@code inputType} with one classification job of two categories; returns its id. */
  private String project(String inputType, String a, String b) {
    Response created = admin.post("/api/v1/projects", "{\"title\":\"" + inputType + "\",\"inputType\":\"" + inputType + "\",\"jsonInterface\":"
        + "{\"jobs\":{\"JOB_0\":{\"mlTask\":\"CLASSIFICATION\",\"required\":1,\"content\":{\"input\":\"radio\",\"categories\":{\""
        + a + "\":{},\"" + b + "\":{}}}}}}}");
    assertEquals(201, created.status(), created.text());
    return created.body().path("id").asText();
  }

  /** Imports the files as one zip: name, bytes (or text), name, bytes... */
  private void upload(String project, List<Object> entries) throws Exception {
    Response imported = ServerContract.uploadZip(admin, app.adminApiKey(), project, zip(entries.toArray()), null, "");
    assertEquals(201, imported.status(), imported.text());
  }

  /** Waits up to three minutes for a model whose card passes {@code wanted}. */
  private JsonNode awaitModel(String p, Predicate<JsonNode> wanted) throws InterruptedException {
    for (int i = 0; i < 1800; i++) {
      for (JsonNode m : admin.get("/api/v1/projects/" + p + "/models").body().path("items")) {
        if (wanted.test(m.path("card"))) return m;
      }
      Thread.sleep(100);
    }
    Response jobs = admin.get("/api/v1/projects/" + p + "/training-jobs");
    assertNotNull(null, "no such model within 3 minutes; models: " + admin.get("/api/v1/projects/" + p + "/models").text()
        + "; jobs: " + jobs.text());
    return null;
  }
}
