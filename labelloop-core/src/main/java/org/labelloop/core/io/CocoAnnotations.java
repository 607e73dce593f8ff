package org.labelloop.core.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.Job;

/**
 * The one COCO instances file of a zip ({@code images}, {@code annotations} with {@code bbox} [x, y, width, height]
 * in pixels, {@code categories}). An image entry names its file by its path in the zip or, when that path is not
 * there, by a base name only one image of the zip has. Each item's line in the JSON file is kept for its errors.
 */
final class CocoAnnotations implements AnnotatedZipRowSource.Annotations {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Job job;
  private String fileName;
  private final Map<String, List<Item>> sections = new HashMap<>();
  private final Map<Long, String> categoryNames = new HashMap<>();

  CocoAnnotations(Job job) {
    this.job = job;
  }

  /** One element of a top-level array, with the line it starts on. */
  private record Item(long line, int index, JsonNode node) {}

  /** An image the file lists: where its boxes go, and what is wrong with them. */
  private static final class Target {
    final ParsedRow image;
    final ImageSize size;
    final List<PixelBox> boxes = new ArrayList<>();
    final List<ParsedRow> problems = new ArrayList<>();

    Target(ParsedRow image, ImageSize size) {
      this.image = image;
      this.size = size;
    }
  }

  @Override
  public boolean wants(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".json");
  }

  @Override
  public void accept(long line, String name, byte[] content) {
    if (fileName != null) {
      throw LabelloopException.invalid("format coco: the zip holds two JSON files, '" + fileName + "' and '" + name + "'; keep one COCO file");
    }
    fileName = name;
    try (JsonParser p = MAPPER.createParser(content)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw LabelloopException.invalid(name + ": not a COCO file (a JSON object with images, annotations and categories)");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        if (p.nextToken() == JsonToken.START_ARRAY && List.of("images", "annotations", "categories").contains(field)) {
          List<Item> items = sections.computeIfAbsent(field, f -> new ArrayList<>());
          while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(new Item(p.currentTokenLocation().getLineNr(), items.size(), p.readValueAsTree()));
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      throw LabelloopException.invalid(name + ": not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw LabelloopException.invalid(name + ": cannot be read: " + e.getMessage());
    }
    if (!sections.containsKey("images")) {
      throw LabelloopException.invalid(name + ": not a COCO file, it has no 'images' array");
    }
  }

  @Override
  public List<ParsedRow> label(List<ParsedRow> images) {
    if (fileName == null) {
      throw LabelloopException.invalid("format coco: the zip holds no COCO JSON file (images, annotations, categories)");
    }
    ImageIndex index = new ImageIndex(images);
    List<ParsedRow> out = new ArrayList<>();
    Map<Long, Target> byId = new HashMap<>();
    Map<ParsedRow, Target> byImage = new IdentityHashMap<>();
    for (Item item : section("images")) {
      JsonNode id = item.node().get("id");
      String file = item.node().path("file_name").asText("");
      Optional<ParsedRow> image = index.find(file);
      if (id == null || !id.canConvertToLong() || file.isEmpty()) {
        out.add(failed(item, "images", "needs an 'id' and a 'file_name'"));
      } else if (image.isEmpty()) {
        out.add(failed(item, "images", "the image '" + file + "' is not in the zip" + index.ambiguity(file)));
      } else if (byImage.containsKey(image.get()) || byId.containsKey(id.asLong())) {
        out.add(failed(item, "images", "the image '" + file + "' (id " + id.asLong() + ") is listed twice"));
      } else {
        Target target = target(item, image.get());
        byId.put(id.asLong(), target);
        byImage.put(image.get(), target);
      }
    }
    for (Item item : section("categories")) {
      categoryNames.put(item.node().path("id").asLong(-1), item.node().path("name").asText(""));
    }
    for (Item item : section("annotations")) {
      Target target = byId.get(item.node().path("image_id").asLong(Long.MIN_VALUE));
      if (target == null) {
        out.add(failed(item, "annotations", "image_id " + item.node().path("image_id") + " is not in images"));
      } else {
        addBox(item, target);
      }
    }
    for (ParsedRow image : images) {
      Target target = byImage.get(image);
      if (target == null) {
        out.add(image);
      } else if (!target.problems.isEmpty()) {
        out.addAll(target.problems);
      } else {
        out.add(AnnotatedZipRowSource.labeled(image, target.size, BoxAnswers.answer(job, target.boxes, target.size)));
      }
    }
    return out;
  }

  /** The image's boxes go in the size the COCO file gives, which must be the image's own when its header says. */
  private Target target(Item item, ParsedRow image) {
    JsonNode w = item.node().get("width");
    JsonNode h = item.node().get("height");
    Optional<ImageSize> given = w != null && h != null && w.canConvertToInt() && h.canConvertToInt() && w.asInt() > 0 && h.asInt() > 0
        ? Optional.of(new ImageSize(w.asInt(), h.asInt())) : Optional.empty();
    AnnotatedZipRowSource.BoxSize size = AnnotatedZipRowSource.boxSize(image, given);
    Target target = new Target(image, size.size());
    if (size.problem() != null) {
      target.problems.add(failed(item, "images", size.problem()));
    }
    return target;
  }

  private void addBox(Item item, Target target) {
    JsonNode categoryId = item.node().path("category_id");
    String name = categoryName(categoryId);
    Optional<Category> category = name == null ? Optional.empty() : job.categoryNamed(name);
    JsonNode bbox = item.node().path("bbox");
    String image = " (image '" + AnnotatedZipRowSource.path(target.image) + "')";
    if (name == null) {
      target.problems.add(failed(item, "annotations", "category_id " + categoryId + " is not in categories" + image));
    } else if (category.isEmpty()) {
      target.problems.add(failed(item, "annotations", "unknown category '" + name + "'" + image + " (categories of job " + job.id() + ": " + job.categories().keySet() + ")"));
    } else if (!bbox.isArray() || bbox.size() != 4 || !allNumbers(bbox)) {
      target.problems.add(failed(item, "annotations", "bbox must be [x, y, width, height] in pixels" + image));
    } else if (target.size != null) {
      PixelBox box = new PixelBox(category.get().id(), bbox.get(0).asDouble(), bbox.get(1).asDouble(), bbox.get(2).asDouble(), bbox.get(3).asDouble());
      String problem = box.problem(target.size);
      if (problem != null) {
        target.problems.add(failed(item, "annotations", problem + image));
      } else {
        target.boxes.add(box.clamped(target.size));
      }
    }
  }

  private String categoryName(JsonNode categoryId) {
    return categoryId.canConvertToLong() ? categoryNames.get(categoryId.asLong()) : null;
  }

  private List<Item> section(String name) {
    return sections.getOrDefault(name, List.of());
  }

  private ParsedRow failed(Item item, String section, String problem) {
    return ParsedRow.failed(item.line(), fileName + " " + section + "[" + item.index() + "]: " + problem);
  }

  private static boolean allNumbers(JsonNode array) {
    for (JsonNode v : array) {
      if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
        return false;
      }
    }
    return true;
  }
}
