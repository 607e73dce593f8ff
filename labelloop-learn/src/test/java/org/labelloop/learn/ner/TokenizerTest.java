package org.labelloop.learn.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  private static List<String> texts(List<Token> tokens) { return tokens.stream().map(Token::text).toList(); }

  private static void assertOffsetsExact(String text, List<Token> tokens) {
    for (Token t : tokens) assertEquals(t.text(), text.substring(t.begin(), t.end()));
  }

  @Test
  void splitsWordsAndPunctuationWithExactOffsets() {
    String text = "Mr. John Snow, 42, went to U.K.";
    List<Token> tokens = new Tokenizer(Tokenizer.Mode.WORDS).tokenize(text);
    assertEquals(List.of("Mr", ".", "John", "Snow", ",", "42", ",", "went", "to", "U", ".", "K", "."), texts(tokens));
    assertEquals(4, tokens.get(2).begin());
    assertEquals(13, tokens.get(3).end());
    assertOffsetsExact(text, tokens);
  }

  @Test
  void keepsEmojiSurrogatePairsWholeAndCountsUtf16Offsets() {
    String text = "I 😀 love 👍🏽 Paris";
    List<Token> tokens = new Tokenizer(Tokenizer.Mode.WORDS).tokenize(text);
    assertEquals(List.of("I", "😀", "love", "👍🏽", "Paris"), texts(tokens));
    Token paris = tokens.get(4);
    assertEquals(text.indexOf("Paris"), paris.begin());
    assertEquals(2, tokens.get(1).end() - tokens.get(1).begin(), "one emoji is two UTF-16 units");
    assertOffsetsExact(text, tokens);
  }

  @Test
  void splitsCjkPerCharacterInAutoMode() {
    String text = "我住在北京 and Tokyo東京";
    List<Token> tokens = new Tokenizer(Tokenizer.Mode.AUTO).tokenize(text);
    assertEquals(List.of("我", "住", "在", "北", "京", "and", "Tokyo", "東", "京"), texts(tokens));
    assertOffsetsExact(text, tokens);
  }

  @Test
  void characterModeMakesEveryVisibleCharacterAToken() {
    List<Token> tokens = new Tokenizer(Tokenizer.Mode.CHARACTERS).tokenize("ab c");
    assertEquals(List.of("a", "b", "c"), texts(tokens));
  }

  @Test
  void detectsRightToLeftTextAndKeepsLogicalOffsets() {
    String text = "שלום עולם, ירושלים";
    NerSentence s = new Tokenizer(Tokenizer.Mode.AUTO).sentence("he", text, List.of(new Span(11, 18, "LOC")));
    assertTrue(s.rightToLeft());
    assertEquals(List.of("שלום", "עולם", ",", "ירושלים"), texts(s.tokens()));
    assertEquals("ירושלים", s.spans().get(0).content(text));
    assertFalse(TextDirection.isRightToLeft("123 Hello שלום"));
    assertTrue(TextDirection.isRightToLeft("123 مرحبا"));
  }
}
