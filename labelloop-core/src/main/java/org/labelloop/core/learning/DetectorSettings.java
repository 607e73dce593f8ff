package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.Job;
import org.labelloop.learn.image.CocoClasses;

/**
 * Pre-annotation of an IMAGE project's OBJECT_DETECTION job by the shipped COCO detector, or by the team's own
 * {@code model} ({@link DetectorModel}) when set: boxes scoring at least {@code minScore}, for each category whose name
 * (else id) names one of the detector's classes ({@link CocoClasses#match}), unless {@code classes} maps the category id
 * to another of its classes or to null (no boxes). The shipped detector gives confident wrong boxes on objects outside
 * its 80 classes, hence the default of 0.5 and only mapped categories. Set as a whole: a {@code detector} object in a
 * settings patch replaces the previous one, its missing fields taking the defaults.
 */
public record DetectorSettings(boolean enabled, double minScore, Map<String, String> classes, DetectorModel model) {
  public static final DetectorSettings DEFAULTS = new DetectorSettings(true, 0.5, Map.of(), null);

  public DetectorSettings {
    classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes)); // values may be null: "no boxes"
  }

  /** The settings a stored or patched {@code detector} object gives; problems are added prefixed with {@code detector.}. */
  static DetectorSettings parse(JsonNode v, List<String> problems) {
    if (!v.isObject()) {
      problems.add("detector: must be an object like {\"enabled\": true, \"minScore\": 0.5, \"classes\": {\"CATEGORY_ID\": \"dog\"}}");
      return DEFAULTS;
    }
    boolean enabled = DEFAULTS.enabled;
    double minScore = DEFAULTS.minScore;
    Map<String, String> classes = new LinkedHashMap<>();
    DetectorModel model = DetectorModel.parse(v.path("model").isMissingNode() ? NullNode.getInstance() : v.get("model"), problems);
    List<String> known = model == null ? CocoClasses.NAMES : model.names();
    for (Map.Entry<String, JsonNode> e : v.properties()) {
      JsonNode f = e.getValue();
      switch (e.getKey()) {
        case "enabled" -> {
          if (f.isBoolean()) enabled = f.asBoolean(); else problems.add("detector.enabled: must be true or false");
        }
        case "minScore" -> {
          if (f.isNumber() && f.asDouble() >= 0.05 && f.asDouble() <= 1) minScore = f.asDouble();
          else problems.add("detector.minScore: must be a number in [0.05, 1]");
        }
        case "classes" -> {
          if (!f.isObject()) {
            problems.add("detector.classes: must map category ids to the detector's class names (or null for none)");
            continue;
          }
          for (Map.Entry<String, JsonNode> c : f.properties()) {
            JsonNode name = c.getValue();
            if (name.isNull()) {
              classes.put(c.getKey(), null);
            } else if (name.isTextual() && known.contains(name.asText())) {
              classes.put(c.getKey(), name.asText());
            } else {
              problems.add("detector.classes." + c.getKey() + ": '" + name.asText() + "' is not one of the detector's classes " + known);
            }
          }
        }
        case "model" -> { } // read first: the classes are the model's
        default -> problems.add("detector." + e.getKey() + ": unknown setting");
      }
    }
    return new DetectorSettings(enabled, minScore, classes, model);
  }

  /** The classes the detector finds: the team's model's, else the shipped detector's COCO classes. */
  public List<String> detectorClasses() {
    return model == null ? CocoClasses.NAMES : model.names();
  }

  /** Category ids of {@code job} by the detector's class whose boxes they get (the first category wins a shared class). */
  public Map<String, String> categoriesByClass(Job job) {
    Map<String, String> byName = matchesByName(job);
    Map<String, String> byClass = new LinkedHashMap<>();
    for (Category c : job.categories().values()) {
      String coco = classes.containsKey(c.id()) ? classes.get(c.id()) : byName.get(c.id());
      if (coco != null) byClass.putIfAbsent(coco, c.id());
    }
    return byClass;
  }

  /** The detector's class each category of {@code job} gets by its name (else id) when {@code classes} does not map it; null: none. */
  public Map<String, String> matchesByName(Job job) {
    List<String> known = detectorClasses();
    Map<String, String> byName = new LinkedHashMap<>();
    for (Category c : job.categories().values()) {
      byName.put(c.id(), CocoClasses.match(c.name(), known).or(() -> CocoClasses.match(c.id(), known)).orElse(null));
    }
    return byName;
  }

  /** Category ids in {@code classes} that {@code job} does not have. */
  List<String> unknownCategories(Job job) {
    return classes.keySet().stream().filter(id -> !job.hasCategory(id)).toList();
  }

  ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode().put("enabled", enabled).put("minScore", minScore);
    ObjectNode c = o.putObject("classes");
    classes.forEach((id, coco) -> {
      if (coco == null) c.putNull(id); else c.put(id, coco);
    });
    if (model == null) o.putNull("model"); else o.set("model", model.toJson());
    return o;
  }
}
