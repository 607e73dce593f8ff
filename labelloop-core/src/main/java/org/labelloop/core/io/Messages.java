package org.labelloop.core.io;

/**
 * Text from an import file (a name, a header, a parser's complaint quoting a line) goes into error messages and logs
 * only cut short and with control characters replaced, so a hostile file can neither flood a log nor forge lines in it.
 */
final class Messages {
  private static final int MAX_CHARS = 200;

  private Messages() {}

  /** At most 200 characters of {@code s}, control characters shown as '?'. */
  static String printable(String s) {
    if (s == null) {
      return "";
    }
    String cut = s.length() > MAX_CHARS ? s.substring(0, MAX_CHARS) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  /** The innermost cause's message, printable; a decoding error says so. */
  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && !(t instanceof Utf8Reader.BadText)) {
      t = t.getCause();
    }
    if (t instanceof Utf8Reader.BadText bad) {
      return bad.reason();
    }
    if (t instanceof java.nio.charset.CharacterCodingException) {
      return "the file is not valid UTF-8";
    }
    return printable(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
  }

  /** The line a decoding error names, if the exception (or a cause) is one; else {@code fallback}. */
  static long lineOf(Throwable e, long fallback) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Utf8Reader.BadText bad) {
        return bad.line();
      }
    }
    return fallback;
  }
}
