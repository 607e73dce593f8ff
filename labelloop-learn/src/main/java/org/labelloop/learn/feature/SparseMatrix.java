package org.labelloop.learn.feature;

import java.io.Serializable;
import java.util.Arrays;

/**
 * An immutable compressed-sparse-row matrix of floats: the one feature representation every learner accepts.
 *
 * <p>Dense features (embeddings) are stored as full rows; that costs little next to the n-gram blocks and keeps a
 * single code path for combined sparse + dense features.
 */
public final class SparseMatrix implements Serializable {
  private final int[] rowPtr;
  private final int[] cols;
  private final float[] vals;
  private final int nCols;

  public SparseMatrix(int[] rowPtr, int[] cols, float[] vals, int nCols) {
    if (rowPtr.length == 0 || rowPtr[0] != 0 || rowPtr[rowPtr.length - 1] != cols.length || cols.length != vals.length) {
      throw new IllegalArgumentException("malformed CSR arrays");
    }
    this.rowPtr = rowPtr;
    this.cols = cols;
    this.vals = vals;
    this.nCols = nCols;
  }

  public int rows() { return rowPtr.length - 1; }
  public int cols() { return nCols; }
  public int nnz() { return cols.length; }
  public int start(int row) { return rowPtr[row]; }
  public int end(int row) { return rowPtr[row + 1]; }
  public int col(int k) { return cols[k]; }
  public float val(int k) { return vals[k]; }

  /** Dot product of a row with a dense weight vector starting at {@code offset}. */
  public double dot(int row, double[] w, int offset) {
    double s = 0;
    for (int k = rowPtr[row], e = rowPtr[row + 1]; k < e; k++) s += vals[k] * w[offset + cols[k]];
    return s;
  }

  /** Squared L2 norm of a row. */
  public double squaredNorm(int row) {
    double s = 0;
    for (int k = rowPtr[row], e = rowPtr[row + 1]; k < e; k++) s += (double) vals[k] * vals[k];
    return s;
  }

  /** The given rows, in the given order. */
  public SparseMatrix rows(int[] idx) {
    int[] rp = new int[idx.length + 1];
    for (int i = 0; i < idx.length; i++) rp[i + 1] = rp[i] + (end(idx[i]) - start(idx[i]));
    int[] c = new int[rp[idx.length]];
    float[] v = new float[c.length];
    for (int i = 0; i < idx.length; i++) {
      int s = start(idx[i]), len = end(idx[i]) - s;
      System.arraycopy(cols, s, c, rp[i], len);
      System.arraycopy(vals, s, v, rp[i], len);
    }
    return new SparseMatrix(rp, c, v, nCols);
  }

  /** Only the given columns (ascending), renumbered {@code 0..kept.length-1}; values are not renormalised. */
  public SparseMatrix columns(int[] kept) {
    int[] map = new int[nCols];
    Arrays.fill(map, -1);
    for (int j = 0; j < kept.length; j++) map[kept[j]] = j;
    int[] rp = new int[rows() + 1];
    int total = 0;
    for (int k = 0; k < cols.length; k++) if (map[cols[k]] >= 0) total++;
    int[] c = new int[total];
    float[] v = new float[total];
    int p = 0;
    for (int r = 0; r < rows(); r++) {
      for (int k = rowPtr[r]; k < rowPtr[r + 1]; k++) {
        if (map[cols[k]] < 0) continue;
        c[p] = map[cols[k]];
        v[p++] = vals[k];
      }
      rp[r + 1] = p;
    }
    return new SparseMatrix(rp, c, v, kept.length);
  }

  /** Dense rows as a matrix (used for embeddings fed to tree learners). */
  public float[][] toDense() {
    float[][] d = new float[rows()][nCols];
    for (int r = 0; r < rows(); r++) for (int k = start(r); k < end(r); k++) d[r][cols[k]] = vals[k];
    return d;
  }

  /** Horizontal concatenation of blocks, each multiplied by its weight. */
  public static SparseMatrix hstack(SparseMatrix[] blocks, double[] weights) {
    int n = blocks[0].rows();
    int[] rp = new int[n + 1];
    int total = 0;
    for (SparseMatrix b : blocks) {
      if (b.rows() != n) throw new IllegalArgumentException("row counts differ");
      total += b.nnz();
    }
    int[] c = new int[total];
    float[] v = new float[total];
    int p = 0;
    for (int r = 0; r < n; r++) {
      int offset = 0;
      for (int bi = 0; bi < blocks.length; bi++) {
        SparseMatrix b = blocks[bi];
        float w = (float) weights[bi];
        for (int k = b.start(r); k < b.end(r); k++) {
          c[p] = b.cols[k] + offset;
          v[p++] = b.vals[k] * w;
        }
        offset += b.nCols;
      }
      rp[r + 1] = p;
    }
    int nc = Arrays.stream(blocks).mapToInt(SparseMatrix::cols).sum();
    return new SparseMatrix(rp, c, v, nc);
  }

  /** A matrix whose rows are the given dense vectors. */
  public static SparseMatrix ofDense(float[][] rows, int dim) {
    int[] rp = new int[rows.length + 1];
    int[] c = new int[rows.length * dim];
    float[] v = new float[rows.length * dim];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != dim) throw new IllegalArgumentException("row " + r + " has dimension " + rows[r].length);
      for (int j = 0; j < dim; j++) {
        c[r * dim + j] = j;
        v[r * dim + j] = rows[r][j];
      }
      rp[r + 1] = (r + 1) * dim;
    }
    return new SparseMatrix(rp, c, v, dim);
  }
}
