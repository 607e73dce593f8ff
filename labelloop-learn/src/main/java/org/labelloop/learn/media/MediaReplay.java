package org.labelloop.learn.media;

import java.util.List;
import java.util.stream.IntStream;
import org.labelloop.learn.learner.Learner;
import org.labelloop.learn.simulate.Replay;
import org.labelloop.learn.tabular.TabularReplay;

/**
 * Images' and audio's side of a replay: the tables' replay over the items' vectors ({@link MediaTable}: pool rows
 * first, then test rows, scaled on the pool), with every vector handed to the strategies that cluster (diverse batch,
 * cold start) however wide it is.
 */
public final class MediaReplay implements Replay {
  private final TabularReplay table;
  private final float[][] vectors;

  /** @param labels one per row of {@code vectors}, whose first {@code poolSize} rows are the pool */
  public MediaReplay(float[][] vectors, List<String> labels, int poolSize, List<Learner> space, long seed) {
    MediaTable t = MediaTable.of(vectors, IntStream.range(0, poolSize).toArray());
    this.table = new TabularReplay(t.table(), t.schema(), labels, poolSize, space, seed);
    this.vectors = t.standardised();
  }

  @Override public int poolSize() { return table.poolSize(); }

  @Override public List<String> metrics() { return table.metrics(); }

  @Override public String quality() { return table.quality(); }

  @Override public Round round(int[] labeled, int[] unlabeled) {
    Round r = table.round(labeled, unlabeled);
    return new Round(r.metrics(), r.unlabeled().withVectors(IntStream.of(unlabeled).mapToObj(i -> vectors[i]).toArray(float[][]::new)));
  }
}
