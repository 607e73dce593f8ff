package org.labelloop.app.learn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.labelloop.learn.image.CocoClasses;
import org.labelloop.learn.image.Detection;
import org.labelloop.learn.image.DetectionReplay;
import org.labelloop.learn.image.ImageBoxes;
import org.labelloop.learn.image.ImageDecodeException;
import org.labelloop.learn.image.ObjectDetector;
import org.labelloop.learn.image.ShippedImageEncoder;

/**
 * Photos with boxes for {@code --task detection}: a COCO instances file ({@code images} with {@code file_name},
 * {@code annotations} with {@code bbox} [x, y, width, height] in pixels, {@code categories}) whose files lie under an
 * image folder. Each image is read once: the detector's proposals (the shipped one or {@code --detector}) and the
 * shipped encoder's vectors of every box crop ({@link ImageBoxes}). A file that is missing or cannot be decoded is
 * reported on stderr and left out.
 *
 * @param images the data file's readable images, then the test file's
 * @param poolSize how many come from the data file
 * @param categoryByClass the categories whose names are the detector's classes, by class: they keep its boxes
 */
record DetectionInput(List<ImageBoxes> images, int poolSize, Map<String, String> categoryByClass, String summary) {
  private static final ObjectMapper JSON = new ObjectMapper();

  private record Photo(Path file, List<Detection> boxes) {}

  /** Reads {@code data} and, when not null, {@code test}, whose files are under {@code folder} (default: each file's folder). */
  static DetectionInput read(Path data, Path test, Path folder, DetectorOptions boxes, ProgressBar bar, PrintWriter err) {
    Map<String, String> byClass = new LinkedHashMap<>();
    List<Photo> photos = new ArrayList<>();
    int pool = 0, skipped = 0, fromData;
    List<ImageBoxes> images = new ArrayList<>();
    long start = System.nanoTime();
    try (ObjectDetector detector = boxes.open();
        ShippedImageEncoder encoder = new ShippedImageEncoder(Runtime.getRuntime().availableProcessors())) {
      photos.addAll(photos(data, folder, detector.classes(), byClass));
      fromData = photos.size();
      if (test != null) photos.addAll(photos(test, folder, detector.classes(), byClass));
      for (int i = 0; i < photos.size(); i++) {
        Photo p = photos.get(i);
        bar.update(i, photos.size(), "detecting " + p.file.getFileName());
        try {
          images.add(ImageBoxes.of(Files.readAllBytes(p.file), p.boxes, detector, encoder));
          if (i < fromData) pool++;
        } catch (NoSuchFileException e) {
          skipped++;
          err.println("\rskipped " + p.file + ": no such file");
        } catch (IOException | ImageDecodeException e) {
          skipped++;
          err.println("\rskipped " + p.file + ": " + e.getMessage());
        }
      }
    }
    bar.finish();
    double seconds = (System.nanoTime() - start) / 1e9;
    err.printf(Locale.ROOT, "detection: %d images read in %.1f s (%.2f images/s: proposals and crop vectors)%n",
        images.size(), seconds, images.size() / seconds);
    if (test != null && pool == images.size()) throw new UserError("no readable image in " + test);
    String summary = String.format(Locale.ROOT, "data: %d images, %d boxes, %d skipped; categories kept from the detector: %s",
        images.size(), images.stream().mapToInt(i -> i.truth().size()).sum(), skipped, byClass.isEmpty() ? "none" : byClass);
    return new DetectionInput(images, pool, byClass, summary);
  }

  /** The replay: the test file's images are the test set, or without one a random {@code testFraction} of the data's. */
  DetectionReplay replay(double testFraction, long seed) {
    if (poolSize < images.size()) return replay(images, poolSize);
    if (!(testFraction > 0 && testFraction < 1)) throw new UserError("--test-fraction must be in (0, 1)");
    List<ImageBoxes> shuffled = new ArrayList<>(images);
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = shuffled.size() - 1; i > 0; i--) java.util.Collections.swap(shuffled, i, rnd.nextInt(i + 1));
    int testSize = (int) Math.round(shuffled.size() * testFraction);
    return replay(shuffled, shuffled.size() - testSize);
  }

  private DetectionReplay replay(List<ImageBoxes> ordered, int pool) {
    try {
      return new DetectionReplay(ordered, pool, categoryByClass);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The images of one COCO file with their boxes, labeled by category name; adds the categories that name one of {@code classes}. */
  private static List<Photo> photos(Path coco, Path folder, List<String> classes, Map<String, String> byClass) {
    JsonNode root;
    try {
      root = JSON.readTree(coco.toFile());
    } catch (IOException e) {
      throw new UserError(coco + ": not a COCO JSON file: " + e.getMessage());
    }
    if (root == null || !root.path("images").isArray()) throw new UserError(coco + ": not a COCO file, it has no 'images' array");
    Map<Long, String> names = new HashMap<>();
    for (JsonNode c : root.path("categories")) {
      String name = c.path("name").asText("");
      names.put(c.path("id").asLong(), name);
      CocoClasses.match(name, classes).ifPresent(cls -> byClass.putIfAbsent(cls, name));
    }
    Path dir = folder != null ? folder : coco.toAbsolutePath().getParent();
    Map<Long, Photo> byId = new LinkedHashMap<>();
    for (JsonNode image : root.path("images")) {
      String file = image.path("file_name").asText("");
      if (file.isEmpty()) throw new UserError(coco + ": an image has no file_name");
      byId.put(image.path("id").asLong(), new Photo(dir.resolve(file), new ArrayList<>()));
    }
    for (JsonNode a : root.path("annotations")) {
      Photo photo = byId.get(a.path("image_id").asLong());
      String name = names.get(a.path("category_id").asLong());
      JsonNode b = a.path("bbox");
      if (photo == null || name == null || !b.isArray() || b.size() != 4) {
        throw new UserError(coco + ": annotation " + a.path("id") + " needs an image_id and a category_id that exist, and a bbox [x, y, width, height]");
      }
      photo.boxes.add(new Detection(name, 1, b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()));
    }
    return List.copyOf(byId.values());
  }
}
