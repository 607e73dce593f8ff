package org.labelloop.learn.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TagSchemeTest {
  // "John Smith Paris Rome visited IBM" with PER, two adjacent LOCs, ORG
  private static final NerSentence SENTENCE = NerSentence.ofTokens("s",
      List.of("John", "Smith", "Paris", "Rome", "visited", "IBM"),
      List.of(new Span(0, 10, "PER"), new Span(11, 16, "LOC"), new Span(17, 21, "LOC"), new Span(30, 33, "ORG")));

  @Test
  void encodesIob1WithBOnlyBetweenAdjacentSameTypeEntities() {
    assertEquals(List.of("I-PER", "I-PER", "I-LOC", "B-LOC", "O", "I-ORG"), TagScheme.IOB1.encode(SENTENCE).tags());
  }

  @Test
  void encodesIob2AndBilou() {
    assertEquals(List.of("B-PER", "I-PER", "B-LOC", "B-LOC", "O", "B-ORG"), TagScheme.IOB2.encode(SENTENCE).tags());
    assertEquals(List.of("B-PER", "L-PER", "U-LOC", "U-LOC", "O", "U-ORG"), TagScheme.BILOU.encode(SENTENCE).tags());
  }

  @Test
  void everySchemeRoundTripsSpansWithoutLoss() {
    for (TagScheme scheme : TagScheme.values()) {
      List<String> tags = scheme.encode(SENTENCE).tags();
      assertEquals(SENTENCE.spans(), TagScheme.decode(SENTENCE.tokens(), tags), scheme.name());
    }
  }

  @Test
  void iob1TagsConvertToIob2AndBack() {
    List<String> iob1 = List.of("I-PER", "I-PER", "I-LOC", "B-LOC", "O", "I-ORG");
    NerSentence decoded = SENTENCE.withSpans(TagScheme.decode(SENTENCE.tokens(), iob1));
    assertEquals(List.of("B-PER", "I-PER", "B-LOC", "B-LOC", "O", "B-ORG"), TagScheme.IOB2.encode(decoded).tags());
    assertEquals(iob1, TagScheme.IOB1.encode(decoded).tags());
  }

  @Test
  void decodesLikeConllevalWhenTagsAreInconsistent() {
    List<Token> tokens = SENTENCE.tokens();
    // I- after O starts an entity; a type change starts a new one
    List<Span> spans = TagScheme.decode(tokens, List.of("O", "I-PER", "I-LOC", "O", "O", "O"));
    assertEquals(List.of(new Span(5, 10, "PER"), new Span(11, 16, "LOC")), spans);
  }

  @Test
  void reportsSpanNotOnTokenBoundariesWithItsOffsets() {
    NerSentence s = SENTENCE.withSpans(List.of(new Span(1, 10, "PER"), new Span(30, 33, "ORG")));
    TagScheme.Encoding enc = TagScheme.IOB2.encode(s);
    assertEquals(1, enc.issues().size());
    SpanIssue issue = enc.issues().get(0);
    assertEquals(new Span(1, 10, "PER"), issue.span());
    assertTrue(issue.message().contains("[1, 10)"), issue.message());
    assertEquals("B-ORG", enc.tags().get(5));
  }

  @Test
  void reportsOverlappingSpan() {
    NerSentence s = SENTENCE.withSpans(List.of(new Span(0, 10, "PER"), new Span(5, 16, "LOC")));
    TagScheme.Encoding enc = TagScheme.IOB2.encode(s);
    assertEquals(1, enc.issues().size());
    assertTrue(enc.issues().get(0).reason().contains("overlaps"));
  }
}
