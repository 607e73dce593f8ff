package org.labelloop.learn.image;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NanoDet on Debian's darknet test photos, against boxes drawn by hand. Runs only where the photos are: the
 * {@code darknet} package's {@code /usr/share/darknet/data}, or the folder named by {@code DARKNET_DATA} (they are
 * not ours to commit).
 */
class DarknetPhotosTest {
  private record Truth(String photo, Detection box) {}

  private static final List<Truth> TRUTH = List.of(
      new Truth("dog.jpg", new Detection("dog", 1, 130, 222, 180, 318)),
      new Truth("person.jpg", new Detection("person", 1, 190, 100, 85, 275)),
      new Truth("horses.jpg", new Detection("horse", 1, 0, 193, 315, 217)),
      new Truth("eagle.jpg", new Detection("bird", 1, 135, 88, 465, 357)),
      new Truth("giraffe.jpg", new Detection("giraffe", 1, 168, 30, 280, 410)));

  @Test void boxesTheMainAnimalOrPersonOfEachPhoto() throws IOException, ImageDecodeException {
    Path dir = Path.of(System.getenv().getOrDefault("DARKNET_DATA", "/usr/share/darknet/data"));
    assumeTrue(Files.isRegularFile(dir.resolve("dog.jpg")), "darknet's test photos are not installed");
    int confident = 0;
    try (NanoDet d = NanoDet.shipped()) {
      for (Truth t : TRUTH) {
        List<Detection> found = d.detect(Files.readAllBytes(dir.resolve(t.photo)), 0.35);
        Detection best = found.stream().filter(f -> f.label().equals(t.box.label()))
            .max((a, b) -> Double.compare(a.iou(t.box), b.iou(t.box))).orElse(null);
        assertTrue(best != null && best.iou(t.box) >= 0.5, t.photo + ": no " + t.box.label() + " box over the drawn one in " + found);
        if (best.score() >= 0.5) confident++;
      }
    }
    // measured: 4 of 5 (the person in person.jpg scores 0.44)
    assertTrue(confident >= 4, confident + " of 5 photos have their box at >= 0.5");
  }
}
