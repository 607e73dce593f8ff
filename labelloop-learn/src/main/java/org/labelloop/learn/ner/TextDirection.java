package org.labelloop.learn.ner;

/** Detects right-to-left text by its first strong directional character (Unicode bidi rule P2). */
public final class TextDirection {
  private TextDirection() {}

  public static boolean isRightToLeft(String text) {
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      byte d = Character.getDirectionality(cp);
      if (d == Character.DIRECTIONALITY_RIGHT_TO_LEFT || d == Character.DIRECTIONALITY_RIGHT_TO_LEFT_ARABIC) return true;
      if (d == Character.DIRECTIONALITY_LEFT_TO_RIGHT) return false;
      i += Character.charCount(cp);
    }
    return false;
  }
}
