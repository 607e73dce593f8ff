package org.labelloop.learn.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A decoded image scaled to a model's input size, with the size of the original and the mapping back to it (for
 * boxes): a point {@code m} of the scaled image is {@code (m - offset) / scale} in the original.
 *
 * <p>{@link #decode} stretches to the exact size, as the shipped encoders were trained; {@link #letterbox} keeps the
 * aspect ratio and centres the image on black, as NanoDet was trained ({@code keep_ratio}). A large JPEG is decoded
 * with source subsampling to at least twice the target size (decoding a 12-megapixel photo in full costs ten times
 * more), then halved with bilinear filtering until one bilinear step remains: plain bilinear from far above the
 * target skips pixels and aliases (Chris Campbell, "The Perils of Image.getScaledInstance()", 2007).
 */
public record Picture(int width, int height, BufferedImage scaled, double scaleX, double scaleY, double offsetX, double offsetY) {
  private record Decoded(BufferedImage image, int width, int height) {}

  /** Decodes {@code bytes} (JPEG, PNG, BMP, GIF: what the JDK reads) and stretches it to {@code w}×{@code h}. */
  public static Picture decode(byte[] bytes, int w, int h) throws ImageDecodeException {
    Decoded d = read(bytes, w, h);
    return new Picture(d.width, d.height, scale(d.image, w, h), w / (double) d.width, h / (double) d.height, 0, 0);
  }

  /** Decodes {@code bytes} and fits it, aspect ratio kept, centred on a black {@code w}×{@code h} canvas. */
  public static Picture letterbox(byte[] bytes, int w, int h) throws ImageDecodeException {
    Decoded d = read(bytes, w, h);
    return fit(d, 0, 0, d.width, d.height, w, h);
  }

  /**
   * The whole image letterboxed, then, when its long side is at least {@code 1.2×} its short side, the squares at both
   * ends of the long side, each letterboxed on its own: a wide photo's objects get about 1.5× the pixels in the squares
   * (sliced inference, as in Akyon et al., "Slicing Aided Hyper Inference", 2022).
   */
  public static List<Picture> letterboxWithEnds(byte[] bytes, int w, int h) throws ImageDecodeException {
    Decoded d = read(bytes, w, h);
    List<Picture> views = new ArrayList<>(List.of(fit(d, 0, 0, d.width, d.height, w, h)));
    int side = Math.min(d.width, d.height);
    if (Math.max(d.width, d.height) >= 1.2 * side) {
      boolean wide = d.width > d.height;
      views.add(fit(d, 0, 0, side, side, w, h));
      views.add(fit(d, wide ? d.width - side : 0, wide ? 0 : d.height - side, side, side, w, h));
    }
    return views;
  }

  /**
   * Whether a box (in pixels of the original) reaches an edge where this view cuts the original off: such a box may
   * be part of a larger object.
   */
  public boolean cutsOff(Detection box) {
    double slack = 1 / scaleX, left = -offsetX / scaleX, right = (scaled.getWidth() - offsetX) / scaleX;
    double top = -offsetY / scaleY, bottom = (scaled.getHeight() - offsetY) / scaleY;
    return left > slack && box.x() <= left + slack || right < width - slack && box.x() + box.width() >= right - slack
        || top > slack && box.y() <= top + slack || bottom < height - slack && box.y() + box.height() >= bottom - slack;
  }

  /** The region {@code (x, y, rw, rh)} of the original, aspect ratio kept, centred on a black {@code w}×{@code h} canvas. */
  private static Picture fit(Decoded d, int x, int y, int rw, int rh, int w, int h) {
    double s = Math.min(w / (double) rw, h / (double) rh);
    int sw = Math.max(1, (int) Math.round(rw * s)), sh = Math.max(1, (int) Math.round(rh * s));
    int ox = (w - sw) / 2, oy = (h - sh) / 2;
    double fx = d.image.getWidth() / (double) d.width, fy = d.image.getHeight() / (double) d.height; // subsampled decode
    int dx = (int) Math.round(x * fx), dy = (int) Math.round(y * fy);
    BufferedImage region = d.image.getSubimage(dx, dy, Math.min(d.image.getWidth() - dx, Math.max(1, (int) Math.round(rw * fx))),
        Math.min(d.image.getHeight() - dy, Math.max(1, (int) Math.round(rh * fy))));
    BufferedImage canvas = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = canvas.createGraphics();
    g.drawImage(scale(region, sw, sh), ox, oy, null);
    g.dispose();
    return new Picture(d.width, d.height, canvas, s, s, ox - x * s, oy - y * s);
  }

  private static Decoded read(byte[] bytes, int w, int h) throws ImageDecodeException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) throw new ImageDecodeException("not an image format this server reads (JPEG, PNG, BMP, GIF)");
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int width = reader.getWidth(0), height = reader.getHeight(0);
        ImageReadParam p = reader.getDefaultReadParam();
        int sub = Math.max(1, Math.min(width / (2 * w), height / (2 * h)));
        if (sub > 1) p.setSourceSubsampling(sub, sub, 0, 0);
        return new Decoded(reader.read(0, p), width, height);
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) { // ImageIO throws unchecked exceptions on some corrupt files
      throw new ImageDecodeException("cannot decode image: " + e.getMessage());
    }
  }

  private static BufferedImage scale(BufferedImage src, int w, int h) {
    BufferedImage cur = src;
    int cw = src.getWidth(), ch = src.getHeight();
    do {
      cw = cw / 2 >= w ? cw / 2 : w;
      ch = ch / 2 >= h ? ch / 2 : h;
      BufferedImage next = new BufferedImage(cw, ch, BufferedImage.TYPE_INT_RGB);
      Graphics2D g = next.createGraphics();
      g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.drawImage(cur, 0, 0, cw, ch, Color.WHITE, null); // transparent pixels become white
      g.dispose();
      cur = next;
    } while (cw != w || ch != h);
    return cur;
  }
}
