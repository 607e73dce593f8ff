package org.labelloop.learn.image;

/** A box a detector found: its class, confidence in 0..1, and position in pixels of the original image. */
public record Detection(String label, double score, double x, double y, double width, double height) {
  public Detection {
    if (!(score >= 0 && score <= 1)) throw new IllegalArgumentException("score must be in 0..1");
    if (!(width >= 0 && height >= 0)) throw new IllegalArgumentException("box size must not be negative");
  }

  /** Intersection over union with another box. */
  public double iou(Detection o) {
    double ix = Math.max(0, Math.min(x + width, o.x + o.width) - Math.max(x, o.x));
    double iy = Math.max(0, Math.min(y + height, o.y + o.height) - Math.max(y, o.y));
    double inter = ix * iy, union = width * height + o.width * o.height - inter;
    return union <= 0 ? 0 : inter / union;
  }
}
