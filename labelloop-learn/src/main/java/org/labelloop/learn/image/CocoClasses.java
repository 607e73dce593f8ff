package org.labelloop.learn.image;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The 80 COCO object classes in the detectors' output order, and matching of a project's category names to them. */
public final class CocoClasses {
  public static final List<String> NAMES = List.of("person", "bicycle", "car", "motorcycle", "airplane", "bus", "train",
      "truck", "boat", "traffic light", "fire hydrant", "stop sign", "parking meter", "bench", "bird", "cat", "dog",
      "horse", "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "backpack", "umbrella", "handbag", "tie",
      "suitcase", "frisbee", "skis", "snowboard", "sports ball", "kite", "baseball bat", "baseball glove", "skateboard",
      "surfboard", "tennis racket", "bottle", "wine glass", "cup", "fork", "knife", "spoon", "bowl", "banana", "apple",
      "sandwich", "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake", "chair", "couch", "potted plant",
      "bed", "dining table", "toilet", "tv", "laptop", "mouse", "remote", "keyboard", "cell phone", "microwave", "oven",
      "toaster", "sink", "refrigerator", "book", "clock", "vase", "scissors", "teddy bear", "hair drier", "toothbrush");

  /** Other names of COCO classes: Pascal VOC's (aeroplane, motorbike, sofa, tvmonitor, ...) and everyday ones. */
  private static final Map<String, String> SYNONYMS = Map.ofEntries(Map.entry("people", "person"),
      Map.entry("pedestrian", "person"), Map.entry("human", "person"), Map.entry("bike", "bicycle"),
      Map.entry("motorbike", "motorcycle"), Map.entry("aeroplane", "airplane"), Map.entry("plane", "airplane"),
      Map.entry("sofa", "couch"), Map.entry("tvmonitor", "tv"), Map.entry("television", "tv"), Map.entry("monitor", "tv"),
      Map.entry("table", "dining table"), Map.entry("pottedplant", "potted plant"), Map.entry("plant", "potted plant"),
      Map.entry("phone", "cell phone"), Map.entry("mobilephone", "cell phone"), Map.entry("doughnut", "donut"),
      Map.entry("ball", "sports ball"), Map.entry("puppy", "dog"), Map.entry("kitten", "cat"), Map.entry("lorry", "truck"),
      Map.entry("ship", "boat"), Map.entry("calf", "cow"), Map.entry("cattle", "cow"), Map.entry("pony", "horse"));

  private CocoClasses() {}

  /**
   * The COCO class a category name means: exact, ignoring case, spaces/underscores/hyphens and a plural "s"/"es"
   * ({@code Horses}, {@code traffic_light}, {@code TV}), or one of a few synonyms ({@code motorbike}, {@code people}).
   */
  public static Optional<String> match(String categoryName) {
    return match(categoryName, NAMES);
  }

  /** As {@link #match(String)} over a detector's own class names, the synonyms counting for the COCO names among them. */
  public static Optional<String> match(String categoryName, List<String> classes) {
    String n = key(categoryName);
    for (Map.Entry<String, String> e : SYNONYMS.entrySet()) {
      if ((n.equals(e.getKey()) || n.equals(e.getKey() + "s")) && classes.contains(e.getValue())) return Optional.of(e.getValue());
    }
    for (String c : classes) {
      String k = key(c);
      if (n.equals(k) || n.equals(k + "s") || n.equals(k + "es")) return Optional.of(c);
    }
    return Optional.empty();
  }

  private static String key(String s) { return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", ""); }
}
