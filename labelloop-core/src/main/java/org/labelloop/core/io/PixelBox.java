package org.labelloop.core.io;

/**
 * One bounding box in pixels as COCO writes it: top-left corner, width and height, with the category a file names.
 * The YOLO form is the centre, width and height normalized by the image size.
 */
record PixelBox(String category, double x, double y, double width, double height) {
  /** How far a box may reach past the image edge (rounding in the tool that wrote it) before it is an error. */
  static final double EDGE_TOLERANCE_PX = 1;

  static PixelBox fromYolo(String category, double cx, double cy, double w, double h, ImageSize size) {
    return new PixelBox(category, (cx - w / 2) * size.width(), (cy - h / 2) * size.height(), w * size.width(), h * size.height());
  }

  static PixelBox fromNormalized(String category, double minX, double minY, double maxX, double maxY, ImageSize size) {
    return new PixelBox(category, minX * size.width(), minY * size.height(), (maxX - minX) * size.width(), (maxY - minY) * size.height());
  }

  /** Centre x, centre y, width, height, each in 0..1. */
  double[] yolo(ImageSize size) {
    return new double[] {(x + width / 2) / size.width(), (y + height / 2) / size.height(), width / size.width(), height / size.height()};
  }

  /** Why the box does not fit the image, or null. */
  String problem(ImageSize size) {
    if (!(width > 0 && height > 0)) {
      return "the box " + this + " is empty (width and height must be positive)";
    }
    if (x < -EDGE_TOLERANCE_PX || y < -EDGE_TOLERANCE_PX
        || x + width > size.width() + EDGE_TOLERANCE_PX || y + height > size.height() + EDGE_TOLERANCE_PX) {
      return "the box " + this + " is outside the " + size + " image";
    }
    return null;
  }

  /** The box cut to the image (it reaches past the edge by less than the tolerance at most). */
  PixelBox clamped(ImageSize size) {
    double left = Math.max(0, x);
    double top = Math.max(0, y);
    double right = Math.min(size.width(), x + width);
    double bottom = Math.min(size.height(), y + height);
    return new PixelBox(category, left, top, right - left, bottom - top);
  }

  @Override
  public String toString() {
    return "[x=" + round(x) + ", y=" + round(y) + ", w=" + round(width) + ", h=" + round(height) + "]";
  }

  static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
