package org.labelloop.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * Plain JDBC on a Jdbi handle's connection, for the statements every labeler repeats (queue/next and a label submit):
 * Jdbi's per-statement context, configuration copy, binding and mapping cost them about twice SQLite's own work
 * (BENCHMARKS.md "Labels per core"). The SQL keeps Jdbi's {@code :name} parameters, parsed once per text. On SQLite the
 * statement comes from the connection's cache that Jdbi's statements use ({@link CachedStatements}); the PostgreSQL
 * driver caches prepared statements itself. Runs in the handle's transaction like any Jdbi statement on it.
 */
final class PlainStatements {
  /** Sets a statement's parameters by name. */
  interface Binder {
    void bind(Parameters parameters) throws SQLException;
  }

  /** Maps the current row. */
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
  /** Told the SQL of each statement run, for tests that count a use case's statements (as Jdbi's SqlLogger is). */
  private volatile Consumer<String> observer = sql -> {};

  void observe(Consumer<String> observer) {
    this.observer = observer;
  }

  <T> Optional<T> one(Handle h, String sql, Binder binder, Row<T> row) {
    List<T> rows = list(h, sql, binder, row);
    if (rows.size() > 1) {
      throw new IllegalStateException("Expected at most one row, got " + rows.size() + ": " + sql.strip().lines().findFirst().orElse(""));
    }
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  <T> List<T> list(Handle h, String sql, Binder binder, Row<T> row) {
    return run(h, sql, binder, statement -> {
      List<T> rows = new ArrayList<>();
      statement.execute(); // as Jdbi runs a query: also an INSERT or UPDATE … RETURNING on SQLite
      try (ResultSet rs = statement.getResultSet()) {
        while (rs.next()) {
          rows.add(row.map(rs));
        }
      }
      return rows;
    });
  }

  /** The number of rows changed. */
  int update(Handle h, String sql, Binder binder) {
    return run(h, sql, binder, PreparedStatement::executeUpdate);
  }

  private interface Execution<R> {
    R execute(PreparedStatement statement) throws SQLException;
  }

  private <R> R run(Handle h, String sql, Binder binder, Execution<R> execution) {
    Parsed p = parsed.computeIfAbsent(sql, Parsed::of);
    CachedStatements.Builder cache = h.getStatementBuilder() instanceof CachedStatements.Builder b ? b : null;
    try {
      PreparedStatement statement = cache != null ? cache.checkOut(p.jdbcSql()) : h.getConnection().prepareStatement(p.jdbcSql());
      try {
        binder.bind(new Parameters(statement, p.positions()));
        observer.accept(sql);
        return execution.execute(statement);
      } finally {
        if (cache != null) {
          cache.checkIn(statement);
        } else {
          statement.close();
        }
      }
    } catch (SQLException e) {
      throw new StoreException("Statement failed (" + sql.strip().lines().findFirst().orElse("") + ")", e);
    }
  }

  /** A statement's parameters by name; a name used several times in the SQL is set at each place. */
  static final class Parameters {
    private final PreparedStatement statement;
    private final Map<String, int[]> positions;

    private Parameters(PreparedStatement statement, Map<String, int[]> positions) {
      this.statement = statement;
      this.positions = positions;
    }

    Parameters set(String name, long value) throws SQLException {
      return each(name, i -> statement.setLong(i, value));
    }

    Parameters set(String name, boolean value) throws SQLException {
      return each(name, i -> statement.setBoolean(i, value));
    }

    Parameters set(String name, String value) throws SQLException {
      return value == null ? setNull(name, Types.VARCHAR) : each(name, i -> statement.setString(i, value));
    }

    Parameters set(String name, Long value) throws SQLException {
      return value == null ? setNull(name, Types.BIGINT) : set(name, value.longValue());
    }

    Parameters set(String name, Double value) throws SQLException {
      return value == null ? setNull(name, Types.DOUBLE) : each(name, i -> statement.setDouble(i, value));
    }

    private Parameters setNull(String name, int sqlType) throws SQLException {
      return each(name, i -> statement.setNull(i, sqlType));
    }

    private interface Setter {
      void set(int index) throws SQLException;
    }

    /** Sets the parameter at each of the name's places. */
    private Parameters each(String name, Setter setter) throws SQLException {
      for (int i : at(name)) {
        setter.set(i);
      }
      return this;
    }

    private int[] at(String name) {
      int[] at = positions.get(name);
      if (at == null) {
        throw new IllegalArgumentException("No parameter :" + name + " in the statement");
      }
      return at;
    }
  }

  /** SQL with {@code :name} parameters turned into JDBC's {@code ?}, and each name's positions (1-based). */
  record Parsed(String jdbcSql, Map<String, int[]> positions) {
    /** Skips string literals, {@code --} comments and PostgreSQL's {@code ::} casts. */
    static Parsed of(String sql) {
      StringBuilder out = new StringBuilder(sql.length());
      Map<String, List<Integer>> names = new HashMap<>();
      int n = 0;
      for (int i = 0; i < sql.length(); i++) {
        char c = sql.charAt(i);
        if (c == '\'') {
          int end = sql.indexOf('\'', i + 1);
          end = end < 0 ? sql.length() - 1 : end;
          out.append(sql, i, end + 1);
          i = end;
        } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
          int end = sql.indexOf('\n', i);
          end = end < 0 ? sql.length() - 1 : end;
          out.append(sql, i, end + 1);
          i = end;
        } else if (c == ':' && i + 1 < sql.length() && sql.charAt(i + 1) == ':') {
          out.append("::");
          i++;
        } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
          int end = i + 1;
          while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
            end++;
          }
          names.computeIfAbsent(sql.substring(i + 1, end), k -> new ArrayList<>()).add(++n);
          out.append('?');
          i = end - 1;
        } else {
          out.append(c);
        }
      }
      Map<String, int[]> positions = new HashMap<>();
      names.forEach((name, at) -> positions.put(name, at.stream().mapToInt(Integer::intValue).toArray()));
      return new Parsed(out.toString(), Map.copyOf(positions));
    }
  }
}
