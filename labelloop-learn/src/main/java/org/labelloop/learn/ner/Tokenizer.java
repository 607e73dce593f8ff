package org.labelloop.learn.ner;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into tokens with exact UTF-16 offsets. {@link Mode#WORDS} groups letters and digits into words and
 * makes every other visible character (punctuation, symbols, emoji) its own token; {@link Mode#CHARACTERS} makes
 * every visible character a token (languages written without spaces); {@link Mode#AUTO} is WORDS except that CJK
 * ideographs, kana and similar scripts become one token per character. Combining marks, variation selectors,
 * zero-width joiners and emoji modifiers stay attached to the character before them, so offsets never split a
 * surrogate pair or a grapheme's marks.
 */
public final class Tokenizer {
  /** How text is split. */
  public enum Mode { WORDS, CHARACTERS, AUTO }

  private final Mode mode;

  public Tokenizer(Mode mode) { this.mode = java.util.Objects.requireNonNull(mode); }

  public Mode mode() { return mode; }

  public List<Token> tokenize(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int cp = text.codePointAt(i);
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) { i += Character.charCount(cp); continue; }
      int start = i;
      i += Character.charCount(cp);
      if (isWordChar(cp) && !perCharacter(cp)) {
        while (i < n) {
          int c = text.codePointAt(i);
          if ((isWordChar(c) && !perCharacter(c)) || isAttached(c)) i += Character.charCount(c);
          else break;
        }
      } else {
        while (i < n) {
          int c = text.codePointAt(i);
          if (isAttached(c)) { i += Character.charCount(c); if (c == 0x200D && i < n) i += Character.charCount(text.codePointAt(i)); }
          else break;
        }
      }
      out.add(new Token(text.substring(start, i), start, i));
    }
    return out;
  }

  /** Convenience: tokenizes and wraps as an unlabeled sentence. */
  public NerSentence sentence(String id, String text, List<Span> spans) {
    return new NerSentence(id, text, tokenize(text), spans);
  }

  private boolean perCharacter(int cp) {
    return mode == Mode.CHARACTERS || (mode == Mode.AUTO && isCjkLike(cp));
  }

  private static boolean isWordChar(int cp) {
    return Character.isLetterOrDigit(cp) || isAttached(cp);
  }

  private static boolean isAttached(int cp) {
    int t = Character.getType(cp);
    return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK
        || cp == 0x200D || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F);
  }

  /** Scripts usually written without spaces between words. */
  static boolean isCjkLike(int cp) {
    Character.UnicodeScript s = Character.UnicodeScript.of(cp);
    return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA
        || s == Character.UnicodeScript.THAI || s == Character.UnicodeScript.LAO || s == Character.UnicodeScript.KHMER
        || s == Character.UnicodeScript.MYANMAR || s == Character.UnicodeScript.TIBETAN;
  }
}
