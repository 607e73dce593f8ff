package org.labelloop.core.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.LabeledAssets;
import org.labelloop.core.label.ChosenLabel;
import org.labelloop.core.label.Label;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images whose chosen human answer answers the OBJECT_DETECTION job, with their boxes in pixels, as one COCO
 * instances JSON, as a zip of YOLO label files with classes.txt, or as a zip of Pascal VOC files. An image is named by the path it had in its import
 * zip (else its externalId), so a zip of the same images with this export imports the same boxes again. The size of an
 * image comes from its metadata, else from the header of its stored file; an image with neither is left out (logged).
 */
final class BoxExport {
  private static final Logger LOG = LoggerFactory.getLogger(BoxExport.class);
  private static final JsonFactory JSON = new JsonFactory();

  private final Ports ports;
  private final FileStore files;

  BoxExport(Ports ports, FileStore files) {
    this.ports = ports;
    this.files = files;
  }

  /** One labeled image: its file name, size and boxes (category ids). */
  private record Image(String fileName, ImageSize size, List<PixelBox> boxes) {}

  /**
   * COCO with category ids 1..n in the job's order. The images are written as they are read; the annotations, which
   * COCO keeps in a separate array, wait in memory as numbers until the end.
   */
  void coco(Job job, AssetQuery filter, OutputStream out) throws IOException {
    List<Category> categories = List.copyOf(job.categories().values());
    List<double[]> annotations = new ArrayList<>();
    try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.writeStartObject();
      json.writeArrayFieldStart("images");
      int[] imageId = {0};
      forEachImage(job, filter, image -> {
        imageId[0]++;
        json.writeStartObject();
        json.writeNumberField("id", imageId[0]);
        json.writeStringField("file_name", image.fileName());
        json.writeNumberField("width", image.size().width());
        json.writeNumberField("height", image.size().height());
        json.writeEndObject();
        for (PixelBox b : image.boxes()) {
          annotations.add(new double[] {imageId[0], categoryIndex(categories, b.category()) + 1, b.x(), b.y(), b.width(), b.height()});
        }
      });
      json.writeEndArray();
      json.writeArrayFieldStart("annotations");
      for (int i = 0; i < annotations.size(); i++) {
        double[] a = annotations.get(i);
        json.writeStartObject();
        json.writeNumberField("id", i + 1);
        json.writeNumberField("image_id", (long) a[0]);
        json.writeNumberField("category_id", (long) a[1]);
        json.writeArrayFieldStart("bbox");
        for (int k = 2; k < 6; k++) {
          json.writeNumber(PixelBox.round(a[k]));
        }
        json.writeEndArray();
        json.writeNumberField("area", PixelBox.round(a[4] * a[5]));
        json.writeNumberField("iscrowd", 0);
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeArrayFieldStart("categories");
      for (int i = 0; i < categories.size(); i++) {
        json.writeStartObject();
        json.writeNumberField("id", i + 1);
        json.writeStringField("name", categories.get(i).name());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  /** A zip of {@code labels/<image path without an 'images/' folder>.txt} per image, then {@code classes.txt}. */
  void yolo(Job job, AssetQuery filter, OutputStream out) throws IOException {
    List<Category> categories = List.copyOf(job.categories().values());
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    Writer text = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
    filePerImage(job, filter, zip, text, "YOLO", image -> "labels/" + ImageIndex.stem(image.fileName()).replaceFirst("^images/", "") + ".txt",
        image -> {
          StringBuilder lines = new StringBuilder();
          for (PixelBox b : image.boxes()) {
            lines.append(YoloLabels.format(categoryIndex(categories, b.category()), b.yolo(image.size()))).append('\n');
          }
          return lines.toString();
        });
    zip.putNextEntry(new ZipEntry("classes.txt"));
    for (Category c : categories) {
      text.write(c.name() + "\n");
    }
    text.flush();
    zip.closeEntry();
    zip.finish();
  }

  /**
   * A zip of {@code Annotations/<image path without an 'images/' or 'JPEGImages/' folder>.xml} per image, in VOC's
   * 1-based pixel coordinates (whole pixels) with each category's name.
   */
  void voc(Job job, AssetQuery filter, OutputStream out) throws IOException {
    ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
    Writer text = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
    filePerImage(job, filter, zip, text, "VOC",
        image -> "Annotations/" + ImageIndex.stem(image.fileName()).replaceFirst("^(images|JPEGImages)/", "") + ".xml", image -> vocXml(job, image));
    zip.finish();
  }

  /** One zip entry per image, named by {@code entry}; a second image with the same entry name is left out (logged). */
  private void filePerImage(Job job, AssetQuery filter, ZipOutputStream zip, Writer text, String format,
      java.util.function.Function<Image, String> entry, java.util.function.Function<Image, String> content) throws IOException {
    Set<String> written = new HashSet<>();
    forEachImage(job, filter, image -> {
      String name = entry.apply(image);
      if (!written.add(name)) {
        LOG.warn("{} export: a second image named {} is left out", format, image.fileName());
        return;
      }
      zip.putNextEntry(new ZipEntry(name));
      text.write(content.apply(image));
      text.flush();
      zip.closeEntry();
    });
  }

  private static String vocXml(Job job, Image image) {
    String path = image.fileName();
    int slash = path.lastIndexOf('/');
    StringBuilder xml = new StringBuilder("<annotation>\n")
        .append("  <folder>").append(xmlText(slash < 0 ? "" : path.substring(0, slash))).append("</folder>\n")
        .append("  <filename>").append(xmlText(ImageIndex.baseName(path))).append("</filename>\n")
        .append("  <path>").append(xmlText(path)).append("</path>\n")
        .append("  <size><width>").append(image.size().width()).append("</width><height>").append(image.size().height())
        .append("</height><depth>3</depth></size>\n");
    for (PixelBox b : image.boxes()) {
      long xmin = Math.round(b.x()) + 1;
      long ymin = Math.round(b.y()) + 1;
      xml.append("  <object><name>").append(xmlText(job.categories().get(b.category()).name()))
          .append("</name><pose>Unspecified</pose><truncated>0</truncated><difficult>0</difficult><bndbox>")
          .append("<xmin>").append(xmin).append("</xmin><ymin>").append(ymin).append("</ymin>")
          .append("<xmax>").append(Math.max(xmin, Math.round(b.x() + b.width()))).append("</xmax>")
          .append("<ymax>").append(Math.max(ymin, Math.round(b.y() + b.height()))).append("</ymax></bndbox></object>\n");
    }
    return xml.append("</annotation>\n").toString();
  }

  private static String xmlText(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private interface ImageConsumer {
    void accept(Image image) throws IOException;
  }

  private void forEachImage(Job job, AssetQuery filter, ImageConsumer consumer) throws IOException {
    LabeledAssets.forEachPage(ports, filter, (assets, labels) -> {
      for (Asset asset : assets) {
        JsonNode answer = ChosenLabel.of(labels.getOrDefault(asset.id(), List.of())).map(Label::jsonResponse).orElse(null);
        JsonNode jobAnswer = answer == null ? null : answer.get(job.id());
        if (jobAnswer == null || jobAnswer.isNull()) {
          continue;
        }
        Optional<ImageSize> size = AnnotatedZipRowSource.size(asset.metadata()).or(() -> storedSize(asset));
        if (size.isEmpty()) {
          LOG.warn("box export: the size of image {} of project {} is unknown; it is left out", asset.externalId(), asset.projectId());
          continue;
        }
        String fileName = fileName(asset);
        // a box of a category removed from the interface since has no class to be written as
        List<PixelBox> boxes = BoxAnswers.boxes(jobAnswer, size.get()).stream().filter(b -> job.hasCategory(b.category())).toList();
        consumer.accept(new Image(fileName, size.get(), boxes));
      }
    });
  }

  /** The path a media asset had in its import zip, else its externalId. */
  static String fileName(Asset asset) {
    return asset.metadata() != null && asset.metadata().hasNonNull("fileName") ? asset.metadata().get("fileName").asText() : asset.externalId();
  }

  private Optional<ImageSize> storedSize(Asset asset) {
    try (InputStream in = files.open(asset.content())) {
      return ImageSize.read(in);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static int categoryIndex(List<Category> categories, String id) {
    return categories.stream().map(Category::id).toList().indexOf(id);
  }
}
