package org.labelloop.learn.image;

import java.util.List;

/**
 * The default image embedding: MobileNetV2's block-13 features (576) beside NanoDet's pooled backbone (512). Chosen by
 * validation on ants/bees (BENCHMARKS.md): together 83.0 % with all labels against 79.7 % and 81.7 % apart, and the
 * best of the single taps and pairs measured (MobileNetV2's final 1,280-d pool: 79.7 %, with NanoDet 81.7 %).
 */
public final class ShippedImageEncoder implements ImageEncoder {
  /** Changes whenever the vectors would (cache keys). */
  public static final String NAME = "mobilenet_v2-b13+nanodet-backbone/1";

  private final OnnxImageEncoder mobileNet, nanoDet;

  /** @param threads batches embedded at once */
  public ShippedImageEncoder(int threads) {
    this.mobileNet = new OnnxImageEncoder("mobilenet_v2-b13", ShippedModel.MOBILENET_V2.bytes(),
        ImageInput.unitRange(224, 224, false), List.of("features"), 16, threads);
    try {
      this.nanoDet = new OnnxImageEncoder("nanodet-backbone", ShippedModel.NANODET.bytes(), NanoDet.INPUT, List.of("features"), 1, threads);
    } catch (RuntimeException e) {
      mobileNet.close();
      throw e;
    }
  }

  @Override public String name() { return NAME; }

  @Override public int dimension() { return mobileNet.dimension() + nanoDet.dimension(); }

  @Override public float[][] embed(List<byte[]> images) {
    float[][] a = mobileNet.embed(images), b = nanoDet.embed(images);
    float[][] out = new float[images.size()][];
    for (int i = 0; i < out.length; i++) {
      if (a[i] == null || b[i] == null) continue;
      out[i] = new float[a[i].length + b[i].length];
      System.arraycopy(a[i], 0, out[i], 0, a[i].length);
      System.arraycopy(b[i], 0, out[i], a[i].length, b[i].length);
    }
    return out;
  }

  @Override public void close() {
    mobileNet.close();
    nanoDet.close();
  }
}
