package org.labelloop.core.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.TableRows;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.port.Page;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.media.MediaTable;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.quality.ConfidentLearning;
import org.labelloop.learn.quality.OutOfFold;
import org.labelloop.learn.quality.SuspectedLabel;

/**
 * Suspected label errors of a project's single-choice classification job: out-of-fold probabilities of a fast
 * logistic regression (5 stratified folds, fixed seed) on the assets' chosen human answers (REVIEW wins, else the
 * newest DEFAULT), then confident learning. Texts by their word TF-IDF (beside their stored sentence embeddings once
 * every asset has one), tables by their typed columns, images and audio by their stored vectors. Computed on demand,
 * synchronously: fine for tens of thousands of labels (seconds), not cached.
 */
public final class SuspectService {
  static final int FOLDS = 5;
  static final long SEED = 7;
  private static final String TOO_FEW = "Fewer than " + 2 * FOLDS + " labels: too few to cross-validate.";

  private final Ports ports;
  private final Access access;

  public SuspectService(Ports ports, Access access) {
    this.ports = ports;
    this.access = access;
  }

  public record Suspect(String assetId, String externalId, String given, String suggested, double margin) {}

  /**
   * {@code outOfFoldAccuracy}: how often models that did not learn a label agree with it (null under 10 labels);
   * {@code withheld}: why no label could be judged, else null.
   */
  public record Suspects(String jobId, int labeled, Double outOfFoldAccuracy, String withheld, List<Suspect> items) {}

  public Suspects suspects(Caller caller, String projectId, String jobId) {
    Project project = access.requireProject(caller, projectId, Role.REVIEWER).project();
    Job job = job(project, jobId);
    Map<String, String> chosen = chosenAnswers(projectId, job.id());
    List<Asset> labeled = new ArrayList<>();
    ports.assets().forEachAsset(projectId, a -> {
      if (chosen.containsKey(a.id())) labeled.add(a);
    });
    if (labeled.size() < 2 * FOLDS) return new Suspects(job.id(), labeled.size(), null, TOO_FEW, List.of());
    Rows rows = rows(project, labeled);
    List<String> classes = new ArrayList<>(job.categories().keySet());
    Map<String, Integer> index = new HashMap<>();
    for (String c : classes) index.put(c, index.size());
    int[] y = new int[rows.assets().size()];
    for (int i = 0; i < y.length; i++) y[i] = index.getOrDefault(chosen.get(rows.assets().get(i).id()), 0);
    if (y.length < 2 * FOLDS) {
      return new Suspects(job.id(), y.length, null, TOO_FEW, List.of());
    }
    double[][] p = rows.encoded() == null
        ? OutOfFold.probabilities(rows.keys(), sentenceVectors(projectId, rows.assets()), y, classes.size(), FOLDS, SEED)
        : OutOfFold.probabilities(rows.encoded(), rows.keys(), y, classes.size(), FOLDS, SEED);
    double accuracy = Metrics.ofProba(y, p, classes.size()).accuracy();
    if (!ConfidentLearning.learnedMoreThanTheMajority(y, p)) {
      return new Suspects(job.id(), y.length, accuracy, "The models that did not learn a label agree with the labels no more"
          + " often than answering the most common class would, beyond chance: their disagreements are not evidence yet. Label more.",
          List.of());
    }
    List<Suspect> out = new ArrayList<>();
    for (SuspectedLabel s : ConfidentLearning.suspects(y, p)) {
      Asset a = rows.assets().get(s.index());
      out.add(new Suspect(a.id(), a.externalId(), classes.get(s.given()), classes.get(s.suggested()), s.margin()));
    }
    return new Suspects(job.id(), y.length, accuracy, null, out);
  }

  /**
   * What the project's kind of data is learned from, as the project's own models learn it: a text's words, a row's
   * typed columns, an image's or clip's stored vector. Never a file name: media assets whose vector could not be
   * computed are left out. {@code keys} are the texts (or the rows' contents and asset ids, which keep duplicates in
   * one fold); {@code encoded} is null for text, and for media with too few vectors to judge.
   */
  private record Rows(List<Asset> assets, List<String> keys, SparseMatrix encoded) {}

  private Rows rows(Project project, List<Asset> labeled) {
    List<String> contents = labeled.stream().map(Asset::content).toList();
    return switch (project.inputType()) {
      case TEXT -> new Rows(labeled, contents, null);
      case TABULAR -> new Rows(labeled, contents, TableRows.features(ports.tableSchemas().find(project.id()).orElse(null), contents));
      case IMAGE, AUDIO -> vectors(project, labeled);
    };
  }

  /**
   * The texts' stored sentence embeddings as an embedder, when every asset has one (as the project's own classifier
   * learns beside its words); null otherwise: then words alone.
   */
  private TextEmbedder sentenceVectors(String projectId, List<Asset> assets) {
    String model = ports.embeddings().completeModel(projectId).orElse(null);
    if (model == null) return null;
    Map<String, float[]> stored = ports.embeddings().vectors(projectId, model, false);
    Map<String, float[]> byText = new HashMap<>();
    for (Asset a : assets) {
      float[] v = stored.get(a.id());
      if (v == null || v.length == 0) return null;
      byText.put(a.content(), v);
    }
    int dimension = byText.values().iterator().next().length;
    return new TextEmbedder() {
      @Override public String name() { return model; }
      @Override public int dimension() { return dimension; }
      @Override public float[][] embed(List<String> texts) { return texts.stream().map(byText::get).toArray(float[][]::new); }
    };
  }

  private Rows vectors(Project project, List<Asset> labeled) {
    String model = ports.embeddings().completeModel(project.id()).orElseThrow(() -> LabelloopException.conflict(
        "Suspected label errors of an " + project.inputType() + " project come from its assets' vectors, which are still being computed; try again shortly"));
    Map<String, float[]> stored = ports.embeddings().vectors(project.id(), model, false);
    List<Asset> kept = labeled.stream().filter(a -> stored.get(a.id()) != null && stored.get(a.id()).length > 0).toList();
    if (kept.size() < 2 * FOLDS) return new Rows(kept, kept.stream().map(Asset::id).toList(), null);
    float[][] raw = kept.stream().map(a -> stored.get(a.id())).toArray(float[][]::new);
    float[][] z = MediaTable.standardised(raw, IntStream.range(0, raw.length).toArray());
    return new Rows(kept, kept.stream().map(Asset::id).toList(), SparseMatrix.ofDense(z, z[0].length));
  }

  /** Moves the given suspects (all current ones when {@code externalIds} is null) to TO_REVIEW; returns how many. */
  public int toReview(Caller caller, String projectId, String jobId, List<String> externalIds) {
    List<String> ids = externalIds != null ? externalIds : suspects(caller, projectId, jobId).items().stream().map(Suspect::externalId).toList();
    access.require(caller, projectId, Role.REVIEWER);
    if (ids.isEmpty()) return 0;
    return ports.tx().inTransaction(() -> ports.assets().update(projectId, ids, AssetStatus.TO_REVIEW, null));
  }

  private static Job job(Project project, String jobId) {
    if (jobId != null && !jobId.isBlank()) {
      Job job = project.jsonInterface().jobs().get(jobId);
      if (job == null || job.mlTask() != MlTask.CLASSIFICATION || job.multiple()) {
        throw LabelloopException.invalid("jobId: '" + jobId + "' is not a single-choice classification job of this project");
      }
      return job;
    }
    return project.jsonInterface().jobs().values().stream()
        .filter(j -> j.mlTask() == MlTask.CLASSIFICATION && !j.multiple()).findFirst()
        .orElseThrow(() -> LabelloopException.invalid("This project has no single-choice classification job"));
  }

  /** Asset id -> chosen category of the job: the newest REVIEW answer, else the newest DEFAULT answer. */
  private Map<String, String> chosenAnswers(String projectId, String jobId) {
    Map<String, String> review = new LinkedHashMap<>();
    Map<String, String> labeler = new LinkedHashMap<>();
    String cursor = null;
    do {
      Page<Label> page = ports.labels().list(projectId, null, null, null, cursor, 1000);
      for (Label l : page.items()) {
        if (!l.labelType().isHuman() || l.skipped()) continue;
        var cats = Agreement.categories(l.jsonResponse().get(jobId));
        if (cats.size() != 1) continue;
        (l.labelType() == LabelType.REVIEW ? review : labeler).put(l.assetId(), cats.iterator().next());
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    labeler.putAll(review);
    return labeler;
  }
}
