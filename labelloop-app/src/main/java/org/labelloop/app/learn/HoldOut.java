package org.labelloop.app.learn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;

/** A stratified random test split of one labeled file, for {@code simulate}, {@code automl} and {@code train}. */
final class HoldOut {
  private HoldOut() {}

  /** The items but those whose text came earlier: a duplicate on both sides of a split would be learned and tested. */
  static TextDataset distinct(TextDataset d) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    return new TextDataset(d.items().stream().filter(t -> seen.add(t.text())).toList());
  }

  /** Per class, {@code fraction} of the examples (rounded) go to the test set: {training (shuffled), test}. */
  static TextDataset[] split(TextDataset d, double fraction, long seed) {
    if (!(fraction > 0 && fraction < 1)) throw new UserError("--test-fraction must be in (0, 1)");
    SplittableRandom rnd = new SplittableRandom(seed);
    Map<String, List<LabeledText>> byClass = new LinkedHashMap<>();
    for (LabeledText t : d.items()) byClass.computeIfAbsent(t.label(), k -> new ArrayList<>()).add(t);
    List<LabeledText> train = new ArrayList<>(), testPart = new ArrayList<>();
    for (String c : d.classes()) {
      List<LabeledText> l = byClass.get(c);
      for (int i = l.size() - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        LabeledText t = l.get(i); l.set(i, l.get(j)); l.set(j, t);
      }
      int nt = (int) Math.round(l.size() * fraction);
      testPart.addAll(l.subList(0, nt));
      train.addAll(l.subList(nt, l.size()));
    }
    int[] perm = IntStream.range(0, train.size()).toArray();
    for (int i = perm.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int t = perm[i]; perm[i] = perm[j]; perm[j] = t;
    }
    List<LabeledText> shuffled = Arrays.stream(perm).mapToObj(train::get).toList();
    return new TextDataset[] {new TextDataset(shuffled), new TextDataset(testPart)};
  }

  /** The positions {@code 0..labels.size()-1} split as {@link #split}: {training rows, test rows}. */
  static int[][] rows(List<String> labels, double fraction, long seed) {
    List<LabeledText> positions = IntStream.range(0, labels.size())
        .mapToObj(i -> LabeledText.of(Integer.toString(i), Integer.toString(i), labels.get(i))).toList();
    TextDataset[] split = split(new TextDataset(positions), fraction, seed);
    return new int[][] {rowsOf(split[0]), rowsOf(split[1])};
  }

  /** The table's rows split as {@link #split}: {training, test}. */
  static TabularInput[] split(TabularInput t, double fraction, long seed) {
    int[][] rows = rows(t.labels(), fraction, seed);
    return new TabularInput[] {t.select(rows[0]), t.select(rows[1])};
  }

  private static int[] rowsOf(TextDataset positions) {
    return positions.items().stream().mapToInt(t -> Integer.parseInt(t.id())).toArray();
  }
}
