import java.nio.file.*;
import java.util.*;
import org.labelloop.learn.metrics.*;
import org.labelloop.learn.simulate.*;

/** Replay check of the forecast on simulate CSVs (java -cp JAR ReplayX.java x a.csv ...): "after" = the branch's ForecastCheck, "before" = main's estimator. */
public class ReplayAfter {
  public static void main(String[] args) throws Exception {
    boolean after = args[0].equals("after");
    for (int k = 1; k < args.length; k++) {
      List<String> lines = Files.readAllLines(Path.of(args[k]));
      List<CurvePoint> curve = new ArrayList<>();
      for (String l : lines.subList(1, lines.size())) {
        String[] f = l.split(",");
        curve.add(new CurvePoint(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Map.of("accuracy", Double.parseDouble(f[3]))));
      }
      String out = afterCheck(curve);
      System.out.println(args[k] + " " + out);
    }
  }

  static String afterCheck(List<CurvePoint> curve) {
    ForecastCheck c = ForecastCheck.of(curve, "accuracy");
    int half = curve.stream().mapToInt(CurvePoint::labels).max().getAsInt() / 2;
    List<CurvePoint> first = curve.stream().filter(p -> p.labels() <= half).toList();
    LabelForecast f = LabelForecast.of(first.stream().mapToDouble(CurvePoint::labels).toArray(),
        first.stream().mapToDouble(p -> p.metric("accuracy")).toArray(), half);
    return String.format(Locale.ROOT, "err=%.4f more=%.0f [%.0f,%.0f] covered=%d/%d target=%.4f doubled=%.4f [%.4f,%.4f] covered=%d/%d measured=%.4f",
        c.medianAbsoluteError(), f.moreLabels(), f.moreLow(), f.moreHigh(), c.moreCovered(), c.checked(), 0.95 * f.ceiling(),
        f.accuracyDoubled(), f.doubledLow(), f.doubledHigh(), c.doubledCovered(), c.doubledChecked(), at(curve, 2 * half));
  }

  static double at(List<CurvePoint> curve, int n) {
    return curve.stream().filter(p -> p.labels() == n).findFirst().map(p -> p.metric("accuracy")).orElse(Double.NaN);
  }

  static double median(double[] v) {
    Arrays.sort(v);
    int m = v.length / 2;
    return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
  }
}
