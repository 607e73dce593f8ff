package org.labelloop.learn.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * "How many more labels?": a {@link SaturationCurve} through the accuracy measured so far, read at {@link #SHARE} of
 * its ceiling, with a 90 % interval from a residual bootstrap (the label counts stay where they were measured, the
 * fit's residuals are resampled onto the fitted curve and the curve refit; Efron &amp; Tibshirani 1993, §9.5).
 *
 * @param labels the label count the forecast is made at (the largest measured)
 * @param ceiling the accuracy the model family is heading for with unlimited labels ({@code a})
 * @param moreLabels labels beyond {@code labels} until the curve reaches {@link #SHARE} of the ceiling (0: reached)
 * @param moreLow 5th percentile of {@code moreLabels} over the bootstrap fits
 * @param moreHigh 95th percentile
 * @param gainPerLabel accuracy the next label buys now (the curve's slope at {@code labels})
 * @param curve the fitted curve, for plotting
 */
public record LabelForecast(int labels, double ceiling, double moreLabels, double moreLow, double moreHigh,
    double gainPerLabel, SaturationCurve curve) {
  /** The share of the ceiling a forecast aims at. */
  public static final double SHARE = 0.95;
  static final int BOOTSTRAPS = 200;

  /** The forecast from accuracy measured at label counts ({@code labels[i]}, {@code accuracy[i]}), or null below three counts. */
  public static LabelForecast of(double[] labels, double[] accuracy, long seed) {
    if (Arrays.stream(labels).distinct().count() < 3) return null;
    SaturationCurve fit = SaturationCurve.fit(labels, accuracy);
    int now = (int) Arrays.stream(labels).max().orElseThrow();
    double[] residual = new double[labels.length];
    for (int i = 0; i < labels.length; i++) residual[i] = accuracy[i] - fit.at(labels[i]);
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] more = new double[BOOTSTRAPS];
    double[] resampled = new double[labels.length];
    for (int r = 0; r < BOOTSTRAPS; r++) {
      for (int i = 0; i < labels.length; i++) resampled[i] = fit.at(labels[i]) + residual[rnd.nextInt(residual.length)];
      more[r] = more(SaturationCurve.fit(labels, resampled), now);
    }
    Arrays.sort(more);
    return new LabelForecast(now, fit.a(), more(fit, now), percentile(more, 0.05), percentile(more, 0.95),
        fit.gainPerLabel(now), fit);
  }

  private static double more(SaturationCurve curve, int now) {
    return Math.max(0, curve.labelsToReach(SHARE) - now);
  }

  private static double percentile(double[] sorted, double q) {
    return sorted[(int) Math.round(q * (sorted.length - 1))];
  }

  /** The forecast in words, e.g. "≈ 240 more labels to reach 95 % of ... (between 180 and 330)". */
  public String sentence() {
    String reach = String.format(Locale.ROOT, "%.0f %% of the accuracy this model family can reach here (about %.0f %%)",
        100 * SHARE, 100 * ceiling);
    String gain = String.format(Locale.ROOT, "labels are now buying %s points each",
        100 * gainPerLabel < 0.05 ? "< 0.05" : String.format(Locale.ROOT, "%.1f", 100 * gainPerLabel));
    if (moreLabels == 0) return "Reached " + reach + " at " + labels + " labels; " + gain + ".";
    return String.format(Locale.ROOT, "≈ %s more labels to reach %s (between %s and %s); %s.", count(moreLabels),
        reach, count(moreLow), count(moreHigh), gain);
  }

  /** Rounded to two significant digits: the bootstrap interval says more precision would be false. */
  private static String count(double v) {
    if (v < 10) return String.valueOf(Math.round(v));
    if (!Double.isFinite(v) || v > 1e6) return "more than a million";
    double unit = Math.pow(10, Math.floor(Math.log10(v)) - 1);
    return String.valueOf(Math.round(Math.round(v / unit) * unit));
  }
}
