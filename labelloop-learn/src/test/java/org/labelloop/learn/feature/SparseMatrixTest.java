package org.labelloop.learn.feature;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SparseMatrixTest {
  @Test
  void hstackOffsetsColumnsAndWeightsBlocks() {
    SparseMatrix a = SparseMatrix.ofDense(new float[][] {{1, 0}, {0, 2}}, 2);
    SparseMatrix b = SparseMatrix.ofDense(new float[][] {{3}, {4}}, 1);
    float[][] d = SparseMatrix.hstack(new SparseMatrix[] {a, b}, new double[] {1, 0.5}).toDense();
    assertArrayEquals(new float[] {1, 0, 1.5f}, d[0]);
    assertArrayEquals(new float[] {0, 2, 2f}, d[1]);
  }

  @Test
  void rowsSelectsInGivenOrder() {
    SparseMatrix a = SparseMatrix.ofDense(new float[][] {{1}, {2}, {3}}, 1);
    SparseMatrix r = a.rows(new int[] {2, 0});
    assertEquals(2, r.rows());
    assertEquals(3f, r.toDense()[0][0]);
    assertEquals(1f, r.toDense()[1][0]);
  }
}
