package org.labelloop.learn.strategy;

/**
 * Object detection's reduction of an image's boxes to one uncertainty per {@link Measure}: each box the detector
 * scored is a yes/no question ({@code p}, {@code 1 - p}) and the image is as uncertain as its most uncertain box
 * (least confidence, margin {@code 1 - |2p - 1|} as for entity spans, maximum entropy), or as the mean over its boxes
 * (entropy). An image without any box scores 0: the detector saw nothing to be unsure about.
 */
public final class BoxUncertainty {
  private BoxUncertainty() {}

  /** {@code scores[item]}: the scores of the item's boxes, each in 0..1. */
  public static ItemUncertainty of(double[][] scores) {
    return (item, measure) -> {
      double[] boxes = scores[item];
      if (boxes.length == 0) return 0;
      double max = 0, sum = 0;
      for (double p : boxes) {
        double u = (measure == Measure.MAX_ENTROPY ? Measure.ENTROPY : measure).of(new double[] {p, 1 - p});
        max = Math.max(max, u);
        sum += u;
      }
      return measure == Measure.ENTROPY ? sum / boxes.length : max;
    };
  }
}
