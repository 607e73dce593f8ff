import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.image.Detection;
import org.labelloop.learn.image.NanoDet;

/**
 * How many of a COCO folder's boxes the shipped detector's proposals cover (a box of any class scoring at least 0.05,
 * IoU ≥ 0.5), with all of them and with the best N after class-agnostic suppression at IoU 0.5 (ImageBoxes' reading):
 * {@code java -cp labelloop-app/target/labelloop.jar bench/ProposalRecall.java FOLDER IMAGES}.
 */
public class ProposalRecall {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    JsonNode coco = new ObjectMapper().readTree(dir.resolve("instances.json").toFile());
    Map<Long, List<Detection>> truth = new HashMap<>();
    for (JsonNode a : coco.get("annotations")) {
      JsonNode b = a.get("bbox");
      truth.computeIfAbsent(a.get("image_id").asLong(), k -> new ArrayList<>())
          .add(new Detection("truth", 1, b.get(0).asDouble(), b.get(1).asDouble(), b.get(2).asDouble(), b.get(3).asDouble()));
    }
    int[] caps = {10, 20, 30};
    int[] covered = new int[caps.length];
    int boxes = 0, coveredByAll = 0, images = Integer.parseInt(args[1]);
    try (NanoDet detector = NanoDet.shipped()) {
      for (JsonNode image : coco.get("images")) {
        if (images-- == 0) break;
        List<Detection> all = detector.detect(Files.readAllBytes(dir.resolve(image.get("file_name").asText())), 0.05);
        for (Detection t : truth.getOrDefault(image.get("id").asLong(), List.of())) {
          boxes++;
          if (all.stream().anyMatch(d -> d.iou(t) >= 0.5)) coveredByAll++;
          for (int c = 0; c < caps.length; c++) if (best(all, caps[c]).stream().anyMatch(d -> d.iou(t) >= 0.5)) covered[c]++;
        }
      }
    }
    System.out.printf("boxes %d; covered by all proposals %d%n", boxes, coveredByAll);
    for (int c = 0; c < caps.length; c++) System.out.printf("covered by the best %d: %d%n", caps[c], covered[c]);
  }

  /** The best {@code max} boxes, each dropping the boxes of any class overlapping it by more than IoU 0.5. */
  private static List<Detection> best(List<Detection> boxes, int max) {
    List<Detection> sorted = new ArrayList<>(boxes), kept = new ArrayList<>();
    sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
    for (Detection d : sorted) {
      if (kept.size() < max && kept.stream().noneMatch(k -> k.iou(d) > 0.5)) kept.add(d);
    }
    return kept;
  }
}
