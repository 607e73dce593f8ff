package org.labelloop.store;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashMap;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Reuses prepared statements per physical SQLite connection. The driver has no statement cache and compiling a query
 * (the queue claim is a two-branch CTE) costs as much CPU as running it, on the single writer's critical path; the
 * PostgreSQL driver caches server-side statements itself. Statements are prepared on the unwrapped connection so the
 * pool does not close them when the connection goes back; a statement is checked out while in use (nested use of the
 * same SQL gets a fresh one) and reset before it is checked back in.
 */
final class CachedStatements implements StatementBuilderFactory {
  private static final int MAX_PER_SQL = 2;
  private static final int MAX_SQL = 128;

  /** The SQLite pool is fixed, so this holds a few entries; closed connections are dropped when more appear. */
  private final Map<Connection, Cache> byConnection = Collections.synchronizedMap(new HashMap<>());

  @Override
  public StatementBuilder createStatementBuilder(Connection connection) {
    Connection raw;
    try {
      raw = connection.unwrap(org.sqlite.SQLiteConnection.class);
    } catch (SQLException e) {
      return new DefaultStatementBuilder();
    }
    if (byConnection.size() > 32) {
      synchronized (byConnection) {
        byConnection.keySet().removeIf(CachedStatements::isClosed);
      }
    }
    // one thread uses a connection at a time, so the per-connection map needs no lock of its own
    return new Builder(raw, byConnection.computeIfAbsent(raw, c -> new Cache()));
  }

  private static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** Free statements by (parsed) SQL, and the SQL of those in use: Jdbi closes with the unparsed SQL. */
  private static final class Cache {
    final Map<String, ArrayDeque<PreparedStatement>> free =
        new LinkedHashMap<>(32, 0.75f, true) { // least recently used SQL goes first
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, ArrayDeque<PreparedStatement>> eldest) {
            if (size() <= MAX_SQL) {
              return false;
            }
            for (PreparedStatement statement : eldest.getValue()) {
              try {
                statement.close();
              } catch (SQLException ignored) {
                // closing a cached statement that is already unusable
              }
            }
            return true;
          }
        };
    final Map<Statement, String> inUse = new java.util.IdentityHashMap<>();
  }

  static final class Builder extends DefaultStatementBuilder {
    private final Connection raw;
    private final Cache cache;

    Builder(Connection raw, Cache cache) {
      this.raw = raw;
      this.cache = cache;
    }

    @Override
    public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
      if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
        return super.create(conn, sql, ctx);
      }
      return checkOut(sql);
    }

    @Override
    public void close(Connection conn, String unparsedSql, Statement statement) throws SQLException {
      if (statement == null || !cache.inUse.containsKey(statement)) {
        super.close(conn, unparsedSql, statement);
        return;
      }
      checkIn((PreparedStatement) statement);
    }

    /** A statement of this connection for the SQL, from the cache or newly prepared; give it back with {@link #checkIn}. */
    PreparedStatement checkOut(String sql) throws SQLException {
      ArrayDeque<PreparedStatement> free = cache.free.get(sql);
      PreparedStatement statement = free == null ? null : free.poll();
      while (statement != null && statement.isClosed()) {
        statement = free.poll();
      }
      statement = statement != null ? statement : raw.prepareStatement(sql);
      cache.inUse.put(statement, sql);
      return statement;
    }

    /** Resets a statement from {@link #checkOut} and keeps it for the next use of its SQL (or closes it). */
    void checkIn(PreparedStatement statement) throws SQLException {
      String sql = cache.inUse.remove(statement);
      if (sql == null || statement.isClosed()) {
        statement.close();
        return;
      }
      statement.clearParameters();
      statement.clearBatch();
      ArrayDeque<PreparedStatement> free = cache.free.computeIfAbsent(sql, s -> new ArrayDeque<>());
      if (free.size() >= MAX_PER_SQL) {
        statement.close();
      } else {
        free.push(statement);
      }
    }

    @Override
    public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
      return super.createCall(conn, sql, ctx);
    }
  }
}
