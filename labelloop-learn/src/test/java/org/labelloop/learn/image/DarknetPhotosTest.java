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
  record Truth(String photo, Detection box) {}

  static final List<Truth> TRUTH = List.of(
      new Truth("dog.jpg", new Detection("dog", 1, 130, 222, 180, 318)),
      new Truth("person.jpg", new Detection("person", 1, 190, 100, 85, 275)),
      new Truth("horses.jpg", new Detection("horse", 1, 0, 193, 315, 217)),
      new Truth("eagle.jpg", new Detection("bird", 1, 135, 88, 465, 357)),
      new Truth("giraffe.jpg", new Detection("giraffe", 1, 168, 30, 280, 410)));

  @Test void boxesTheMainAnimalOrPersonOfEachPhoto() throws IOException, ImageDecodeException {
    Path dir = Path.of(System.getenv().getOrDefault("DARKNET_DATA", "/usr/share/darknet/data"));
    assumeTrue(Files.isRegularFile(dir.resolve("dog.jpg")), "skipped: darknet's test photos are absent (.ci/run fetches them; or set DARKNET_DATA to usr/share/darknet/data of `apt-get download darknet` unpacked with dpkg -x)");
    try (NanoDet d = NanoDet.shipped()) {
      for (Truth t : TRUTH) {
        List<Detection> found = d.detect(Files.readAllBytes(dir.resolve(t.photo)), 0.5);
        assertTrue(found.stream().anyMatch(f -> f.label().equals(t.box.label()) && f.iou(t.box) >= 0.5),
            t.photo + ": no " + t.box.label() + " box at >= 0.5 over the drawn one in " + found);
      }
    }
  }
}
