package org.labelloop.learn.ner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Entity-level evaluation as the CoNLL-2000/2003 conlleval script counts it: a predicted entity is correct only if
 * its boundaries and type equal a gold entity's; precision, recall and F1 are micro-averaged over all entities, and
 * reported per type too.
 */
public record EntityScores(Prf overall, Map<String, Prf> perType) {
  public EntityScores {
    perType = java.util.Collections.unmodifiableMap(new TreeMap<>(perType));
  }

  public static EntityScores evaluate(List<List<Span>> gold, List<List<Span>> predicted) {
    if (gold.size() != predicted.size()) throw new IllegalArgumentException(gold.size() + " gold vs " + predicted.size() + " predicted sentences");
    Map<String, int[]> counts = new TreeMap<>();
    for (int k = 0; k < gold.size(); k++) {
      Set<Span> g = new HashSet<>(gold.get(k));
      Set<Span> p = new HashSet<>(predicted.get(k));
      for (Span s : p) counts.computeIfAbsent(s.label(), x -> new int[3])[g.contains(s) ? 0 : 1]++;
      for (Span s : g) if (!p.contains(s)) counts.computeIfAbsent(s.label(), x -> new int[3])[2]++;
    }
    Map<String, Prf> per = new TreeMap<>();
    Prf all = new Prf(0, 0, 0);
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      Prf prf = new Prf(e.getValue()[0], e.getValue()[1], e.getValue()[2]);
      per.put(e.getKey(), prf);
      all = all.plus(prf);
    }
    return new EntityScores(all, per);
  }

  public static EntityScores evaluate(NerModel model, List<NerSentence> test) {
    List<List<Span>> gold = new ArrayList<>(test.size());
    for (NerSentence s : test) gold.add(s.spans());
    return evaluate(gold, model.predictAll(test));
  }

  /** conlleval-like table: one line per type, then the overall line; percentages with two decimals. */
  public List<String> report() {
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, Prf> e : perType.entrySet()) lines.add(line(e.getKey(), e.getValue()));
    lines.add(line("overall", overall));
    return lines;
  }

  private static String line(String name, Prf p) {
    return String.format(Locale.ROOT, "%-8s precision=%6.2f%% recall=%6.2f%% f1=%6.2f%% (tp=%d fp=%d fn=%d)", name,
        100 * p.precision(), 100 * p.recall(), 100 * p.f1(), p.truePositives(), p.falsePositives(), p.falseNegatives());
  }
}
