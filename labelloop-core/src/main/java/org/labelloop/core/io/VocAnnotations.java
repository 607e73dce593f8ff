package org.labelloop.core.io;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.Job;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * The Pascal VOC files of a zip: one {@code .xml} per image ({@code <annotation>} with {@code <filename>}, an
 * optional {@code <path>}, {@code <size>} and an {@code <object>} per box: {@code <name>} and {@code <bndbox>}).
 * The image is found by its file name (its path in the zip, or a base name only one image has), else by the path.
 * Coordinates are VOC's 1-based pixel indices, both ends inside the box, as the VOC devkit defines them: a box
 * {@code xmin..xmax} covers the pixels from {@code xmin - 1} to {@code xmax} in 0-based edges.
 */
final class VocAnnotations implements AnnotatedZipRowSource.Annotations {
  private final Job job;
  private final Map<String, VocFile> files = new LinkedHashMap<>();

  VocAnnotations(Job job) {
    this.job = job;
  }

  private record VocFile(long entry, byte[] content) {}

  @Override
  public boolean wants(String name) {
    return name.toLowerCase(Locale.ROOT).endsWith(".xml");
  }

  @Override
  public void accept(long line, String name, byte[] content) {
    files.put(name, new VocFile(line, content));
  }

  @Override
  public List<ParsedRow> label(List<ParsedRow> images) {
    if (files.isEmpty()) {
      throw LabelloopException.invalid("format voc: the zip holds no Pascal VOC annotation file (an .xml per image)");
    }
    ImageIndex index = new ImageIndex(images);
    List<ParsedRow> out = new ArrayList<>();
    Map<ParsedRow, List<ParsedRow>> results = new IdentityHashMap<>();
    for (var file : files.entrySet()) {
      String name = file.getKey();
      long entry = file.getValue().entry();
      Element root;
      try {
        root = SafeXml.parse(new InputSource(new ByteArrayInputStream(file.getValue().content())));
      } catch (SAXException | IOException e) {
        out.add(ParsedRow.failed(entry, name + ": not a readable XML file: " + Messages.rootMessage(e)));
        continue;
      }
      String fileName = text(root, "filename");
      Optional<ParsedRow> image = fileName.isEmpty() ? Optional.empty() : index.find(fileName).or(() -> index.find(text(root, "path")));
      if (!root.getTagName().equals("annotation") || fileName.isEmpty()) {
        out.add(ParsedRow.failed(entry, name + ": not a Pascal VOC file (an <annotation> with a <filename>)"));
      } else if (image.isEmpty()) {
        out.add(ParsedRow.failed(entry, name + ": the image '" + Messages.printable(fileName) + "' is not in the zip" + index.ambiguity(fileName)));
      } else if (results.containsKey(image.get())) {
        out.add(ParsedRow.failed(entry, name + ": a second annotation file for '" + AnnotatedZipRowSource.path(image.get()) + "'"));
      } else {
        results.put(image.get(), label(image.get(), name, entry, root));
      }
    }
    for (ParsedRow image : images) {
      out.addAll(results.getOrDefault(image, List.of(image)));
    }
    return out;
  }

  /** The image labeled with the file's boxes, or the file's problems. */
  private List<ParsedRow> label(ParsedRow image, String name, long entry, Element root) {
    Element sizeElement = child(root, "size");
    Optional<ImageSize> given = Optional.empty();
    if (sizeElement != null) {
      int w = (int) number(text(sizeElement, "width"));
      int h = (int) number(text(sizeElement, "height"));
      given = w > 0 && h > 0 ? Optional.of(new ImageSize(w, h)) : Optional.empty();
    }
    AnnotatedZipRowSource.BoxSize size = AnnotatedZipRowSource.boxSize(image, given);
    if (size.problem() != null) {
      return List.of(ParsedRow.failed(entry, name + ": " + size.problem()));
    }
    List<ParsedRow> problems = new ArrayList<>();
    List<PixelBox> boxes = new ArrayList<>();
    int i = 0;
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element object && object.getTagName().equals("object")) {
        String problem = addBox(object, size.size(), boxes);
        if (problem != null) {
          problems.add(ParsedRow.failed(entry, name + " object " + (i + 1) + ": " + problem));
        }
        i++;
      }
    }
    return problems.isEmpty() ? List.of(AnnotatedZipRowSource.labeled(image, size.size(), BoxAnswers.answer(job, boxes, size.size()))) : problems;
  }

  private String addBox(Element object, ImageSize size, List<PixelBox> boxes) {
    String className = text(object, "name");
    Optional<Category> category = job.categoryNamed(className);
    if (category.isEmpty()) {
      return "unknown category '" + Messages.printable(className) + "' (categories of job " + job.id() + ": " + job.categories().keySet() + ")";
    }
    Element bndbox = child(object, "bndbox");
    double[] v = new double[4];
    String[] names = {"xmin", "ymin", "xmax", "ymax"};
    for (int k = 0; k < 4; k++) {
      v[k] = bndbox == null ? Double.NaN : number(text(bndbox, names[k]));
      if (!Double.isFinite(v[k])) {
        return "<bndbox> needs numbers xmin, ymin, xmax and ymax";
      }
    }
    PixelBox box = new PixelBox(category.get().id(), v[0] - 1, v[1] - 1, v[2] - v[0] + 1, v[3] - v[1] + 1);
    String problem = box.problem(size);
    if (problem == null) {
      boxes.add(box.clamped(size));
    }
    return problem;
  }

  /** The first child element with this tag, or null. */
  private static Element child(Element parent, String tag) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && e.getTagName().equals(tag)) {
        return e;
      }
    }
    return null;
  }

  private static String text(Element parent, String tag) {
    Element e = child(parent, tag);
    return e == null ? "" : e.getTextContent().strip();
  }

  private static double number(String s) {
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
