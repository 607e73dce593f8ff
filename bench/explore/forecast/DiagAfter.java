import java.util.*;
import org.labelloop.learn.metrics.*;

/** Coverage and width of the forecast's intervals on the test's clean curve (100 noise draws) and the 3-point case; run with main's jar (Before) or the branch's labelloop-learn/target/classes (After). */
public class DiagAfter {
  static final SaturationCurve TRUE = new SaturationCurve(0.92, 0.9, 0.6);
  public static void main(String[] args) {
    double[] n = java.util.stream.IntStream.iterate(10, k -> k <= 100, k -> k + 5).asDoubleStream().toArray();
    double truthMore = TRUE.labelsToReach(0.95) - 100, truthD = TRUE.at(200);
    // the test's own curve (seed 5, noise 0.01)
    SplittableRandom r0 = new SplittableRandom(5);
    double[] y0 = new double[n.length];
    for (int i = 0; i < n.length; i++) y0[i] = TRUE.at(n[i]) + 0.01 * r0.nextGaussian();
    System.out.println("test curve: " + Arrays.toString(interval(n, y0, 1)) + " truth more " + truthMore + " at200 " + truthD);
    for (double noise : new double[] {0.01, 0.03}) {
      int cm = 0, cd = 0, runs = 100; double[] wm = new double[runs], wd = new double[runs];
      for (int s = 0; s < runs; s++) {
        SplittableRandom r = new SplittableRandom(1000 + s);
        double[] y = new double[n.length];
        for (int i = 0; i < n.length; i++) y[i] = TRUE.at(n[i]) + noise * r.nextGaussian();
        double[] iv = interval(n, y, s);
        if (iv[0] <= truthMore && truthMore <= iv[1]) cm++;
        if (iv[2] <= truthD && truthD <= iv[3]) cd++;
        wm[s] = iv[1] - iv[0]; wd[s] = iv[3] - iv[2];
      }
      Arrays.sort(wm); Arrays.sort(wd);
      System.out.printf(Locale.ROOT, "noise %.2f: labels-to-95%% covered %d/%d median width %.0f; accuracy at 200 covered %d/%d median width %.4f%n",
          noise, cm, runs, wm[runs / 2], cd, runs, wd[runs / 2]);
    }
    double[] dn = {16, 18, 20}, dy = {0.56, 0.72, 0.65};
    System.out.println("3 points 16-20: " + Arrays.toString(interval3(dn, dy)));
  }

  static double[] interval3(double[] n, double[] y) { LabelForecast f = LabelForecast.of(n, y, new int[] {16, 18, 20}, 20); System.out.println(f.sentence()); return new double[] {f.moreLabels(), f.moreLow(), f.moreHigh(), f.doubledLow(), f.doubledHigh()}; }
  static double[] interval(double[] n, double[] y, long seed) {
    LabelForecast f = LabelForecast.of(n, y, seed);
    return new double[] {f.moreLow(), f.moreHigh(), f.doubledLow(), f.doubledHigh()};
  }
}
