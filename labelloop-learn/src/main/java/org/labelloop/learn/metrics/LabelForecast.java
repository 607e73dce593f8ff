package org.labelloop.learn.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * "How many more labels?": a {@link SaturationCurve} through the accuracy measured so far, read at {@link #SHARE} of
 * its ceiling and at twice the labels so far, each with a 90 % interval from a parametric bootstrap.
 *
 * <p>Each accuracy is a share of right answers on the items it was measured on, so its variance is binomial: the curve
 * is fitted with the inverse of that variance as weight, and the bootstrap draws every point anew from the fitted curve
 * with that variance, scaled up by the overdispersion the residuals show (quasi-likelihood, McCullagh &amp; Nelder 1989,
 * §4.5: the model's own variance from which items were labeled adds to the test set's). Where the items are unknown the
 * residuals alone give the scale.
 *
 * <p>Why two quantities: the ceiling {@code a} is an extrapolation, and on a curve measured over 10-100 labels an
 * exponent {@code c} twice as large with a ceiling a few points lower fits as well, so the labels to 95 % of the
 * ceiling stay uncertain by hundreds of labels however clean the points (BENCHMARKS.md, issue 15, helper forecast). The
 * accuracy at twice the labels so far lies within the span the curve's shape is tested on, and is tight on a clean
 * curve: that is the interval to act on.
 *
 * @param labels the label count the forecast is made at (the largest measured)
 * @param ceiling the accuracy the model family is heading for with unlimited labels ({@code a})
 * @param moreLabels labels beyond {@code labels} until the curve reaches {@link #SHARE} of the ceiling (0: reached)
 * @param moreLow 5th percentile of {@code moreLabels} over the bootstrap fits
 * @param moreHigh 95th percentile
 * @param accuracyNow the curve's accuracy at {@code labels}
 * @param accuracyDoubled the curve's accuracy at twice {@code labels}
 * @param doubledLow 5th percentile of {@code accuracyDoubled} over the bootstrap fits
 * @param doubledHigh 95th percentile
 * @param gainPerLabel accuracy the next label buys now (the curve's slope at {@code labels})
 * @param curve the fitted curve, for plotting
 */
public record LabelForecast(int labels, double ceiling, double moreLabels, double moreLow, double moreHigh,
    double accuracyNow, double accuracyDoubled, double doubledLow, double doubledHigh, double gainPerLabel,
    SaturationCurve curve) {
  /** The share of the ceiling a forecast aims at. */
  public static final double SHARE = 0.95;
  static final int BOOTSTRAPS = 200;
  private static final int PARAMETERS = 3;

  /** The forecast from accuracies whose items are unknown: the residuals give the noise. */
  public static LabelForecast of(double[] labels, double[] accuracy, long seed) {
    return of(labels, accuracy, new int[labels.length], seed);
  }

  /**
   * The forecast from accuracy measured at label counts ({@code labels[i]}, {@code accuracy[i]}) on {@code items[i]}
   * items each (0: unknown), or null below three label counts.
   */
  public static LabelForecast of(double[] labels, double[] accuracy, int[] items, long seed) {
    if (Arrays.stream(labels).distinct().count() < 3) return null;
    int m = labels.length;
    double[] variance = new double[m], weight = new double[m];
    boolean itemsKnown = false;
    for (int i = 0; i < m; i++) {
      variance[i] = items[i] > 0 ? binomialVariance(accuracy[i], items[i]) : 1;
      weight[i] = 1 / variance[i];
      itemsKnown |= items[i] > 0;
    }
    SaturationCurve fit = SaturationCurve.fit(labels, accuracy, weight);
    int now = (int) Arrays.stream(labels).max().orElseThrow();
    double scale = overdispersion(labels, accuracy, weight, fit, itemsKnown);
    if (Double.isNaN(scale)) { // unknown items and no residual left over the three parameters: the data cannot say
      return new LabelForecast(now, fit.a(), more(fit, now), 0, Double.POSITIVE_INFINITY, fit.at(now), fit.at(2.0 * now),
          0, 1, fit.gainPerLabel(now), fit);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] more = new double[BOOTSTRAPS], doubled = new double[BOOTSTRAPS], drawn = new double[m];
    for (int r = 0; r < BOOTSTRAPS; r++) {
      for (int i = 0; i < m; i++) drawn[i] = fit.at(labels[i]) + Math.sqrt(scale * variance[i]) * rnd.nextGaussian();
      SaturationCurve refit = SaturationCurve.fit(labels, drawn, weight);
      more[r] = more(refit, now);
      doubled[r] = refit.at(2.0 * now);
    }
    Arrays.sort(more);
    Arrays.sort(doubled);
    return new LabelForecast(now, fit.a(), more(fit, now), percentile(more, 0.05), percentile(more, 0.95), fit.at(now),
        fit.at(2.0 * now), percentile(doubled, 0.05), percentile(doubled, 0.95), fit.gainPerLabel(now), fit);
  }

  /** Variance of a share right out of {@code items}, with Laplace's estimate so that 20 of 20 right is not certain. */
  private static double binomialVariance(double accuracy, int items) {
    double p = (accuracy * items + 1) / (items + 2);
    return p * (1 - p) / items;
  }

  /**
   * Pearson's chi-square per degree of freedom: how much more the points scatter than their variance says. Never
   * below 1 when the variance is binomial; NaN when it is unknown and no degree of freedom is left.
   */
  private static double overdispersion(double[] labels, double[] accuracy, double[] weight, SaturationCurve fit,
      boolean itemsKnown) {
    int freedom = labels.length - PARAMETERS;
    double chi2 = 0;
    for (int i = 0; i < labels.length; i++) chi2 += weight[i] * Math.pow(accuracy[i] - fit.at(labels[i]), 2);
    if (freedom <= 0) return itemsKnown ? 1 : Double.NaN;
    return itemsKnown ? Math.max(1, chi2 / freedom) : chi2 / freedom;
  }

  private static double more(SaturationCurve curve, int now) {
    return Math.max(0, curve.labelsToReach(SHARE) - now);
  }

  private static double percentile(double[] sorted, double q) {
    return sorted[(int) Math.round(q * (sorted.length - 1))];
  }

  /** Whether the interval reaches beyond twice the labels measured, where the curve's shape was never tested. */
  public boolean ceilingUnsettled() {
    return moreHigh > labels;
  }

  /** The forecast in words, e.g. "≈ 240 more labels to reach 95 % of ... (between 180 and 330); ...". */
  public String sentence() {
    String reach = String.format(Locale.ROOT, "%.0f %% of the accuracy this model family can reach here (about %.0f %%)",
        100 * SHARE, 100 * ceiling);
    String doubling = String.format(Locale.ROOT, "%d more labels would bring accuracy from %.0f %% to about %.0f %%"
        + " (between %.0f and %.0f %%)", labels, 100 * accuracyNow, 100 * accuracyDoubled, 100 * doubledLow, 100 * doubledHigh);
    String gain = String.format(Locale.ROOT, "labels are now buying %s points each",
        100 * gainPerLabel < 0.05 ? "< 0.05" : String.format(Locale.ROOT, "%.1f", 100 * gainPerLabel));
    if (moreLabels == 0 && !ceilingUnsettled()) return "Reached " + reach + " at " + labels + " labels; " + gain + ".";
    // from here on, no more labels needed means an unsettled ceiling, whose sentence leads with the doubling
    String more = moreLabels == 0 ? "reached " + reach + " by the fitted curve" : "≈ " + count(moreLabels)
        + " more labels to reach " + reach;
    String between = String.format(Locale.ROOT, " (between %s and %s more", count(moreLow), count(moreHigh));
    // An unsettled ceiling makes the labels-to-95 % interval too wide to act on; twice the labels stays pinned: it leads.
    if (ceilingUnsettled()) return doubling + "; " + more + between
        + ", a ceiling that accuracy measured at more label counts will narrow); " + gain + ".";
    return more + between + "); " + doubling + "; " + gain + ".";
  }

  /** Rounded to two significant digits: the bootstrap interval says more precision would be false. */
  private static String count(double v) {
    if (!Double.isFinite(v) || v > 1e6) return "more than a million";
    if (v < 10) return String.valueOf(Math.round(v));
    double unit = Math.pow(10, Math.floor(Math.log10(v)) - 1);
    return String.valueOf(Math.round(Math.round(v / unit) * unit));
  }
}
