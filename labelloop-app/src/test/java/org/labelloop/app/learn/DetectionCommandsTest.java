package org.labelloop.app.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.app.ShapesCocoFolder;
import org.labelloop.app.testing.Api;
import org.labelloop.store.testing.TestDetectors;

/** {@code simulate --task detection} on the demo's drawn shapes, written as a COCO folder by the test. */
class DetectionCommandsTest {
  @TempDir Path dir;

  @Test
  void learnsShapesTheDetectorDoesNotKnowFromTheCropsOfLabeledBoxes() throws Exception {
    Path coco = ShapesCocoFolder.write(dir.resolve("shapes"), 16);
    Files.writeString(coco, Files.readString(coco).replace("\"shapes-16.png\"", "\"absent.png\""));
    Path curve = dir.resolve("curve.csv");
    String[] r = LearnCommandsTest.run("simulate", "--task", "detection", "--data", coco.toString(), "--format", "coco", "--test-fraction", "0.33",
        "--strategy", "random,least-confidence", "--initial", "2", "--batch", "3", "--budget", "8", "--out", curve.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[2].contains("skipped " + dir.resolve("shapes/absent.png") + ": no such file"), r[2]);
    assertTrue(r[1].contains("data: 15 images, "), r[1]);
    assertTrue(r[1].contains("1 skipped; categories kept from the detector: none"), r[1]);
    List<String> lines = Files.readAllLines(curve);
    assertEquals("strategy,repeat,images,map50", lines.getFirst());
    assertEquals(1 + 2 * 3, lines.size(), "2, 5 and 8 images per strategy");
    String last = r[1].strip().substring(r[1].strip().lastIndexOf('\n') + 1);
    assertTrue(last.matches("final strategy=least-confidence images=8 map50=[0-9.]+ aulc=[0-9.]+"), last);
    double map = Double.parseDouble(last.replaceAll(".*map50=([0-9.]+).*", "$1"));
    assertTrue(map >= 0.3, "the shapes are learned from 8 labeled images: " + last);
  }

  @Test
  void aTeamsOwnOnnxDetectorIsTheBoxSourceAndItsClassesKeepTheirBoxes() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("squares"));
    ObjectNode coco = Api.object();
    coco.putArray("categories").addObject().put("id", 1).put("name", "Squares");
    for (int i = 0; i < 12; i++) {
      int x = 16 * (i % 4), y = 16 * ((i / 4) % 4); // 64x64 letterboxed at 0.5: each square fills one cell of the detector
      Files.write(folder.resolve(i + ".png"), TestDetectors.squareOnBlack(64, 64, x, y, 16));
      coco.withArray("images").addObject().put("id", i).put("file_name", i + ".png").put("width", 64).put("height", 64);
      coco.withArray("annotations").addObject().put("id", i).put("image_id", i).put("category_id", 1)
          .set("bbox", Api.array().add(x).add(y).add(16).add(16));
    }
    Path file = Files.writeString(folder.resolve("instances.json"), coco.toString());
    Path model = Files.write(dir.resolve("tiles.onnx"), TestDetectors.brightCells());
    String[] r = LearnCommandsTest.run("simulate", "--task", "detection", "--data", file.toString(), "--format", "coco",
        "--detector", model.toString(), "--detector-classes", "square,other", "--detector-size", "32", "--test-fraction", "0.25",
        "--strategy", "random", "--initial", "2", "--batch", "2", "--budget", "4", "--out", dir.resolve("curve.csv").toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("categories kept from the detector: {square=Squares}"), r[1]);
    String last = r[1].strip().substring(r[1].strip().lastIndexOf('\n') + 1);
    assertTrue(last.matches("final strategy=random images=4 map50=1\\.0000 aulc=1\\.0000"), "its boxes are the squares: " + last);
  }

  @Test
  void refusesADetectorWithoutItsClassesOrThatDoesNotFitThem() throws Exception {
    Path model = Files.write(dir.resolve("tiles.onnx"), TestDetectors.brightCells());
    String[] common = {"simulate", "--task", "detection", "--data", "x.json", "--format", "coco", "--strategy", "random",
        "--out", dir.resolve("c.csv").toString(), "--detector", model.toString(), "--detector-size", "32"};
    String[] r = LearnCommandsTest.run(common);
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--detector needs --detector-classes"), r[2]);
    r = LearnCommandsTest.run(java.util.stream.Stream.concat(java.util.Arrays.stream(common), java.util.stream.Stream.of("--detector-classes", "a,b,c"))
        .toArray(String[]::new));
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("boxes of 3 classes"), r[2]);
  }

  @Test
  void refusesAnotherFormatForDetection() {
    String[] r = LearnCommandsTest.run("simulate", "--task", "detection", "--data", "x.csv", "--format", "csv", "--strategy", "random",
        "--out", dir.resolve("c.csv").toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--task detection reads --format coco (got 'csv')"), r[2]);
  }
}
