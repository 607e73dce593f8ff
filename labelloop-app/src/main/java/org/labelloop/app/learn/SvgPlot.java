package org.labelloop.app.learn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.labelloop.learn.simulate.CurvePoint;

/** Learning curves of any task (a test metric vs. labels, mean over repeats) as a small self-contained SVG. */
public final class SvgPlot {
  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"};

  private SvgPlot() {}

  /** {@code metric} of every point against its labels, one line per strategy; the axes say {@code metric} and {@code unit}. */
  public static String render(String title, List<CurvePoint> points, String metric, String unit) {
    Map<String, TreeMap<Integer, double[]>> curves = new LinkedHashMap<>();
    for (CurvePoint p : points) {
      double[] acc = curves.computeIfAbsent(p.strategy(), k -> new TreeMap<>())
          .computeIfAbsent(p.labels(), k -> new double[2]);
      acc[0] += p.metric(metric);
      acc[1]++;
    }
    int maxX = points.stream().mapToInt(CurvePoint::labels).max().orElse(1);
    double minY = Math.floor(points.stream().mapToDouble(p -> p.metric(metric)).min().orElse(0) * 10) / 10;
    int w = 640, h = 400, l = 60, r = 150, t = 40, b = 50;
    double pw = w - l - r, ph = h - t - b;
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
    s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", w, h));
    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>%n", l, esc(title)));
    for (int i = 0; i <= 5; i++) {
      double yv = minY + (1 - minY) * i / 5;
      double y = t + ph - ph * i / 5;
      s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", l, y, l + pw, y));
      s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.2f</text>%n", l - 6, y + 4, yv));
    }
    for (int i = 0; i <= 5; i++) {
      double x = l + pw * i / 5;
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n", x, t + (int) ph + 18,
          Math.round((double) maxX * i / 5)));
    }
    s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", l + pw / 2, h - 10, esc(unit)));
    s.append(String.format(Locale.ROOT,
        "<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" text-anchor=\"middle\">test %s</text>%n",
        t + ph / 2, t + ph / 2, esc(metric)));
    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"none\" stroke=\"#333\"/>%n", l, t, pw, ph));
    int ci = 0;
    for (var e : curves.entrySet()) {
      String color = COLORS[ci % COLORS.length];
      List<String> pts = new ArrayList<>();
      for (var p : e.getValue().entrySet()) {
        double x = l + pw * p.getKey() / maxX;
        double y = t + ph - ph * ((p.getValue()[0] / p.getValue()[1]) - minY) / (1 - minY);
        pts.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
      }
      s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", color,
          String.join(" ", pts)));
      double ly = t + 10 + 18 * ci;
      s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>%n",
          l + pw + 12, ly, l + pw + 32, ly, color));
      s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%s</text>%n", l + pw + 38, ly + 4, esc(e.getKey())));
      ci++;
    }
    s.append("</svg>\n");
    return s.toString();
  }

  private static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
