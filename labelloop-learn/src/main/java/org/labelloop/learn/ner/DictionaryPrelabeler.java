package org.labelloop.learn.ner;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Dictionary prelabeling (Dataiku's "label John Snow once, the next John Snow is prelabeled"): strings already
 * labeled as entities are found again in new text, at token boundaries, longest match first, without overlaps. A
 * string labeled with several types uses the most frequent one. {@link #merge} combines them with model spans: the
 * model wins on conflict, the dictionary only fills gaps.
 */
public final class DictionaryPrelabeler {
  private final boolean caseSensitive;
  private final Map<String, Map<String, Integer>> entries = new HashMap<>();

  public DictionaryPrelabeler(boolean caseSensitive) { this.caseSensitive = caseSensitive; }

  public static DictionaryPrelabeler of(List<NerSentence> labeled, boolean caseSensitive) {
    DictionaryPrelabeler d = new DictionaryPrelabeler(caseSensitive);
    for (NerSentence s : labeled) for (Span sp : s.spans()) d.add(sp.content(s.text()), sp.label());
    return d;
  }

  public void add(String surface, String label) {
    String key = norm(surface.strip());
    if (key.isEmpty()) return;
    entries.computeIfAbsent(key, k -> new HashMap<>()).merge(label, 1, Integer::sum);
  }

  /** Dictionary spans in {@code s}: matches that start and end on token boundaries, longest first, not overlapping. */
  public List<Span> prelabel(NerSentence s) {
    List<Token> tokens = s.tokens();
    String text = s.text();
    List<Span> out = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Span found = null;
      int next = i + 1;
      for (int j = tokens.size() - 1; j >= i; j--) {
        String key = norm(text.substring(tokens.get(i).begin(), tokens.get(j).end()));
        Map<String, Integer> labels = entries.get(key);
        if (labels != null) {
          String label = labels.entrySet().stream().max(Map.Entry.<String, Integer>comparingByValue()
              .thenComparing(Map.Entry.comparingByKey(java.util.Comparator.reverseOrder()))).orElseThrow().getKey();
          found = new Span(tokens.get(i).begin(), tokens.get(j).end(), label);
          next = j + 1;
          break;
        }
      }
      if (found != null) out.add(found);
      i = next;
    }
    return out;
  }

  /** Model spans plus the dictionary spans that overlap none of them. */
  public static List<Span> merge(List<Span> model, List<Span> dictionary) {
    List<Span> out = new ArrayList<>(model);
    for (Span d : dictionary) {
      if (model.stream().noneMatch(d::overlaps)) out.add(d);
    }
    out.sort(null);
    return out;
  }

  private String norm(String s) { return caseSensitive ? s : s.toLowerCase(Locale.ROOT); }
}
