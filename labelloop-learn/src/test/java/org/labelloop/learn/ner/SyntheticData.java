package org.labelloop.learn.ner;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small synthetic NER corpora for unit tests: "Mr X" is PER, "in Y" is LOC for capitalised X, Y. */
final class SyntheticData {
  private SyntheticData() {}

  static final String[] NAMES = {"Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans", "Thomas", "Roberts", "Walker", "Wright",
      "Green", "Hall", "Wood", "Harris", "Clarke", "Lewis", "Young", "King", "Scott", "Baker"};
  static final String[] PLACES = {"Paris", "Berlin", "Madrid", "Rome", "Vienna", "Oslo", "Dublin", "Lisbon", "Prague", "Athens",
      "Warsaw", "Zurich", "Geneva", "Milan", "Munich", "Lyon"};
  static final String[] FILLER = {"the", "meeting", "was", "long", "and", "people", "said", "that", "today", "it", "rained",
      "yesterday", "we", "saw", "a", "dog"};

  static List<NerSentence> corpus(int n, long seed) {
    Random r = new Random(seed);
    List<NerSentence> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      List<String> words = new ArrayList<>();
      List<int[]> ents = new ArrayList<>(); // token index, type 0 PER / 1 LOC
      int len = 4 + r.nextInt(6);
      while (words.size() < len) {
        int c = r.nextInt(5);
        if (c == 0) { words.add("Mr"); ents.add(new int[] {words.size(), 0}); words.add(NAMES[r.nextInt(NAMES.length)]); }
        else if (c == 1) { words.add("in"); ents.add(new int[] {words.size(), 1}); words.add(PLACES[r.nextInt(PLACES.length)]); }
        else words.add(FILLER[r.nextInt(FILLER.length)]);
      }
      NerSentence s = NerSentence.ofTokens("syn" + k, words, List.of());
      List<Span> spans = new ArrayList<>();
      for (int[] e : ents) {
        Token t = s.tokens().get(e[0]);
        spans.add(new Span(t.begin(), t.end(), e[1] == 0 ? "PER" : "LOC"));
      }
      out.add(s.withSpans(spans));
    }
    return out;
  }
}
