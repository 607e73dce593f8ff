package org.labelloop.app.ner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labelloop.learn.ner.NerSimulator;

/** A small self-contained SVG line chart of F1 against labeled sentences, one line per strategy. */
final class SvgPlot {
  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};

  private SvgPlot() {}

  static String render(List<NerSimulator.Point> points) {
    int w = 640, h = 400, left = 60, right = 160, top = 30, bottom = 50;
    int maxX = points.stream().mapToInt(NerSimulator.Point::sentences).max().orElse(1);
    Map<String, List<NerSimulator.Point>> byStrategy = new LinkedHashMap<>();
    for (NerSimulator.Point p : points) byStrategy.computeIfAbsent(p.strategy(), k -> new ArrayList<>()).add(p);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h));
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\">NER entity F1 vs labeled sentences</text>%n", left));
    int pw = w - left - right, ph = h - top - bottom;
    for (int k = 0; k <= 5; k++) {
      double y = top + ph - ph * k / 5.0;
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/><text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.1f</text>%n",
          left, y, left + pw, y, left - 6, y + 4, k / 5.0));
    }
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">labeled sentences (max %d)</text>%n", left + pw / 2, h - 12, maxX));
    int c = 0;
    for (Map.Entry<String, List<NerSimulator.Point>> e : byStrategy.entrySet()) {
      String colour = COLOURS[c % COLOURS.length];
      StringBuilder pts = new StringBuilder();
      for (NerSimulator.Point p : e.getValue()) {
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + pw * p.sentences() / (double) maxX, top + ph - ph * p.scores().overall().f1()));
      }
      sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colour, pts.toString().strip()));
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s</text>%n", left + pw + 10, top + 16 + 18 * c, colour, e.getKey()));
      c++;
    }
    sb.append("</svg>\n");
    return sb.toString();
  }
}
