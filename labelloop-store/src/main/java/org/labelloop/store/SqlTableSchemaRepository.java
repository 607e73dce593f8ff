package org.labelloop.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.labelloop.core.port.TableSchemaRepository;
import org.labelloop.learn.tabular.Column;
import org.labelloop.learn.tabular.ColumnRole;
import org.labelloop.learn.tabular.ColumnType;
import org.labelloop.learn.tabular.TableSchema;

/** A TABULAR project's columns as one JSON array of {@code {"name", "type", "role"}}. */
final class SqlTableSchemaRepository implements TableSchemaRepository {
  private final Tx tx;

  SqlTableSchemaRepository(Tx tx) {
    this.tx = tx;
  }

  @Override
  public Optional<TableSchema> find(String projectId) {
    return tx.read(h -> h.createQuery("SELECT columns FROM table_schemas WHERE project_id = :p")
        .bind("p", Ids.parse(projectId))
        .map((rs, ctx) -> schema(Json.read(rs.getString(1))))
        .findOne());
  }

  @Override
  public void save(String projectId, TableSchema schema, Instant now) {
    tx.write(h -> h.createUpdate(
            """
            INSERT INTO table_schemas (project_id, columns, updated_at) VALUES (:p, :c, :now)
            ON CONFLICT (project_id) DO UPDATE SET columns = excluded.columns, updated_at = excluded.updated_at""")
        .bind("p", Ids.parse(projectId)).bind("c", Json.write(json(schema))).bind("now", now.toEpochMilli())
        .execute());
  }

  private static ArrayNode json(TableSchema schema) {
    ArrayNode a = JsonNodeFactory.instance.arrayNode();
    for (Column c : schema.columns()) a.addObject().put("name", c.name()).put("type", c.type().name()).put("role", c.role().name());
    return a;
  }

  private static TableSchema schema(JsonNode columns) {
    List<Column> out = new ArrayList<>();
    for (JsonNode c : columns) {
      out.add(new Column(c.get("name").asText(), ColumnType.valueOf(c.get("type").asText()), ColumnRole.valueOf(c.get("role").asText())));
    }
    return new TableSchema(out);
  }
}
