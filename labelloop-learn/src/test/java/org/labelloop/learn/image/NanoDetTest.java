package org.labelloop.learn.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class NanoDetTest {
  @Test void decodesADistanceDistributionIntoABoxInTheOriginalImage() {
    int side = 13, classes = 80, cell = 2 * side + 3; // stride 32, column 3, row 2: centre (112, 80)
    float[] scores = new float[side * side * classes], boxes = new float[side * side * 44];
    scores[cell * classes + 16] = 0.9f; // dog
    scores[cell * classes + 17] = 0.2f; // horse, below the threshold
    for (int s = 0; s < 4; s++) boxes[cell * 44 + s * 11 + 2] = 30; // all mass on distance 2 x 32 = 64
    // an 832x416 photo letterboxed into 416: scale 0.5, 104 rows of padding above
    Picture p = new Picture(832, 416, null, 0.5, 0.5, 0, 104);
    List<Detection> out = new ArrayList<>();
    NanoDet.decode(scores, boxes, 32, 0.5, p, out);
    assertEquals(1, out.size());
    Detection d = out.getFirst();
    assertEquals("dog", d.label());
    assertEquals(0.9, d.score(), 1e-6);
    assertEquals((112 - 64) / 0.5, d.x(), 1e-6);
    assertEquals(0, d.y(), 1e-6, "clipped to the image");
    assertEquals(128 / 0.5, d.width(), 1e-6);
    assertEquals((80 + 64 - 104) / 0.5, d.height(), 1e-6);
  }

  @Test void keepsTheBestOfOverlappingBoxesPerClass() {
    Detection a = new Detection("dog", 0.9, 0, 0, 10, 10), b = new Detection("dog", 0.8, 1, 1, 10, 10);
    Detection c = new Detection("cat", 0.7, 1, 1, 10, 10), d = new Detection("dog", 0.6, 50, 50, 10, 10);
    assertEquals(List.of(a, c, d), Nms.apply(List.of(d, b, c, a), 0.6, 10));
  }

  @Test void matchesCategoryNamesToCocoClasses() {
    assertEquals("horse", CocoClasses.match("Horses").orElseThrow());
    assertEquals("traffic light", CocoClasses.match("TRAFFIC_LIGHT").orElseThrow());
    assertEquals("bus", CocoClasses.match("buses").orElseThrow());
    assertEquals(true, CocoClasses.match("ant").isEmpty());
    assertEquals("motorcycle", CocoClasses.match("Motorbike").orElseThrow());
    assertEquals("person", CocoClasses.match("people").orElseThrow());
    assertEquals("tv", CocoClasses.match("tvmonitor").orElseThrow());
  }

  @Test void matchesCategoryNamesToADetectorsOwnClassesTheSameWay() {
    List<String> own = List.of("ant", "worker bee", "person");
    assertEquals("ant", CocoClasses.match("Ants", own).orElseThrow());
    assertEquals("worker bee", CocoClasses.match("WORKER_BEES", own).orElseThrow());
    assertEquals("person", CocoClasses.match("pedestrian", own).orElseThrow(), "a synonym of a COCO class the model has");
    assertTrue(CocoClasses.match("bike", own).isEmpty(), "a synonym of a class the model lacks");
  }

  @Test void readsAWidePhotoAlsoAsTheSquaresAtBothEndsAndKnowsWhereTheyCutItOff() throws Exception {
    List<Picture> views = Picture.letterboxWithEnds(png(640, 400), 416, 416);
    assertEquals(3, views.size());
    Picture whole = views.get(0), left = views.get(1), right = views.get(2);
    assertEquals(0.65, whole.scaleX(), 1e-9);
    assertEquals(416 / 400.0, left.scaleX(), 1e-9);
    assertEquals(0, (0 - left.offsetX()) / left.scaleX(), 1e-9, "the left square starts at the photo's left edge");
    assertEquals(240, (0 - right.offsetX()) / right.scaleX(), 1e-9, "the right square starts at 640 - 400");
    Detection inside = new Detection("dog", 0.9, 10, 10, 100, 100), acrossTheCut = new Detection("dog", 0.9, 300, 10, 100, 100);
    assertEquals(false, left.cutsOff(inside));
    assertEquals(true, left.cutsOff(acrossTheCut));
    assertEquals(false, whole.cutsOff(acrossTheCut));
    assertEquals(false, right.cutsOff(new Detection("dog", 0.9, 500, 10, 140, 100)), "the photo's own edge is no cut");
    assertEquals(1, Picture.letterboxWithEnds(png(400, 380), 416, 416).size(), "a nearly square photo is read whole");
  }

  @Test void anEndSquareConfirmsWhatTheWholeViewHalfSawButAddsNothingOnItsOwn() {
    Detection halfSeen = new Detection("person", 0.43, 190, 100, 85, 275), faint = new Detection("bird", 0.15, 10, 10, 50, 50);
    Detection confirmed = new Detection("person", 0.85, 191, 101, 85, 274), alone = new Detection("bird", 0.8, 11, 10, 50, 50);
    Detection otherClass = new Detection("dog", 0.9, 190, 100, 85, 275);
    List<Detection> out = NanoDet.fuse(List.of(halfSeen, faint), List.of(confirmed, alone, otherClass), 0.5);
    assertEquals(List.of(new Detection("person", 0.64, 191, 101, 85, 274)), out.stream()
        .map(d -> new Detection(d.label(), Math.round(d.score() * 100) / 100.0, d.x(), d.y(), d.width(), d.height())).toList(),
        "(0.43 + 0.85) / 2 = 0.64; the bird (0.15 + 0.8) / 2 and the unsupported dog 0.45 stay below 0.5");
  }

  private static byte[] png(int w, int h) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", out);
    return out.toByteArray();
  }
}
