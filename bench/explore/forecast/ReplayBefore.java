import java.nio.file.*;
import java.util.*;
import org.labelloop.learn.metrics.*;
import org.labelloop.learn.simulate.*;

/** Replay check of the forecast on simulate CSVs (java -cp JAR ReplayX.java x a.csv ...): "after" = the branch's ForecastCheck, "before" = main's estimator. */
public class ReplayBefore {
  public static void main(String[] args) throws Exception {
    boolean after = args[0].equals("after");
    for (int k = 1; k < args.length; k++) {
      List<String> lines = Files.readAllLines(Path.of(args[k]));
      List<CurvePoint> curve = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) {
        String[] f = l.split(",");
        curve.add(new CurvePoint(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Map.of("accuracy", Double.parseDouble(f[3]))));
      }
      String out = beforeCheck(curve);
      System.out.println(args[k] + " " + out);
    }
  }

  static double at(List<CurvePoint> curve, int n) {
    return curve.stream().filter(p -> p.labels() == n).findFirst().map(p -> p.metric("accuracy")).orElse(Double.NaN);
  }

  /** main's LabelForecast (residual bootstrap) plus, for the accuracy at twice the labels, the same bootstrap's refits. */
  static String beforeCheck(List<CurvePoint> curve) {
    List<CurvePoint> sorted = curve.stream().sorted(Comparator.comparingInt(CurvePoint::labels)).toList();
    int half = sorted.getLast().labels() / 2;
    List<CurvePoint> first = sorted.stream().filter(p -> p.labels() <= half).toList();
    double[] n = first.stream().mapToDouble(CurvePoint::labels).toArray();
    double[] y = first.stream().mapToDouble(p -> p.metric("accuracy")).toArray();
    LabelForecast f = LabelForecast.of(n, y, half);
    double err = median(sorted.stream().filter(p -> p.labels() > half).mapToDouble(p -> Math.abs(f.curve().at(p.labels()) - p.metric("accuracy"))).toArray());
    // holds(): the same rule as the branch's ForecastCheck
    double target = 0.95 * f.ceiling();
    int before = 0; Boolean covered = null;
    for (CurvePoint p : sorted) {
      if (p.labels() < f.labels()) continue;
      int more = p.labels() - f.labels();
      if (p.metric("accuracy") >= target) { covered = f.moreLow() <= more && f.moreHigh() >= before; break; }
      before = more;
    }
    if (covered == null) covered = f.moreHigh() > before;
    // main's residual bootstrap, same seed and draws, read at twice the labels
    SaturationCurve fit = SaturationCurve.fit(n, y);
    double[] res = new double[n.length];
    for (int i = 0; i < n.length; i++) res[i] = y[i] - fit.at(n[i]);
    SplittableRandom rnd = new SplittableRandom(half);
    double[] d = new double[200], rs = new double[n.length];
    for (int r = 0; r < 200; r++) {
      for (int i = 0; i < n.length; i++) rs[i] = fit.at(n[i]) + res[rnd.nextInt(res.length)];
      d[r] = SaturationCurve.fit(n, rs).at(2.0 * half);
    }
    Arrays.sort(d);
    double lo = d[(int) Math.round(0.05 * 199)], hi = d[(int) Math.round(0.95 * 199)], m = at(curve, 2 * half);
    return String.format(Locale.ROOT, "err=%.4f more=%.0f [%.0f,%.0f] covered=%d/1 target=%.4f doubled=%.4f [%.4f,%.4f] covered=%d/1 measured=%.4f",
        err, f.moreLabels(), f.moreLow(), f.moreHigh(), covered ? 1 : 0, target, fit.at(2.0 * half), lo, hi, lo <= m && m <= hi ? 1 : 0, m);
  }

  static double median(double[] v) {
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }
}
