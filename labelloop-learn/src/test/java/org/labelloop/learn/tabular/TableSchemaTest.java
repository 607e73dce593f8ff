package org.labelloop.learn.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSchemaTest {
  static Table table(String header, String... rows) {
    List<List<String>> r = new ArrayList<>();
    for (String row : rows) r.add(Arrays.asList(row.split("\\|", -1)));
    return new Table(Arrays.asList(header.split("\\|")), r);
  }

  @Test
  void infersEachTypeFromPresentValuesAndRolesFromNames() {
    Table t = table("id|price|member|since|colour|review|label",
        "a1|1.5|yes|2024-01-31|red|the box arrived broken and nobody answered my mails|bad",
        "a2||no|2024-02-01 10:00:00|blue|great value, would buy again without a doubt|good",
        "a3|-2e3|NA|2023-12-24T08:30:00Z|red|it works but the manual is missing entirely|bad",
        "a4|7|Y||?|quick delivery, polite courier, nice packaging|good");
    TableSchema s = TableSchema.infer(t, "label");
    assertEquals(List.of(ColumnType.CATEGORICAL, ColumnType.NUMERIC, ColumnType.BOOLEAN, ColumnType.DATE,
        ColumnType.CATEGORICAL, ColumnType.TEXT, ColumnType.CATEGORICAL), s.columns().stream().map(Column::type).toList());
    assertEquals(List.of(ColumnRole.ID, ColumnRole.FEATURE, ColumnRole.FEATURE, ColumnRole.FEATURE, ColumnRole.FEATURE,
        ColumnRole.FEATURE, ColumnRole.LABEL), s.columns().stream().map(Column::role).toList());
    assertEquals(List.of("price", "member", "since", "colour", "review"), s.features().stream().map(Column::name).toList());
  }

  @Test
  void zeroOneStaysNumericAndManyDistinctLongStringsAreText() {
    assertEquals(ColumnType.NUMERIC, TableSchema.inferType(List.of("0", "1", "1", "0")));
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 60; i++) words.add("w" + i);
    assertEquals(ColumnType.TEXT, TableSchema.inferType(words), "60 distinct values in 60 rows do not repeat");
    assertEquals(ColumnType.CATEGORICAL, TableSchema.inferType(List.of("", "NA", "null")), "nothing present");
  }

  @Test
  void firstBadValueIsTheEarliestRowWhateverItsColumn() {
    Table t = table("a|b", "1|2", "3|x", "y|4");
    TableSchema s = new TableSchema(List.of(new Column("a", ColumnType.NUMERIC, ColumnRole.FEATURE),
        new Column("b", ColumnType.NUMERIC, ColumnRole.FEATURE)));
    TableSchema.BadValue bad = s.firstBadValue(t).orElseThrow();
    assertEquals(1, bad.row());
    assertEquals("b", bad.column().name());
    assertEquals("column 'b' is numeric and expects a number, got 'x'", bad.message());
    assertTrue(s.with(s.column("b").withType(ColumnType.CATEGORICAL)).with(s.column("a").withType(ColumnType.TEXT))
        .firstBadValue(t).isEmpty());
  }

  @Test
  void aNewLabelDemotesTheOldOne() {
    TableSchema s = TableSchema.infer(table("a|b", "1|x", "2|y"), "b");
    TableSchema t = s.with(s.column("a").withRole(ColumnRole.LABEL));
    assertEquals("a", t.label().orElseThrow().name());
    assertEquals(ColumnRole.IGNORE, t.column("b").role());
  }
}
