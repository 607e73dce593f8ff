package org.labelloop.learn.simulate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.labelloop.learn.metrics.LabelForecast;

/**
 * Checks the "how many more labels?" forecast by replay: the {@link LabelForecast} made on the rounds of the first half
 * of the budget against what the second half then measured, per repeat: the error of the fitted curve at every later
 * round, whether the interval of labels to 95 % of the ceiling holds the labels at which the measured accuracy first
 * reached that target, and whether the interval of the accuracy at twice the labels holds the measured one.
 *
 * @param medianAbsoluteError median absolute error of the curve over the later rounds of every repeat
 * @param checked repeats with three label counts in the first half and a round after
 * @param moreCovered repeats whose labels-to-target interval held the labels the second half needed (a target not
 *     reached within the budget counts as held when the interval reaches past the budget)
 * @param moreWidth median width of that interval, in labels (infinite when the data could not bound it)
 * @param doubledChecked repeats whose budget reached twice the first half
 * @param doubledCovered repeats whose interval held the accuracy measured at twice the first half
 * @param doubledWidth median width of that interval, in units of the metric
 */
public record ForecastCheck(double medianAbsoluteError, int checked, int moreCovered, double moreWidth,
    int doubledChecked, int doubledCovered, double doubledWidth) {

  /** The replay check of the forecasts of {@code metric} over every repeat in {@code curve} (one strategy). */
  public static ForecastCheck of(List<CurvePoint> curve, String metric) {
    List<Double> errors = new ArrayList<>(), moreWidths = new ArrayList<>(), doubledWidths = new ArrayList<>();
    int checked = 0, moreCovered = 0, doubledChecked = 0, doubledCovered = 0;
    for (int r : curve.stream().mapToInt(CurvePoint::repeat).distinct().toArray()) {
      List<CurvePoint> repeat = curve.stream().filter(p -> p.repeat() == r)
          .sorted(java.util.Comparator.comparingInt(CurvePoint::labels)).toList();
      int half = repeat.getLast().labels() / 2;
      List<CurvePoint> first = repeat.stream().filter(p -> p.labels() <= half).toList();
      List<CurvePoint> later = repeat.stream().filter(p -> p.labels() > half).toList();
      LabelForecast f = LabelForecast.of(first.stream().mapToDouble(CurvePoint::labels).toArray(),
          first.stream().mapToDouble(p -> p.metric(metric)).toArray(), half);
      if (f == null || later.isEmpty()) continue;
      checked++;
      later.forEach(p -> errors.add(Math.abs(f.curve().at(p.labels()) - p.metric(metric))));
      if (holds(f, repeat, metric)) moreCovered++;
      moreWidths.add(f.moreHigh() - f.moreLow());
      for (CurvePoint p : later) {
        if (p.labels() != 2 * f.labels()) continue;
        doubledChecked++;
        if (f.doubledLow() <= p.metric(metric) && p.metric(metric) <= f.doubledHigh()) doubledCovered++;
        doubledWidths.add(f.doubledHigh() - f.doubledLow());
      }
    }
    return new ForecastCheck(median(errors), checked, moreCovered, median(moreWidths), doubledChecked, doubledCovered,
        median(doubledWidths));
  }

  /**
   * Whether the forecast's interval of more labels meets the labels the replay needed: the measured rounds from the
   * forecast's label count on bracket the first reach of the target between the round before and the round that did.
   */
  private static boolean holds(LabelForecast f, List<CurvePoint> repeat, String metric) {
    double target = LabelForecast.SHARE * f.ceiling();
    int before = 0;
    for (CurvePoint p : repeat) {
      if (p.labels() < f.labels()) continue;
      int more = p.labels() - f.labels();
      if (p.metric(metric) >= target) return f.moreLow() <= more && f.moreHigh() >= before;
      before = more;
    }
    return f.moreHigh() > before; // not reached within the budget
  }

  private static double median(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (v.length == 0) return Double.NaN;
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }
}
