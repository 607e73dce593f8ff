package org.labelloop.learn.bench;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.strategy.QueryStrategy;
import org.labelloop.learn.strategy.Strategies;

/**
 * Query-strategy timing: {@code RankingThroughput [N] [CLASSES] [DIM] [BATCH]} ranks N candidates with random class
 * distributions (and random unit vectors of DIM for {@code diverse} and {@code cold-start}) and prints the median of 5
 * timed runs per strategy after 2 warm-up runs. Not a unit test.
 */
public final class RankingThroughput {
  private RankingThroughput() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int k = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    int dim = args.length > 2 ? Integer.parseInt(args[2]) : 384;
    int batch = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    SplittableRandom rnd = new SplittableRandom(1);
    double[][] p = new double[n][k];
    float[][] v = new float[n][dim];
    for (int i = 0; i < n; i++) {
      double sum = 0;
      for (int c = 0; c < k; c++) sum += p[i][c] = -Math.log(1 - rnd.nextDouble()); // Dirichlet(1, ..., 1)
      for (int c = 0; c < k; c++) p[i][c] /= sum;
      double norm = 0;
      for (int d = 0; d < dim; d++) norm += (v[i][d] = (float) rnd.nextGaussian()) * v[i][d];
      for (int d = 0; d < dim; d++) v[i][d] /= (float) Math.sqrt(norm);
    }
    Candidates withVectors = Candidates.of(p).withVectors(v);
    for (String name : Strategies.names()) {
      QueryStrategy s = Strategies.named(name);
      double[] ms = new double[7];
      for (int run = 0; run < ms.length; run++) {
        long t0 = System.nanoTime();
        int[] picked = s.select(withVectors, batch, new SplittableRandom(run));
        ms[run] = (System.nanoTime() - t0) / 1e6;
        if (picked.length != batch) throw new IllegalStateException(name + " picked " + picked.length);
      }
      double[] timed = Arrays.copyOfRange(ms, 2, ms.length);
      Arrays.sort(timed);
      System.out.printf("%-17s %,d candidates, %d classes, dim %d, batch %d: median %.0f ms (min %.0f, max %.0f)%n",
          name, n, k, dim, batch, timed[2], timed[0], timed[4]);
    }
  }
}
