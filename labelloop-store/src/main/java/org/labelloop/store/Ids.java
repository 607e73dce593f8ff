package org.labelloop.store;

import java.util.List;
import java.util.function.Function;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.port.Page;

/** Ids are database integers exposed as strings; cursors are the last id of the previous page. */
final class Ids {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private Ids() {}

  /** The id as a number, or -1 (matches no row) when it is not one of ours. */
  static long parse(String id) {
    if (id == null || id.isEmpty() || id.length() > 18) {
      return -1;
    }
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return -1;
      }
    }
    return Long.parseLong(id);
  }

  /** Null when absent; otherwise the id, which must exist (foreign keys reject unknown ones). */
  static Long parseNullable(String id) {
    return id == null ? null : parse(id);
  }

  static long cursor(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return 0;
    }
    long id = parse(cursor.strip());
    if (id < 0) {
      throw LabelloopException.invalid("cursor: '" + cursor + "' is not a cursor from a previous page");
    }
    return id;
  }

  static int limit(int limit) {
    return limit <= 0 ? DEFAULT_LIMIT : Math.min(limit, MAX_LIMIT);
  }

  /** Cuts the look-ahead row (queries fetch limit + 1) and sets the cursor only when there is a next page. */
  static <T> Page<T> page(List<T> rows, int limit, Function<T, String> id) {
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<T> items = rows.subList(0, limit);
    return new Page<>(items, id.apply(items.getLast()));
  }
}
