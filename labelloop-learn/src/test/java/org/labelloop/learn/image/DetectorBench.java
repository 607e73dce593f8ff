package org.labelloop.learn.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The shipped detector read whole (letterboxed) against whole plus the squares at both ends of a wide photo: on
 * darknet's photos, the score of the best box of the drawn class over each hand-drawn box (IoU ≥ 0.5); on photos of
 * a manifest that show none of the detection classes (ants and bees), the boxes of those classes scoring ≥ 0.5, as
 * a count of confident wrong boxes; seconds per photo, decoding included.
 *
 * <pre>java -cp … org.labelloop.learn.image.DetectorBench DARKNET_DATA MANIFEST.csv</pre>
 */
public final class DetectorBench {
  private static final Set<String> CLASSES = Set.of("dog", "person", "horse", "bird", "giraffe", "bicycle", "truck");

  private DetectorBench() {}

  public static void main(String[] args) throws IOException, ImageDecodeException {
    Path darknet = Path.of(args[0]), manifest = Path.of(args[1]);
    List<Path> others = Files.readAllLines(manifest).stream().skip(1).map(l -> manifest.resolveSibling(l.split(",")[0])).toList();
    try (NanoDet d = NanoDet.shipped()) {
      d.detect(Files.readAllBytes(darknet.resolve("dog.jpg")), 0.5); // warm-up
      for (boolean ends : new boolean[] {false, true}) {
        String name = ends ? "whole+ends" : "whole";
        StringBuilder line = new StringBuilder("darknet " + name + ":");
        for (DarknetPhotosTest.Truth t : DarknetPhotosTest.TRUTH) {
          double best = 0;
          for (Detection f : detect(d, Files.readAllBytes(darknet.resolve(t.photo())), ends, 0.2)) {
            if (f.label().equals(t.box().label()) && f.iou(t.box()) >= 0.5) best = Math.max(best, f.score());
          }
          line.append(String.format(Locale.ROOT, " %s=%.2f", t.box().label(), best));
        }
        System.out.println(line);
        int boxes = 0, photos = 0;
        long start = System.nanoTime();
        for (Path p : others) {
          long n = detect(d, Files.readAllBytes(p), ends, 0.5).stream().filter(f -> CLASSES.contains(f.label())).count();
          boxes += (int) n;
          if (n > 0) photos++;
        }
        System.out.printf(Locale.ROOT, "ants-bees %s: %d photos, %d boxes of %s at >= 0.5 on %d photos, %.3f s/photo%n",
            name, others.size(), boxes, CLASSES, photos, (System.nanoTime() - start) / 1e9 / others.size());
      }
    }
  }

  private static List<Detection> detect(NanoDet d, byte[] image, boolean ends, double minScore) throws ImageDecodeException {
    List<Picture> views = Picture.letterboxWithEnds(image, NanoDet.INPUT.width(), NanoDet.INPUT.height());
    return d.detect(ends ? views : views.subList(0, 1), minScore);
  }
}
