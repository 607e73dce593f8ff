package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.store.Fixtures.NOW;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.TableSchemaService.ColumnChange;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.ImportFormat;
import org.labelloop.core.io.ImportOptions;
import org.labelloop.core.io.ImportReport;
import org.labelloop.core.io.TablePreview;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Project;
import org.labelloop.core.project.ProjectDraft;
import org.labelloop.core.user.Caller;
import org.labelloop.learn.tabular.ColumnRole;
import org.labelloop.learn.tabular.ColumnType;
import org.labelloop.learn.tabular.TableSchema;

/** CSV and JSON Lines into a TABULAR project: typed columns inferred once, stored, enforced and overridden. */
class TabularImportIT extends OnBothDatabases {
  private static final String WINES = """
      id,alcohol,color,organic,bottled,notes,label
      w1,9.4,red,yes,2024-01-31,dry and light,SPORT
      w2,,white,no,2024-02-01,,POLITICS
      w3,12.5,red,NA,,"long, oaky finish",
      """;

  private Project project;
  private Caller admin;

  @BeforeEach
  void newProject() {
    admin = Fixtures.admin(db);
    project = db.projects().create(new ProjectDraft("Wines", "rows", InputType.TABULAR, Fixtures.classification()), NOW);
  }

  private ImportReport importCsv(String csv, boolean skip) {
    return app.assets().importFile(admin, project.id(), in(csv), new ImportOptions(ImportFormat.CSV, null, null, null, skip));
  }

  private static ByteArrayInputStream in(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private String content(String externalId) {
    return db.assets().findByExternalId(project.id(), externalId).orElseThrow().content();
  }

  @Test
  void firstImportInfersAndStoresTypedColumnsWithMissingValues() {
    assertEquals(3, importCsv(WINES, false).imported());
    TableSchema schema = app.tableSchemas().get(admin, project.id());
    assertEquals(List.of("alcohol", "color", "organic", "bottled", "notes", "label"),
        schema.columns().stream().map(c -> c.name()).toList());
    assertEquals(ColumnType.NUMERIC, schema.column("alcohol").type());
    assertEquals(ColumnType.CATEGORICAL, schema.column("color").type());
    assertEquals(ColumnType.BOOLEAN, schema.column("organic").type());
    assertEquals(ColumnType.DATE, schema.column("bottled").type());
    assertEquals(ColumnRole.LABEL, schema.column("label").role());
    assertEquals("{\"alcohol\":9.4,\"color\":\"red\",\"organic\":true,\"bottled\":\"2024-01-31\",\"notes\":\"dry and light\"}",
        content("w1"));
    assertEquals("{\"alcohol\":null,\"color\":\"white\",\"organic\":false,\"bottled\":\"2024-02-01\",\"notes\":null}", content("w2"));
  }

  @Test
  void aWordInANumericColumnIsARowErrorOnItsLine() {
    importCsv(WINES, false);
    LabelloopException e = assertThrows(LabelloopException.class,
        () -> importCsv("id,alcohol,color\nw4,10.1,red\nw5,strong,red\n", false));
    assertTrue(e.getMessage().contains("line 3: column 'alcohol' is numeric and expects a number, got 'strong'"), e.getMessage());
    ImportReport skipped = importCsv("id,alcohol,color\nw4,10.1,red\nw5,strong,red\n", true);
    assertEquals(1, skipped.imported());
    assertEquals(3, skipped.errors().getFirst().line());
  }

  @Test
  void jsonLinesRowsAreTypedByTheStoredSchema() {
    importCsv(WINES, false);
    ImportReport report = app.assets().importFile(admin, project.id(),
        in("{\"id\":\"j1\",\"alcohol\":\"11\",\"color\":\"white\",\"label\":\"SPORT\"}\n{\"id\":\"j2\",\"alcohol\":13.25,\"organic\":\"y\"}\n"),
        new ImportOptions(ImportFormat.JSONL, null, null, null, false));
    assertEquals(2, report.imported());
    assertEquals("{\"alcohol\":11,\"color\":\"white\"}", content("j1"));
    assertEquals("{\"alcohol\":13.25,\"organic\":true}", content("j2"));
  }

  @Test
  void anAssetsContentObjectIsItsRowSoAColumnMayBeNamedLikeAnAssetField() {
    ImportReport report = app.assets().importFile(admin, project.id(),
        in("[{\"externalId\":\"c1\",\"content\":{\"alcohol\":\"9.5\",\"priority\":\"high\"},\"metadata\":{\"batch\":1},\"label\":\"SPORT\"},"
            + "{\"externalId\":\"c2\",\"content\":{\"alcohol\":12,\"priority\":\"low\"}}]"),
        new ImportOptions(ImportFormat.JSON, null, null, null, false));
    assertEquals(2, report.imported());
    assertEquals(List.of("alcohol", "priority", "label"),
        app.tableSchemas().get(admin, project.id()).columns().stream().map(c -> c.name()).toList());
    assertEquals(ColumnType.NUMERIC, app.tableSchemas().get(admin, project.id()).column("alcohol").type());
    assertEquals("{\"alcohol\":9.5,\"priority\":\"high\"}", content("c1"));
  }

  @Test
  void previewShowsTheInferredSchemaAndFirstRowsWithoutImporting() {
    TablePreview preview = app.tableSchemas().preview(admin, project.id(), in(WINES), new ImportOptions(ImportFormat.CSV, null, null, null, false));
    assertEquals(ColumnType.NUMERIC, preview.schema().column("alcohol").type());
    assertEquals(3, preview.rows().size());
    assertEquals("w3", preview.rows().get(2).externalId());
    assertEquals(0, db.projects().stats(project.id()).assetsByStatus().values().stream().mapToLong(Long::longValue).sum());
  }

  @Test
  void patchRetypesAndReRolesColumnsButRefusesATypeAStoredValueDoesNotFit() {
    importCsv(WINES, false);
    TableSchema changed = app.tableSchemas().patch(admin, project.id(),
        List.of(new ColumnChange("alcohol", ColumnType.CATEGORICAL, null), new ColumnChange("notes", null, ColumnRole.IGNORE)));
    assertEquals(ColumnType.CATEGORICAL, changed.column("alcohol").type());
    assertEquals(ColumnRole.IGNORE, app.tableSchemas().get(admin, project.id()).column("notes").role());
    LabelloopException e = assertThrows(LabelloopException.class, () -> app.tableSchemas().patch(admin, project.id(),
        List.of(new ColumnChange("color", ColumnType.NUMERIC, null))));
    assertTrue(e.getMessage().contains("column 'color' is numeric and expects a number, got 'red'"), e.getMessage());
    assertEquals(ColumnType.CATEGORICAL, app.tableSchemas().get(admin, project.id()).column("color").type());
  }

  @Test
  void aColumnMadeTheLabelIsReadAsTheLabelByLaterImports() {
    importCsv("id,alcohol,kind\nw1,9.4,SPORT\n", false);
    app.tableSchemas().patch(admin, project.id(), List.of(new ColumnChange("kind", null, ColumnRole.LABEL)));
    importCsv("id,alcohol,kind\nw2,10.5,POLITICS\n", false);
    assertEquals("{\"alcohol\":10.5}", content("w2"));
    String w2 = db.assets().findByExternalId(project.id(), "w2").orElseThrow().id();
    assertEquals(1, db.labels().forAssets(List.of(w2)).get(w2).size());
  }

  @Test
  void onlyATabularProjectHasASchema() {
    Project text = Fixtures.project(db);
    assertThrows(LabelloopException.class, () -> app.tableSchemas().get(admin, text.id()));
  }
}
