package org.labelloop.app.learn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.labelloop.learn.image.ImageInput;
import org.labelloop.learn.image.NanoDet;
import org.labelloop.learn.image.ObjectDetector;
import org.labelloop.learn.image.OnnxDetector;
import picocli.CommandLine.Option;

/** The box source of {@code simulate --task detection}: the shipped COCO detector, or a team's own ONNX detector. */
public final class DetectorOptions {
  @Option(names = "--detector", paramLabel = "FILE.onnx",
      description = "--task detection: a team's own YOLO-style ONNX detector instead of the shipped COCO one (one output "
          + "[1, boxes, 4 + classes] or [1, 5 + classes, boxes], as Ultralytics exports; the photo letterboxed, RGB in 0..1).")
  Path model;

  @Option(names = "--detector-classes", split = ",", paramLabel = "NAME",
      description = "--detector: its class names in output order; categories of the COCO file named like one keep its boxes.")
  List<String> classes = List.of();

  @Option(names = "--detector-size", defaultValue = "640", paramLabel = "PIXELS",
      description = "--detector: its square input size (default ${DEFAULT-VALUE}).")
  int size;

  /** The detector these options name, loaded; a {@link UserError} when they do not name one that works. */
  ObjectDetector open() {
    if (model == null) {
      if (!classes.isEmpty()) throw new UserError("--detector-classes needs --detector");
      return NanoDet.shipped();
    }
    if (classes.isEmpty()) throw new UserError("--detector needs --detector-classes (its class names in output order)");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(model);
    } catch (IOException e) {
      throw new UserError("--detector: cannot read " + model + ": " + e.getMessage());
    }
    try {
      return new OnnxDetector(bytes, ImageInput.unitRange(size, size, true), classes.stream().map(String::strip).toList());
    } catch (IllegalArgumentException e) {
      throw new UserError("--detector " + model + ": " + e.getMessage());
    }
  }
}
