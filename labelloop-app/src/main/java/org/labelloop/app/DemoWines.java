package org.labelloop.app;

import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The table demo's data, generated at start-up so no file ships in the repository: {@code count} wines as CSV rows
 * with typed columns (numbers, a region, an organic flag, a bottling date, a tasting note, some values missing) whose
 * colour follows their chemistry (reds: more sulphates and less residual sugar, with overlap) and, mostly, their
 * tasting note (region, flag and date are noise the model must learn to ignore); the first {@code labeled} rows carry
 * their colour in the label column. Deterministic.
 */
final class DemoWines {
  static final String[] COLOURS = {"RED", "WHITE"};
  private static final String[] REGIONS = {"Douro", "Minho", "Dão", "Alentejo", "Bairrada"};
  private static final String[] RED_NOTES = {"cherry and plum", "soft tannins and a long finish", "blackberry and pepper"};
  private static final String[] WHITE_NOTES = {"citrus and green apple", "mineral and crisp", "floral and light"};

  private DemoWines() {}

  static String csv(int count, int labeled) {
    SplittableRandom r = new SplittableRandom(2024);
    StringBuilder out = new StringBuilder("id,sulphates,residual_sugar,alcohol,region,organic,bottled,notes,label\n");
    for (int i = 0; i < count; i++) {
      boolean red = r.nextInt(3) == 0;
      double sulphates = (red ? 0.66 : 0.49) + gaussian(r) * 0.13;
      double sugar = Math.max(0.6, (red ? 2.5 : 6.4) + gaussian(r) * (red ? 1.2 : 4.5));
      out.append(String.format(Locale.ROOT, "wine-%04d,%.2f,%.1f,%.1f,%s,%s,2023-%02d-%02d,%s,%s\n", i, sulphates, sugar,
          10.5 + gaussian(r) * 1.1, REGIONS[r.nextInt(REGIONS.length)], r.nextInt(10) == 0 ? "" : r.nextBoolean() ? "yes" : "no",
          1 + r.nextInt(12), 1 + r.nextInt(28), r.nextInt(8) == 0 ? "" : note(r, red),
          i < labeled ? COLOURS[red ? 0 : 1] : ""));
    }
    return out.toString();
  }

  /** A tasting note of the wine's colour, but for one wine in six, whose note reads like the other colour's. */
  private static String note(SplittableRandom r, boolean red) {
    String[] notes = red == (r.nextInt(6) != 0) ? RED_NOTES : WHITE_NOTES;
    return notes[r.nextInt(notes.length)];
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
