package org.labelloop.learn.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class DictionaryPrelabelerTest {
  private static final Tokenizer TOKENIZER = new Tokenizer(Tokenizer.Mode.WORDS);

  @Test
  void prelabelsIdenticalStringsOnTokenBoundaries() {
    NerSentence labeled = TOKENIZER.sentence("a", "I met John Snow at Winterfell.", List.of(new Span(6, 15, "PER"), new Span(19, 29, "LOC")));
    DictionaryPrelabeler d = DictionaryPrelabeler.of(List.of(labeled), true);
    NerSentence next = TOKENIZER.sentence("b", "John Snow left; John Snowden and john snow stayed.", List.of());
    assertEquals(List.of(new Span(0, 9, "PER")), d.prelabel(next));
    DictionaryPrelabeler ci = DictionaryPrelabeler.of(List.of(labeled), false);
    assertEquals(List.of(new Span(0, 9, "PER"), new Span(33, 42, "PER")), ci.prelabel(next));
  }

  @Test
  void modelWinsOnConflictAndDictionaryFillsGaps() {
    List<Span> model = List.of(new Span(0, 4, "ORG"));
    List<Span> dictionary = List.of(new Span(0, 9, "PER"), new Span(20, 30, "LOC"));
    assertEquals(List.of(new Span(0, 4, "ORG"), new Span(20, 30, "LOC")), DictionaryPrelabeler.merge(model, dictionary));
  }
}
