package org.labelloop.learn.simulate;

import java.util.Arrays;
import java.util.List;
import org.labelloop.learn.metrics.SaturationCurve;

/**
 * Checks the "how many more labels?" forecast by replay: the {@link SaturationCurve} fitted on the first half of the
 * budget predicts the accuracy of every later round, and the error is what the second half then measured.
 */
public final class ForecastCheck {
  private ForecastCheck() {}

  /**
   * Median absolute error of the forecast over the later rounds of every repeat in {@code curve} (one strategy), in
   * units of {@code metric}; NaN when no repeat has three rounds in its first half and one after.
   */
  public static double medianAbsoluteError(List<CurvePoint> curve, String metric) {
    double[] errors = curve.stream().mapToInt(CurvePoint::repeat).distinct()
        .mapToObj(r -> errors(curve.stream().filter(p -> p.repeat() == r).toList(), metric))
        .flatMapToDouble(Arrays::stream).sorted().toArray();
    if (errors.length == 0) return Double.NaN;
    int m = errors.length / 2;
    return errors.length % 2 == 1 ? errors[m] : (errors[m - 1] + errors[m]) / 2;
  }

  private static double[] errors(List<CurvePoint> repeat, String metric) {
    int half = repeat.stream().mapToInt(CurvePoint::labels).max().orElse(0) / 2;
    List<CurvePoint> first = repeat.stream().filter(p -> p.labels() <= half).toList();
    List<CurvePoint> later = repeat.stream().filter(p -> p.labels() > half).toList();
    if (first.stream().mapToInt(CurvePoint::labels).distinct().count() < 3) return new double[0];
    SaturationCurve fit = SaturationCurve.fit(first.stream().mapToDouble(CurvePoint::labels).toArray(),
        first.stream().mapToDouble(p -> p.metric(metric)).toArray());
    return later.stream().mapToDouble(p -> Math.abs(fit.at(p.labels()) - p.metric(metric))).toArray();
  }
}
