package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;
import org.labelloop.core.quality.Agreement;

/**
 * Between pixel boxes of COCO and YOLO files and an OBJECT_DETECTION job's answer in Kili's shape: each box is a
 * rectangle annotation whose {@code normalizedVertices} (0..1) go bottom-left, top-left, top-right, bottom-right.
 */
public final class BoxAnswers {
  private BoxAnswers() {}

  /** The first OBJECT_DETECTION job of an IMAGE project; a 400 otherwise. */
  static Job boxJob(Project project) {
    if (project.inputType() != InputType.IMAGE) {
      throw LabelloopException.invalid("format: bounding boxes can be imported and exported only for an IMAGE project; this one is " + project.inputType());
    }
    return project.jsonInterface().firstJob(MlTask.OBJECT_DETECTION).orElseThrow(() -> LabelloopException.invalid(
            "bounding boxes need an OBJECT_DETECTION job; this project's jobs are " + project.jsonInterface().jobs().keySet()));
  }

  /** The job's answer holding these boxes, whose categories are the job's category ids. */
  static ObjectNode answer(Job job, List<PixelBox> boxes, ImageSize size) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode annotations = root.putObject(job.id()).putArray("annotations");
    for (PixelBox box : boxes) {
      rectangle(annotations, box.category(), box.x() / size.width(), box.y() / size.height(),
          (box.x() + box.width()) / size.width(), (box.y() + box.height()) / size.height());
    }
    return root;
  }

  /** Adds a rectangle annotation of a category id with normalized corners; returns its category, e.g. for a confidence. */
  public static ObjectNode rectangle(ArrayNode annotations, String category, double minX, double minY, double maxX, double maxY) {
    ObjectNode a = annotations.addObject();
    ObjectNode c = a.putArray("categories").addObject().put("name", category);
    a.put("type", "rectangle");
    ArrayNode vertices = a.putArray("boundingPoly").addObject().putArray("normalizedVertices");
    vertices.addObject().put("x", minX).put("y", maxY);
    vertices.addObject().put("x", minX).put("y", minY);
    vertices.addObject().put("x", maxX).put("y", minY);
    vertices.addObject().put("x", maxX).put("y", maxY);
    return c;
  }

  /** The boxes of a job's answer in pixels, each with its category id. */
  static List<PixelBox> boxes(JsonNode jobAnswer, ImageSize size) {
    return Agreement.boxes(jobAnswer).stream()
        .map(b -> PixelBox.fromNormalized(b.category(), b.minX(), b.minY(), b.maxX(), b.maxY(), size))
        .toList();
  }
}
