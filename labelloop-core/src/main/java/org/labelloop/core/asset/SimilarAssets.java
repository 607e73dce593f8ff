package org.labelloop.core.asset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.labelloop.core.Ports;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.TableRows;
import org.labelloop.core.learning.EmbeddingRepository.ModelVector;
import org.labelloop.core.port.Page;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;
import org.labelloop.learn.feature.SparseMatrix;

/**
 * The assets most like a given one: a reviewer who found one wrong label asks whether its neighbours share the mistake,
 * a labeler wants more examples of a rare class, near-duplicates show up at the top. Texts, images and audio are
 * compared by the cosine of their stored vectors centred on the project's mean (those the learning loop uses: never a
 * file name), table rows by the cosine of their encoded columns, as the table's models see them. Exhaustive: every
 * asset of the project is compared on each call (it reads every vector; no index to keep in step with imports).
 */
public final class SimilarAssets {
  public static final int MAX_LIMIT = 100;

  private final Ports ports;
  private final Access access;

  public SimilarAssets(Ports ports, Access access) {
    this.ports = ports;
    this.access = access;
  }

  /** One neighbour, {@code similarity} the cosine in [-1, 1] (1: the same direction, e.g. a duplicate). */
  public record Similar(Asset asset, double similarity) {}

  /** The neighbours, most similar first, and what they were compared by. */
  public record Neighbours(String comparedBy, List<Similar> items) {}

  /**
   * The {@code limit} (at most {@link #MAX_LIMIT}) assets of the project most like asset {@code assetId}, of
   * {@code status} (null: any), itself left out.
   */
  public Neighbours of(Caller caller, String projectId, String assetId, AssetStatus status, int limit) {
    Project project = access.requireProject(caller, projectId, Role.LABELER).project();
    limit = Math.min(limit, MAX_LIMIT);
    Asset asset = ports.assets().find(projectId, assetId)
        .orElseThrow(() -> LabelloopException.notFound("Asset " + assetId + " in this project"));
    return project.inputType() == InputType.TABULAR ? rows(projectId, asset, status, limit) : vectors(project, asset, status, limit);
  }

  private Neighbours vectors(Project project, Asset asset, AssetStatus status, int limit) {
    ModelVector query = ports.embeddings().vector(asset.id()).filter(v -> v.vector().length > 0)
        .orElseThrow(() -> LabelloopException.conflict("Asset " + asset.externalId() + " has no vector to compare yet: the server"
            + " computes them in the background after an import (none when it runs with --no-embeddings)"
            + (project.inputType() == InputType.TEXT ? "" : ", and none for a file it cannot decode")));
    List<String> ids = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    ports.embeddings().vectors(project.id(), query.model(), false).forEach((id, v) -> {
      if (!id.equals(asset.id()) && v.length == query.vector().length) {
        ids.add(id);
        vectors.add(v);
      }
    });
    // centred on the project's mean: an encoder's vectors share a large common part (an image encoder's are all
    // positive), which leaves every raw cosine near 1
    double[] mean = new double[query.vector().length];
    for (float[] v : vectors) for (int d = 0; d < mean.length; d++) mean[d] += v[d] / (double) (vectors.size() + 1);
    for (int d = 0; d < mean.length; d++) mean[d] += query.vector()[d] / (double) (vectors.size() + 1);
    double[] similarity = new double[ids.size()];
    for (int i = 0; i < similarity.length; i++) similarity[i] = centredCosine(query.vector(), vectors.get(i), mean);
    List<Similar> out = new ArrayList<>();
    int[] order = descending(similarity);
    // the most similar first, read a chunk at a time until enough have the status asked for
    for (int from = 0; from < order.length && out.size() < limit; from += 4 * limit) {
      int[] chunk = Arrays.copyOfRange(order, from, Math.min(order.length, from + 4 * limit));
      List<Asset> found = ports.assets().findAll(project.id(), IntStream.of(chunk).mapToObj(ids::get).toList());
      Map<String, Integer> at = new HashMap<>();
      for (int i : chunk) at.put(ids.get(i), i);
      for (Asset a : found) {
        if (out.size() < limit && (status == null || a.status() == status)) out.add(new Similar(a, similarity[at.get(a.id())]));
      }
    }
    String kind = switch (project.inputType()) {
      case TEXT -> "sentence vectors";
      case IMAGE -> "image vectors";
      default -> "audio vectors";
    };
    return new Neighbours(kind + " (" + query.model() + ")", out);
  }

  private Neighbours rows(String projectId, Asset asset, AssetStatus status, int limit) {
    List<Asset> all = new ArrayList<>();
    String cursor = null;
    do {
      Page<Asset> page = ports.assets().list(new AssetQuery(projectId, null, null, null, cursor, AssetQuery.MAX_LIMIT));
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    SparseMatrix x = TableRows.features(ports.tableSchemas().find(projectId).orElse(null), all.stream().map(Asset::content).toList());
    int self = IntStream.range(0, all.size()).filter(i -> all.get(i).id().equals(asset.id())).findFirst().orElseThrow();
    double[] query = new double[x.cols()];
    for (int k = x.start(self); k < x.end(self); k++) query[x.col(k)] = x.val(k);
    double queryNorm = Math.sqrt(x.squaredNorm(self));
    double[] similarity = new double[all.size()];
    for (int i = 0; i < similarity.length; i++) {
      double norm = Math.sqrt(x.squaredNorm(i)) * queryNorm;
      similarity[i] = norm > 0 ? x.dot(i, query, 0) / norm : 0;
    }
    List<Similar> out = new ArrayList<>();
    for (int i : descending(similarity)) {
      Asset a = all.get(i);
      if (out.size() == limit) break;
      if (i != self && (status == null || a.status() == status)) out.add(new Similar(a, similarity[i]));
    }
    return new Neighbours("encoded columns (numbers standardised, categories one-hot)", out);
  }

  static double centredCosine(float[] a, float[] b, double[] mean) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      double x = a[i] - mean[i], y = b[i] - mean[i];
      dot += x * y;
      na += x * x;
      nb += y * y;
    }
    return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
  }

  /** Indices by similarity, highest first; ties in index order, so the answer is the same on every call. */
  private static int[] descending(double[] similarity) {
    return IntStream.range(0, similarity.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -similarity[i]).thenComparingInt(i -> i))
        .mapToInt(Integer::intValue).toArray();
  }
}
