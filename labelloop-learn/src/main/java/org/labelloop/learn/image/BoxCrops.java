package org.labelloop.learn.image;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The regions of an image's boxes as images of their own (PNG), for an {@link ImageEncoder}: each box widened by
 * {@value #CONTEXT} of its size on every side and clipped to the image, as R-CNN's warped regions keep some context
 * around the object (Girshick et al., "Rich feature hierarchies", CVPR 2014).
 */
public final class BoxCrops {
  static final double CONTEXT = 0.1;

  private BoxCrops() {}

  /** One PNG per box, in order; a box of no area inside the image gives a one-pixel crop. */
  public static List<byte[]> of(byte[] image, List<Detection> boxes) throws ImageDecodeException {
    if (boxes.isEmpty()) return List.of();
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(image));
    } catch (IOException | RuntimeException e) {
      throw new ImageDecodeException("cannot decode image: " + e.getMessage());
    }
    if (img == null) throw new ImageDecodeException("not an image format this server reads (JPEG, PNG, BMP, GIF)");
    List<byte[]> crops = new ArrayList<>(boxes.size());
    for (Detection b : boxes) {
      int x0 = clamp(b.x() - CONTEXT * b.width(), img.getWidth() - 1), y0 = clamp(b.y() - CONTEXT * b.height(), img.getHeight() - 1);
      int x1 = Math.max(x0 + 1, clamp(b.x() + (1 + CONTEXT) * b.width(), img.getWidth()));
      int y1 = Math.max(y0 + 1, clamp(b.y() + (1 + CONTEXT) * b.height(), img.getHeight()));
      BufferedImage crop = new BufferedImage(x1 - x0, y1 - y0, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = crop.createGraphics();
      g.drawImage(img.getSubimage(x0, y0, x1 - x0, y1 - y0), 0, 0, null);
      g.dispose();
      crops.add(png(crop));
    }
    return crops;
  }

  private static int clamp(double v, int max) {
    return (int) Math.max(0, Math.min(max, Math.round(v)));
  }

  private static byte[] png(BufferedImage img) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException("PNG encoding to memory failed", e);
    }
    return out.toByteArray();
  }
}
