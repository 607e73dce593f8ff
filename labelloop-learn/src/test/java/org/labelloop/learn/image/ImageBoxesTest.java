package org.labelloop.learn.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageBoxesTest {
  @Test void teachesHumanBoxesMatchingProposalsAndBackgroundButNotHalfOverlaps() {
    Detection bee = new Detection("bee", 1, 0, 0, 100, 100);
    Detection onBee = new Detection("kite", 0.4, 5, 5, 100, 100); // IoU 0.82
    Detection half = new Detection("kite", 0.3, 40, 0, 100, 100); // IoU 0.43: neither
    Detection away = new Detection("cup", 0.2, 300, 300, 50, 50); // IoU 0: background
    float[] t = {1}, a = {2}, b = {3}, c = {4};
    ImageBoxes image = new ImageBoxes(List.of(bee), new float[][] {t}, List.of(onBee, half, away), new float[][] {a, b, c});
    List<float[]> vectors = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    image.addTrainingRows(vectors, labels);
    assertEquals(List.of("bee", "bee", CropClassifier.BACKGROUND), labels);
    assertArrayEquals(new float[][] {t, a, c}, vectors.toArray(float[][]::new));
  }

  @Test void cropsEachBoxWithATenthOfContextClippedToTheImage() throws ImageDecodeException {
    byte[] png = TestImages.solid(200, 100, Color.RED, "png");
    List<byte[]> crops = BoxCrops.of(png, List.of(new Detection("a", 1, 50, 20, 100, 50), new Detection("b", 1, 180, 90, 40, 40)));
    Picture inner = Picture.decode(crops.get(0), 1, 1), corner = Picture.decode(crops.get(1), 1, 1);
    assertEquals(120, inner.width());
    assertEquals(60, inner.height());
    assertEquals(24, corner.width(), "176..200");
    assertEquals(14, corner.height(), "86..100");
  }

  @Test void suppressesOverlappingProposalsWhateverTheirClass() {
    Detection frisbee = new Detection("frisbee", 0.5, 0, 0, 10, 10), ball = new Detection("sports ball", 0.4, 0, 0, 10, 10);
    Detection other = new Detection("sports ball", 0.3, 50, 50, 10, 10);
    assertEquals(List.of(frisbee, other), Nms.anyClass(List.of(ball, other, frisbee), 0.5, 10));
    assertEquals(List.of(frisbee, ball, other), Nms.apply(List.of(ball, other, frisbee), 0.5, 10));
  }
}
