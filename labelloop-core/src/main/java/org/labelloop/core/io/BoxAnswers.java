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
final class BoxAnswers {
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
      double minX = box.x() / size.width();
      double minY = box.y() / size.height();
      double maxX = (box.x() + box.width()) / size.width();
      double maxY = (box.y() + box.height()) / size.height();
      ObjectNode a = annotations.addObject();
      a.putArray("categories").addObject().put("name", box.category());
      a.put("type", "rectangle");
      ArrayNode vertices = a.putArray("boundingPoly").addObject().putArray("normalizedVertices");
      vertices.addObject().put("x", minX).put("y", maxY);
      vertices.addObject().put("x", minX).put("y", minY);
      vertices.addObject().put("x", maxX).put("y", minY);
      vertices.addObject().put("x", maxX).put("y", maxY);
    }
    return root;
  }

  /** The boxes of a job's answer in pixels, each with its category id. */
  static List<PixelBox> boxes(JsonNode jobAnswer, ImageSize size) {
    return Agreement.boxes(jobAnswer).stream()
        .map(b -> PixelBox.fromNormalized(b.category(), b.minX(), b.minY(), b.maxX(), b.maxY(), size))
        .toList();
  }
}
