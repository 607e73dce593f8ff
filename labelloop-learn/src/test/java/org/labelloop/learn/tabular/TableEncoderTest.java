package org.labelloop.learn.tabular;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.labelloop.learn.tabular.TableSchemaTest.table;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.feature.SparseMatrix;

class TableEncoderTest {
  private static TableSchema schema(Column... c) { return new TableSchema(List.of(c)); }

  private static Column feature(String name, ColumnType t) { return new Column(name, t, ColumnRole.FEATURE); }

  @Test
  void numericsAreStandardisedAndMissingValuesGetTheMeanAndAnIndicator() {
    Table t = table("x", "1", "3", "", "5");
    TableEncoder e = TableEncoder.fit(t, schema(feature("x", ColumnType.NUMERIC)), new int[] {0, 1, 2, 3}, 20);
    float[][] d = e.transform(t).toDense();
    double sd = Math.sqrt(8 / 3.0);
    assertEquals(-2 / sd, d[0][0], 1e-6);
    assertEquals(0, d[1][0], 1e-6);
    assertArrayEquals(new float[] {0, 1}, d[2]);
    assertEquals(0, d[3][1]);
  }

  @Test
  void aLongTailedNonNegativeColumnIsStandardisedOnALogScale() {
    Table t = table("amount", "0", "1", "3", "7", "1000");
    float[][] d = TableEncoder.fit(t, schema(feature("amount", ColumnType.NUMERIC)), new int[] {0, 1, 2, 3, 4}, 20)
        .transform(t).toDense();
    double[] logs = {0, Math.log(2), Math.log(4), Math.log(8), Math.log(1001)};
    double mean = java.util.Arrays.stream(logs).average().orElseThrow();
    double sd = Math.sqrt(java.util.Arrays.stream(logs).map(v -> (v - mean) * (v - mean)).average().orElseThrow());
    for (int i = 0; i < logs.length; i++) assertEquals((logs[i] - mean) / sd, d[i][0], 1e-5);
  }

  @Test
  void categoriesAreCappedIntoAnOtherBucketWhichAlsoTakesUnseenValues() {
    Table t = table("c", "a", "a", "a", "b", "b", "c", "NA", "zzz");
    // fitted on the first seven rows: two kept levels, 'c' is other, NA is missing; 'zzz' is unseen
    TableEncoder e = TableEncoder.fit(t, schema(feature("c", ColumnType.CATEGORICAL)), IntStream.range(0, 7).toArray(), 2);
    float[][] d = e.transform(t).toDense();
    assertEquals(4, d[0].length, "a, b, (other), (missing)");
    assertArrayEquals(new float[] {1, 0, 0, 0}, d[0]);
    assertArrayEquals(new float[] {0, 1, 0, 0}, d[3]);
    assertArrayEquals(new float[] {0, 0, 1, 0}, d[5]);
    assertArrayEquals(new float[] {0, 0, 0, 1}, d[6]);
    assertArrayEquals(new float[] {0, 0, 1, 0}, d[7]);
  }

  @Test
  void booleansDatesAndTextEachBecomeTheirColumns() {
    Table t = table("b|d|note", "yes|2024-01-01|broken screen", "no|2024-07-01|screen cracked again", "|2024-01-08|fine");
    TableEncoder e = TableEncoder.fit(t, schema(feature("b", ColumnType.BOOLEAN), feature("d", ColumnType.DATE),
        feature("note", ColumnType.TEXT)), new int[] {0, 1, 2}, 20);
    SparseMatrix x = e.transform(t);
    int[] src = e.sourceOfFeatures();
    assertEquals(x.cols(), src.length);
    assertEquals(2, IntStream.of(src).filter(s -> s == 0).count(), "value and missing indicator");
    assertEquals(3, IntStream.of(src).filter(s -> s == 1).count(), "day, month, weekday");
    assertTrue(IntStream.of(src).filter(s -> s == 2).count() >= 1, "words of the notes");
    float[][] d = x.toDense();
    assertEquals(1, d[0][0]);
    assertEquals(0, d[1][0]);
    assertEquals(1, d[2][1], "missing indicator");
    assertTrue(d[1][3] > d[0][3], "July is a later month than January");
    assertEquals("tab(bool1+date1+text1)", e.shortName());
  }
}
