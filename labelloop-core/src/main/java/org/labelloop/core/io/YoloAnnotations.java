package org.labelloop.core.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.Job;

/**
 * The YOLO files of a zip: a label file ({@code .txt}) per image with the same path without extension, beside the
 * image or under a {@code labels} folder where the image is under {@code images} (or at the top), and the class names
 * from {@code classes.txt} or a {@code data.yaml}. An empty label file says the image has no object.
 */
final class YoloAnnotations implements AnnotatedZipRowSource.Annotations {
  private final Job job;
  private String classesFile;
  private List<String> classes;
  private final Map<String, LabelFile> labelFiles = new LinkedHashMap<>();

  YoloAnnotations(Job job) {
    this.job = job;
  }

  private record LabelFile(long entry, String text) {}

  @Override
  public boolean wants(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".txt") || lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  @Override
  public void accept(long line, String name, byte[] content) {
    // editors on Windows often start a text file with a byte order mark
    String text = new String(content, StandardCharsets.UTF_8).replaceFirst("^\uFEFF", "");
    String base = ImageIndex.baseName(name);
    if (base.equals("classes.txt") || !name.toLowerCase(Locale.ROOT).endsWith(".txt")) {
      if (classesFile != null) {
        throw LabelloopException.invalid("format yolo: the class names are in both '" + classesFile + "' and '" + name + "'; keep one");
      }
      classes = base.equals("classes.txt") ? YoloLabels.classesTxt(text) : YoloLabels.yamlNames(text);
      classesFile = name;
      if (classes.isEmpty()) {
        throw LabelloopException.invalid(name + ": names no class" + (base.equals("classes.txt") ? " (one name a line)" : " (a 'names:' list)"));
      }
    } else {
      labelFiles.put(name, new LabelFile(line, text));
    }
  }

  @Override
  public List<ParsedRow> label(List<ParsedRow> images) {
    if (classes == null) {
      throw LabelloopException.invalid("format yolo: the zip needs the class names, in classes.txt (one a line) or data.yaml ('names:')");
    }
    ImageIndex index = new ImageIndex(images);
    List<ParsedRow> out = new ArrayList<>();
    Map<ParsedRow, List<ParsedRow>> results = new IdentityHashMap<>();
    for (var file : labelFiles.entrySet()) {
      String name = file.getKey();
      Set<String> candidates = imageStems(ImageIndex.stem(name));
      Optional<ParsedRow> image = candidates.stream().map(index::byStem).flatMap(Optional::stream).findFirst();
      if (image.isEmpty()) {
        out.add(ParsedRow.failed(file.getValue().entry(), name + ": a label file without an image (looked for " + candidates + " with an image extension)"));
      } else if (results.containsKey(image.get())) {
        out.add(ParsedRow.failed(file.getValue().entry(), name + ": a second label file for '" + AnnotatedZipRowSource.path(image.get()) + "'"));
      } else {
        results.put(image.get(), label(image.get(), name, file.getValue()));
      }
    }
    for (ParsedRow image : images) {
      out.addAll(results.getOrDefault(image, List.of(image)));
    }
    return out;
  }

  /** The image labeled with the file's boxes, or the file's problems. */
  private List<ParsedRow> label(ParsedRow image, String name, LabelFile file) {
    Optional<ImageSize> size = AnnotatedZipRowSource.headerSize(image.draft());
    if (size.isEmpty()) {
      return List.of(ParsedRow.failed(image.line(), "entry '" + AnnotatedZipRowSource.path(image) + "': its width and height cannot be read from its header, so the boxes of "
          + name + " cannot be placed"));
    }
    List<ParsedRow> problems = new ArrayList<>();
    List<PixelBox> boxes = new ArrayList<>();
    List<String> lines = file.text().lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String problem = addBox(YoloLabels.parse(lines.get(i)), size.get(), boxes);
      if (problem != null) {
        problems.add(ParsedRow.failed(i + 1, name + ": " + problem));
      }
    }
    return problems.isEmpty() ? List.of(AnnotatedZipRowSource.labeled(image, size.get(), BoxAnswers.answer(job, boxes, size.get()))) : problems;
  }

  private String addBox(YoloLabels.Line line, ImageSize size, List<PixelBox> boxes) {
    if (line.problem() != null) {
      return line.problem();
    }
    if (line.classIndex() >= classes.size()) {
      return "class " + line.classIndex() + " is not in " + classesFile + " (it names " + classes.size() + " classes)";
    }
    String className = classes.get(line.classIndex());
    Optional<Category> category = job.categoryNamed(className);
    if (category.isEmpty()) {
      return "unknown category '" + className + "' (class " + line.classIndex() + "; categories of job " + job.id() + ": " + job.categories().keySet() + ")";
    }
    PixelBox box = PixelBox.fromYolo(category.get().id(), line.cx(), line.cy(), line.w(), line.h(), size);
    String problem = box.problem(size);
    if (problem == null) {
      boxes.add(box.clamped(size));
    }
    return problem;
  }

  /** Where the image of a label file may be, by its path without extension: beside it, or with a 'labels' folder read as 'images' or left out. */
  static Set<String> imageStems(String labelStem) {
    Set<String> stems = new LinkedHashSet<>();
    stems.add(labelStem);
    String[] parts = labelStem.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].equals("labels")) {
        String[] images = parts.clone();
        images[i] = "images";
        stems.add(String.join("/", images));
        List<String> without = new ArrayList<>(List.of(parts));
        without.remove(i);
        stems.add(String.join("/", without));
      }
    }
    return stems;
  }
}
