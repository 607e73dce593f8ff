package org.labelloop.app.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.learn.image.ImageEncoder;
import org.labelloop.learn.image.ShippedImageEncoder;
import org.labelloop.learn.media.MediaClassifier;
import org.labelloop.learn.model.ModelFile;
import org.labelloop.store.testing.TestImages;

/** {@code simulate} and {@code automl} with {@code --task audio|image} on tones and pictures written by the test. */
class MediaCommandsTest {
  @TempDir Path dir;

  /** Half a second of a hummed tone at 8 kHz, 16-bit: "low" near 250 Hz, "high" near 1,200 Hz. */
  private static byte[] tone(boolean high, SplittableRandom r) throws Exception {
    double hz = (high ? 1200 : 250) * (0.9 + 0.2 * r.nextDouble());
    int rate = 8000, n = rate / 2;
    byte[] pcm = new byte[2 * n];
    for (int i = 0; i < n; i++) {
      double v = 0.5 * Math.sin(2 * Math.PI * hz * i / rate) * Math.sin(Math.PI * i / n) + 0.02 * r.nextGaussian();
      short s = (short) Math.round(Math.max(-1, Math.min(1, v)) * 32767);
      pcm[2 * i] = (byte) s;
      pcm[2 * i + 1] = (byte) (s >> 8);
    }
    AudioFormat f = new AudioFormat(rate, 16, 1, true, false);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(pcm), f, n), AudioFileFormat.Type.WAVE, out);
    return out.toByteArray();
  }

  /** A 64×48 PNG, reddish or bluish, with noise. */
  private static byte[] picture(boolean red, SplittableRandom r) throws Exception {
    BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < 64; x++) {
      for (int y = 0; y < 48; y++) {
        int a = 150 + r.nextInt(100), b = r.nextInt(80);
        img.setRGB(x, y, (red ? new Color(a, b, b) : new Color(b, b, a)).getRGB());
      }
    }
    return TestImages.encode(img, "png");
  }

  /** A CSV {@code file,label} of {@code n} files in a sub-directory, named relative to the CSV. */
  private Path list(String name, int n, long seed, boolean audio) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    Files.createDirectories(dir.resolve("files"));
    StringBuilder b = new StringBuilder("file,label\n");
    for (int i = 0; i < n; i++) {
      boolean one = i % 2 == 0;
      String file = "files/" + name + i + (audio ? ".wav" : ".png");
      Files.write(dir.resolve(file), audio ? tone(one, r) : picture(one, r));
      b.append(file).append(',').append(audio ? (one ? "high" : "low") : (one ? "red" : "blue")).append('\n');
    }
    return Files.writeString(dir.resolve(name + ".csv"), b);
  }

  @Test
  void audioSimulatesSkipsWhatCannotBeDecodedAndASecondCommandFeaturizesNothing() throws Exception {
    Path train = list("train", 40, 1, true), test = list("test", 20, 2, true), cache = dir.resolve("cache");
    Files.writeString(dir.resolve("files/noise.wav"), "not a wav file");
    Files.writeString(train, "files/noise.wav,low\nfiles/absent.wav,high\n", java.nio.file.StandardOpenOption.APPEND);
    Path curve = dir.resolve("curve.csv");
    String[] r = LearnCommandsTest.run("simulate", "--task", "audio", "--data", train.toString(), "--test", test.toString(),
        "--format", "csv", "--file", "file", "--label", "label", "--strategy", "random,margin,diverse", "--initial", "4",
        "--batch", "4", "--budget", "12", "--seed", "3", "--embedding-cache", cache.toString(), "--out", curve.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[2].contains("skipped " + dir.resolve("files/noise.wav") + ": cannot decode"), r[2]);
    assertTrue(r[2].contains("skipped " + dir.resolve("files/absent.wav") + ": no such file"), r[2]);
    assertTrue(r[1].contains("data: 60 clips (40 from train.csv, 20 from test.csv), 2 skipped"), r[1]);
    assertTrue(r[1].contains("final strategy=margin labels=12 accuracy="), r[1]);
    assertTrue(r[1].contains("final strategy=diverse labels=12 accuracy="), r[1]);
    assertEquals(1 + 3 * 3, Files.readAllLines(curve).size());

    r = LearnCommandsTest.run("automl", "--task", "audio", "--data", train.toString(), "--test", test.toString(),
        "--format", "csv", "--file", "file", "--label", "label", "--time-budget", "30", "--embedding-cache",
        cache.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[2].contains("62 files, 60 from the cache, 0 featurized"), r[2]);
    String best = r[1].strip().substring(r[1].strip().lastIndexOf('\n') + 1);
    assertTrue(best.startsWith("best config=tab(num312)/"), best);
    assertTrue(Double.parseDouble(best.replaceAll(".*test_accuracy=([0-9.]+).*", "$1")) >= 0.9, best);
  }

  @Test
  void imagesGoThroughTheShippedEncodersWithoutATestFile() throws Exception {
    Path data = list("photos", 24, 4, false);
    String[] r = LearnCommandsTest.run("simulate", "--task", "image", "--data", data.toString(), "--format", "csv", "--file",
        "file", "--label", "label", "--test-fraction", "0.25", "--strategy", "margin,cold-start", "--initial", "4",
        "--batch", "4", "--budget", "8", "--embedding-cache", "none", "--out", dir.resolve("c.csv").toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("data: 24 images from photos.csv, 0 skipped"), r[1]);
    String last = r[1].strip().substring(r[1].strip().lastIndexOf('\n') + 1);
    assertTrue(last.startsWith("final strategy=cold-start labels=8 accuracy=1.0000"), r[1]);
  }

  @Test
  void imageAutomlSavesAModelFileWithTheShippedEncoderThatScoresNewPictures() throws Exception {
    Path data = list("photos", 16, 6, false);
    Path file = dir.resolve("photos.llm");
    String[] r = LearnCommandsTest.run("automl", "--task", "image", "--data", data.toString(), "--format", "csv", "--file",
        "file", "--label", "label", "--time-budget", "10", "--embedding-cache", "none", "--save-model", file.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("model saved: version=automl-"), r[1]);
    ModelFile read;
    try (var in = Files.newInputStream(file)) {
      read = ModelFile.read(in);
    }
    assertEquals(ShippedImageEncoder.NAME, read.image().name());
    MediaClassifier classifier = read.imageClassifier();
    SplittableRandom fresh = new SplittableRandom(99);
    double[][] p;
    try (ImageEncoder encoder = read.image().load(1)) {
      p = classifier.predictProba(encoder.embed(List.of(picture(true, fresh), picture(false, fresh))));
    }
    assertTrue(p[0][classifier.classes().indexOf("red")] > 0.5, Arrays.toString(p[0]));
    assertTrue(p[1][classifier.classes().indexOf("blue")] > 0.5, Arrays.toString(p[1]));
  }
}
