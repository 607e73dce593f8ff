package org.labelloop.learn.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.simulate.Replay;
import org.labelloop.learn.strategy.Measure;

class DetectionReplayTest {
  /**
   * Images of one object each, a "wasp" or a "bee" (crop vectors near one corner or another), whose proposals are the
   * object's box (labeled "kite" by the detector) and a background box elsewhere.
   */
  private static List<ImageBoxes> images(int n, SplittableRandom rnd) {
    List<ImageBoxes> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int cls = i % 2;
      Detection truth = new Detection(cls == 0 ? "wasp" : "bee", 1, 10, 10, 50, 50);
      Detection object = new Detection("kite", 0.3, 12, 11, 50, 50), elsewhere = new Detection("cup", 0.2, 100, 100, 30, 30);
      out.add(new ImageBoxes(List.of(truth), new float[][] {CropClassifierTest.near(cls, rnd)}, List.of(object, elsewhere),
          new float[][] {CropClassifierTest.near(cls, rnd), CropClassifierTest.near(2, rnd)}));
    }
    return out;
  }

  @Test void learnsTheCategoriesOfTheDetectorsBoxesFromLabeledImages() {
    DetectionReplay replay = new DetectionReplay(images(30, new SplittableRandom(2)), 20, Map.of());
    assertEquals(List.of("map50"), replay.metrics());
    int[] pool = IntStream.range(0, 20).toArray();
    Replay.Round none = replay.round(new int[0], pool);
    assertEquals(0, none.metrics().get("map50"), "no model, no mapped class: no box");
    assertFalse(none.unlabeled().scored());
    Replay.Round some = replay.round(new int[] {0, 1, 2, 3}, IntStream.range(4, 20).toArray());
    assertEquals(1, some.metrics().get("map50"), 1e-9);
    assertTrue(some.unlabeled().scored());
    assertEquals(16, some.unlabeled().vectors().length);
    assertTrue(some.unlabeled().uncertainty().of(0, Measure.LEAST_CONFIDENCE) > 0);
  }

  @Test void givesMappedCocoClassesTheirBoxesBeforeAnyLabel() {
    DetectionReplay replay = new DetectionReplay(images(6, new SplittableRandom(3)), 4, Map.of("kite", "wasp"));
    double map = replay.round(new int[0], new int[] {0, 1, 2, 3}).metrics().get("map50");
    assertEquals(0.5, map, 1e-9, "every wasp found, every bee missed");
  }
}
