package org.labelloop.app.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.app.ShapesCocoFolder;

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
  void refusesAnotherFormatForDetection() {
    String[] r = LearnCommandsTest.run("simulate", "--task", "detection", "--data", "x.csv", "--format", "csv", "--strategy", "random",
        "--out", dir.resolve("c.csv").toString());
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("--task detection reads --format coco (got 'csv')"), r[2]);
  }
}
