package org.labelloop.learn.image;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/**
 * How a model wants its pixels: size, layout, channel order and normalisation {@code (value - mean[c]) / std[c]} with
 * values in 0..255. The shipped models' settings are in {@link ShippedModel}; a user's own model states its own.
 *
 * @param channelsFirst NCHW when true, NHWC otherwise
 * @param bgr channels in blue-green-red order (Caffe/OpenCV-trained models) instead of red-green-blue
 */
public record ImageInput(int width, int height, boolean channelsFirst, boolean bgr, float[] mean, float[] std) {
  public ImageInput {
    if (width < 8 || height < 8 || width > 4096 || height > 4096) throw new IllegalArgumentException("input size must be in 8..4096");
    if (mean.length != 3 || std.length != 3) throw new IllegalArgumentException("mean and std need 3 values (one per channel)");
    for (float s : std) if (!(s > 0)) throw new IllegalArgumentException("std values must be positive");
    mean = mean.clone();
    std = std.clone();
  }

  /** Values scaled to 0..1 ({@code mean 0, std 255}), RGB. */
  public static ImageInput unitRange(int width, int height, boolean channelsFirst) {
    return new ImageInput(width, height, channelsFirst, false, new float[3], new float[] {255, 255, 255});
  }

  /** Floats per image. */
  public int size() { return 3 * width * height; }

  /** Writes the normalised pixels of {@code img} (already {@code width×height}) into {@code dst} at {@code at}. */
  void write(BufferedImage img, float[] dst, int at) {
    int[] rgb = img.getRGB(0, 0, width, height, null, 0, width);
    int plane = width * height;
    for (int i = 0; i < plane; i++) {
      int p = rgb[i];
      for (int c = 0; c < 3; c++) {
        int src = bgr ? c : 2 - c; // getRGB packs 0xRRGGBB: shift 16 = red
        float v = ((p >> (8 * src)) & 0xFF);
        v = (v - mean[c]) / std[c];
        dst[at + (channelsFirst ? c * plane + i : i * 3 + c)] = v;
      }
    }
  }

  @Override public boolean equals(Object o) {
    return o instanceof ImageInput i && i.width == width && i.height == height && i.channelsFirst == channelsFirst
        && i.bgr == bgr && Arrays.equals(i.mean, mean) && Arrays.equals(i.std, std);
  }

  @Override public int hashCode() { return 31 * (31 * width + height) + Arrays.hashCode(mean) + 7 * Arrays.hashCode(std); }

  @Override public String toString() {
    return width + "x" + height + (channelsFirst ? " NCHW" : " NHWC") + (bgr ? " BGR" : " RGB") + " mean="
        + Arrays.toString(mean) + " std=" + Arrays.toString(std);
  }
}
