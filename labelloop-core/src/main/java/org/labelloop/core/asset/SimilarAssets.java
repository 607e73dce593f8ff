package org.labelloop.core.asset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.labelloop.core.Ports;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.TableRows;
import org.labelloop.core.learning.EmbeddingRepository.ModelVector;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;
import org.labelloop.learn.feature.SentenceEmbedder;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.feature.TextEmbedder;

/**
 * The assets most like a given one: a reviewer who found one wrong label asks whether its neighbours share the mistake,
 * a labeler wants more examples of a rare class, near-duplicates show up at the top. Texts, images and audio are
 * compared by the cosine of their stored vectors (those the learning loop uses: never a file name), each dimension
 * standardised on the project's vectors; table rows by the cosine of their encoded columns, as the table's models see
 * them. Words are compared with a TEXT project's texts the same way, embedded like them: a search by meaning.
 * Exhaustive: every asset of the project is compared on each call (it reads every vector; no index to keep in step
 * with imports).
 */
public final class SimilarAssets {
  public static final int MAX_LIMIT = 100;

  private final Ports ports;
  private final Access access;
  /** Query embedders by model name, loaded on a project's first search by meaning. */
  private final Map<String, TextEmbedder> embedders = new ConcurrentHashMap<>();

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
    Asset asset = ports.assets().find(projectId, assetId)
        .orElseThrow(() -> LabelloopException.notFound("Asset " + assetId + " in this project"));
    if (project.inputType() == InputType.TABULAR) return rows(projectId, asset, status, Math.min(limit, MAX_LIMIT));
    ModelVector query = ports.embeddings().vector(asset.id()).filter(v -> v.vector().length > 0)
        .orElseThrow(() -> LabelloopException.conflict("Asset " + asset.externalId() + " has no vector to compare yet: the server"
            + " computes them in the background after an import (none when it runs with --no-embeddings)"
            + (project.inputType() == InputType.TEXT ? "" : ", and none for a file it cannot decode")));
    return ranked(project, query, asset.id(), status, Math.min(limit, MAX_LIMIT));
  }

  /**
   * The texts of a TEXT project closest in meaning to {@code text}, by the sentence vectors the project's texts have,
   * the query embedded with the same model (loaded on the first search).
   */
  public Neighbours ofText(Caller caller, String projectId, String text, AssetStatus status, int limit) {
    Project project = access.requireProject(caller, projectId, Role.LABELER).project();
    if (project.inputType() != InputType.TEXT) {
      throw LabelloopException.invalid("text: a search by meaning needs a TEXT project; in this " + project.inputType()
          + " project ask for the assets like one of them (assetId)");
    }
    if (text == null || text.isBlank()) throw LabelloopException.invalid("text: give the words to look for");
    String model = ports.embeddings().completeModel(projectId).orElseThrow(() -> LabelloopException.conflict(
        "The project's texts are still being embedded in the background (never when the server runs with"
            + " --no-embeddings): a search by meaning compares the words with every text's vector"));
    return ranked(project, new ModelVector(model, embedder(model).embed(List.of(text.strip()))[0]), null, status,
        Math.min(limit, MAX_LIMIT));
  }

  private TextEmbedder embedder(String model) {
    try {
      return embedders.computeIfAbsent(model, m -> SentenceEmbedder.named(m, 1));
    } catch (IllegalArgumentException e) {
      throw LabelloopException.conflict("The project's texts were embedded with " + model + ", which this server cannot embed words with");
    }
  }

  /** The project's assets by the standardised cosine of their vectors with {@code query}; {@code self} (null: none) left out. */
  private Neighbours ranked(Project project, ModelVector query, String self, AssetStatus status, int limit) {
    List<String> ids = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    ports.embeddings().vectors(project.id(), query.model(), false).forEach((id, v) -> {
      if (v.length == query.vector().length) {
        ids.add(id);
        vectors.add(v);
      }
    });
    // each dimension standardised on the project's vectors, as a table's numbers are: an encoder's vectors share a
    // large common part (an image encoder's are all positive, leaving every raw cosine near 1), and a concatenation
    // of encoders (images, audio) would otherwise be compared by the one of the larger scale
    double[] mean = new double[query.vector().length], scale = new double[mean.length];
    for (float[] v : vectors) for (int d = 0; d < mean.length; d++) mean[d] += v[d] / (double) vectors.size();
    for (float[] v : vectors) for (int d = 0; d < mean.length; d++) scale[d] += (v[d] - mean[d]) * (v[d] - mean[d]) / vectors.size();
    for (int d = 0; d < scale.length; d++) scale[d] = scale[d] > 1e-12 ? 1 / Math.sqrt(scale[d]) : 0;
    double[] similarity = new double[ids.size()];
    for (int i = 0; i < similarity.length; i++) similarity[i] = standardisedCosine(query.vector(), vectors.get(i), mean, scale);
    List<Similar> out = new ArrayList<>();
    int[] order = IntStream.of(descending(similarity)).filter(i -> !ids.get(i).equals(self)).toArray();
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
    ports.assets().forEachAsset(projectId, all::add);
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

  static double standardisedCosine(float[] a, float[] b, double[] mean, double[] scale) {
    double dot = 0, na = 0, nb = 0;
    for (int i = 0; i < a.length; i++) {
      double x = (a[i] - mean[i]) * scale[i], y = (b[i] - mean[i]) * scale[i];
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
