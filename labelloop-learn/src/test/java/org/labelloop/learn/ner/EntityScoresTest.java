package org.labelloop.learn.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EntityScoresTest {
  @Test
  void countsOnlyExactSpanAndTypeMatchesMicroAveraged() {
    List<List<Span>> gold = List.of(List.of(new Span(0, 4, "PER"), new Span(10, 15, "LOC")), List.of(new Span(0, 3, "ORG")));
    List<List<Span>> pred = List.of(List.of(new Span(0, 4, "PER"), new Span(10, 14, "LOC")), List.of(new Span(0, 3, "LOC")));
    EntityScores s = EntityScores.evaluate(gold, pred);
    assertEquals(new Prf(1, 2, 2), s.overall());
    assertEquals(1.0 / 3, s.overall().precision(), 1e-12);
    assertEquals(1.0 / 3, s.overall().recall(), 1e-12);
    assertEquals(new Prf(1, 0, 0), s.perType().get("PER"));
    assertEquals(new Prf(0, 2, 1), s.perType().get("LOC"));
    assertEquals(new Prf(0, 0, 1), s.perType().get("ORG"));
  }
}
