package org.labelloop.learn.tabular;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/** The kind of values a table column holds, which decides how it is parsed, shown and encoded. */
public enum ColumnType {
  NUMERIC, CATEGORICAL, BOOLEAN, DATE, TEXT;

  private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "none", "?");
  private static final Set<String> TRUE = Set.of("true", "yes", "y", "t");
  private static final Set<String> FALSE = Set.of("false", "no", "n", "f");

  /** Whether a cell holds no value: blank, NA, N/A, NaN, null, None or ?. */
  public static boolean isMissing(String v) {
    return v == null || MISSING.contains(v.strip().toLowerCase(Locale.ROOT));
  }

  /** Whether a present (non-missing) value can be read as this type; categorical and text accept anything. */
  public boolean accepts(String v) {
    return switch (this) {
      case NUMERIC -> !Double.isNaN(number(v));
      case BOOLEAN -> bool(v) != null;
      case DATE -> epochDay(v) != null;
      case CATEGORICAL, TEXT -> true;
    };
  }

  /** What a value of this type looks like, for error messages. */
  public String expected() {
    return switch (this) {
      case NUMERIC -> "a number";
      case BOOLEAN -> "true/false or yes/no";
      case DATE -> "an ISO date (2024-01-31, optionally with a time)";
      case CATEGORICAL, TEXT -> "any text";
    };
  }

  /** The number in {@code v}, or NaN when it is not one (infinities are not numbers here). */
  public static double number(String v) {
    String s = v.strip();
    if (s.isEmpty() || !(Character.isDigit(s.charAt(s.length() - 1)) || s.endsWith("."))) return Double.NaN;
    try {
      double d = Double.parseDouble(s);
      return Double.isFinite(d) ? d : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** {@code true}, {@code false}, or null when {@code v} is not a boolean word. */
  public static Boolean bool(String v) {
    String s = v.strip().toLowerCase(Locale.ROOT);
    return TRUE.contains(s) ? Boolean.TRUE : FALSE.contains(s) ? Boolean.FALSE : null;
  }

  /** The date of an ISO date or date-time (a space may separate date and time), or null when it is not one. */
  public static LocalDate date(String v) {
    String s = v.strip();
    try {
      if (s.length() == 10) return LocalDate.parse(s);
      String t = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
      try {
        return LocalDateTime.parse(t).toLocalDate();
      } catch (DateTimeParseException e) {
        return OffsetDateTime.parse(t).toLocalDate();
      }
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Long epochDay(String v) {
    LocalDate d = date(v);
    return d == null ? null : d.toEpochDay();
  }
}
