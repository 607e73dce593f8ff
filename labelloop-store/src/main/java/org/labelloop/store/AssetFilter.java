package org.labelloop.store;

import com.fasterxml.jackson.databind.node.TextNode;
import org.jdbi.v3.core.statement.Query;
import org.labelloop.core.asset.AssetQuery;

/** The WHERE clause of an {@link AssetQuery} on {@code assets a}, from its cursor on, and its bindings. */
final class AssetFilter {
  /**
   * The answer that counts for an asset ({@code ChosenLabel}: its newest REVIEW label, else its newest DEFAULT one that
   * is not a skip), as its JSON text.
   */
  private static final String CHOSEN_ANSWER = "(SELECT l.json_response FROM labels l WHERE l.asset_id = a.id"
      + " AND (l.label_type = 'REVIEW' OR (l.label_type = 'DEFAULT' AND NOT l.skipped))"
      + " ORDER BY CASE WHEN l.label_type = 'REVIEW' THEN 1 ELSE 0 END DESC, l.id DESC LIMIT 1)";

  private AssetFilter() {}

  static String where(AssetQuery query, Dialect dialect) {
    StringBuilder sql = new StringBuilder(" WHERE a.project_id = :projectId AND a.id > :after");
    if (query.status() != null) {
      sql.append(" AND a.status = :status");
    }
    if (query.externalId() != null) {
      sql.append(" AND a.external_id = :externalId");
    }
    if (query.labelType() != null) {
      sql.append(" AND EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id AND l.label_type = :labelType)");
    }
    AssetQuery.Match match = query.match();
    if (match != null && match.text() != null) {
      // SQLite's LIKE ignores the case of ASCII letters only; its lower() would not help, as it folds nothing else either.
      String like = dialect == Dialect.POSTGRESQL ? " ILIKE " : " LIKE ";
      sql.append(" AND (a.external_id").append(like).append(":text ESCAPE '!'");
      if (match.textInContent()) {
        sql.append(" OR a.content").append(like).append(":text ESCAPE '!'");
      }
      sql.append(')');
    }
    if (match != null && match.category() != null) {
      // Answers are stored as compact JSON, where a chosen category is written exactly as "name":"ID".
      sql.append(" AND ").append(dialect == Dialect.POSTGRESQL ? "strpos" : "instr").append('(').append(CHOSEN_ANSWER)
          .append(", :category) > 0");
    }
    if (match != null && match.labeledBy() != null) {
      sql.append(" AND EXISTS (SELECT 1 FROM labels l WHERE l.asset_id = a.id AND l.author_id = :labeledBy")
          .append(" AND l.label_type = 'DEFAULT' AND NOT l.skipped)");
    }
    return sql.toString();
  }

  static Query bind(Query q, AssetQuery query) {
    q.bind("projectId", Ids.parse(query.projectId())).bind("after", Ids.cursor(query.cursor()));
    if (query.status() != null) {
      q.bind("status", query.status().name());
    }
    if (query.externalId() != null) {
      q.bind("externalId", query.externalId());
    }
    if (query.labelType() != null) {
      q.bind("labelType", query.labelType().name());
    }
    AssetQuery.Match match = query.match();
    if (match != null && match.text() != null) {
      // '!' escapes LIKE's wildcards: Jdbi's parser would read a backslash in a literal as escaping its closing quote.
      q.bind("text", "%" + match.text().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }
    if (match != null && match.category() != null) {
      q.bind("category", "\"name\":" + Json.write(TextNode.valueOf(match.category())));
    }
    if (match != null && match.labeledBy() != null) {
      q.bind("labeledBy", Ids.parse(match.labeledBy()));
    }
    return q;
  }
}
