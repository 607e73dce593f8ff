package org.labelloop.core.asset;

import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labelloop.core.Ports;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.AssetImporter;
import org.labelloop.core.io.ImportLimits;
import org.labelloop.core.io.ImportOptions;
import org.labelloop.core.io.TablePreview;
import org.labelloop.core.io.TableRows;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;
import org.labelloop.learn.tabular.Column;
import org.labelloop.learn.tabular.ColumnRole;
import org.labelloop.learn.tabular.ColumnType;
import org.labelloop.learn.tabular.Table;
import org.labelloop.learn.tabular.TableSchema;

/**
 * The typed columns of a TABULAR project: inferred at its first import (previewed before it), read by its members,
 * changed column by column by its admins. A new type must read every stored value of the column.
 */
public final class TableSchemaService {
  static final int PREVIEW_ROWS = 10;

  private final Ports ports;
  private final Access access;
  private final Clock clock;
  private final ImportLimits limits;

  public TableSchemaService(Ports ports, Access access, Clock clock, ImportLimits limits) {
    this.ports = ports;
    this.access = access;
    this.clock = clock;
    this.limits = limits;
  }

  public TableSchema get(Caller caller, String projectId) {
    tabular(access.requireProject(caller, projectId, Role.LABELER).project());
    return ports.tableSchemas().find(projectId).orElseThrow(() -> LabelloopException.notFound(
        "A schema of project " + projectId + " (it is inferred at the first import; POST a file to /schema/preview to see it before)"));
  }

  /** The schema and first rows that importing {@code in} would give, read without writing anything. */
  public TablePreview preview(Caller caller, String projectId, InputStream in, ImportOptions options) {
    tabular(access.requireProject(caller, projectId, Role.ADMIN).project());
    return AssetImporter.previewTable(in, options, limits, PREVIEW_ROWS);
  }

  /** A column's new type and/or role (either may be null: unchanged). */
  public record ColumnChange(String name, ColumnType type, ColumnRole role) {}

  /** Applies the changes in order; a type that some stored value does not fit is refused with that asset's id. */
  public TableSchema patch(Caller caller, String projectId, List<ColumnChange> changes) {
    tabular(access.requireProject(caller, projectId, Role.ADMIN).project());
    if (changes.isEmpty()) throw LabelloopException.invalid("columns: give at least one column to change");
    return ports.tx().inTransaction(() -> {
      TableSchema schema = get(caller, projectId);
      boolean retyped = false;
      for (ColumnChange c : changes) {
        Column old;
        try {
          old = schema.column(c.name());
        } catch (IllegalArgumentException e) {
          throw LabelloopException.invalid("columns: no column '" + c.name() + "' (columns: "
              + schema.columns().stream().map(Column::name).toList() + ")");
        }
        Column changed = old.withType(c.type() == null ? old.type() : c.type()).withRole(c.role() == null ? old.role() : c.role());
        retyped |= changed.type() != old.type();
        schema = schema.with(changed);
      }
      if (retyped) checkStoredRows(projectId, schema);
      ports.tableSchemas().save(projectId, schema, clock.instant());
      return schema;
    });
  }

  private void checkStoredRows(String projectId, TableSchema schema) {
    List<AssetText> assets = ports.learning().assets(projectId);
    List<Map<String, String>> rows = assets.stream().map(a -> TableRows.storedCells(a.content())).toList();
    Table table = TableRows.table(schema.columns().stream().map(Column::name).toList(), rows);
    schema.firstBadValue(table).ifPresent(bad -> {
      throw LabelloopException.invalid("columns: asset " + assets.get(bad.row()).id() + ": " + bad.message());
    });
  }

  private static void tabular(Project project) {
    if (project.inputType() != InputType.TABULAR) {
      throw LabelloopException.invalid("Only a TABULAR project has typed columns; this one is "
          + project.inputType().name().toLowerCase(Locale.ROOT));
    }
  }
}
