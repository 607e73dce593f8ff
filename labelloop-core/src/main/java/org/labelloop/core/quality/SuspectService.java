package org.labelloop.core.quality;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.port.Page;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;
import org.labelloop.learn.quality.ConfidentLearning;
import org.labelloop.learn.quality.OutOfFold;
import org.labelloop.learn.quality.SuspectedLabel;

/**
 * Suspected label errors of a project's single-choice classification job: out-of-fold probabilities of the engine's
 * fast default (word TF-IDF + logistic regression, 5 stratified folds, fixed seed) on the assets' chosen human answers
 * (REVIEW wins, else the newest DEFAULT), then confident learning. Computed on demand, synchronously: fine for tens of
 * thousands of labels (seconds), not cached.
 */
public final class SuspectService {
  static final int FOLDS = 5;
  static final long SEED = 7;

  private final Ports ports;
  private final Access access;

  public SuspectService(Ports ports, Access access) {
    this.ports = ports;
    this.access = access;
  }

  public record Suspect(String assetId, String externalId, String given, String suggested, double margin) {}

  public record Suspects(String jobId, int labeled, List<Suspect> items) {}

  public Suspects suspects(Caller caller, String projectId, String jobId) {
    Project project = access.requireProject(caller, projectId, Role.REVIEWER).project();
    Job job = job(project, jobId);
    Map<String, String> chosen = chosenAnswers(projectId, job.id());
    List<String> texts = new ArrayList<>();
    List<Asset> assets = new ArrayList<>();
    String cursor = null;
    do {
      Page<Asset> page = ports.assets().list(new AssetQuery(projectId, null, null, null, cursor, AssetQuery.MAX_LIMIT));
      for (Asset a : page.items()) {
        if (chosen.containsKey(a.id())) {
          assets.add(a);
          texts.add(a.content());
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    List<String> classes = new ArrayList<>(job.categories().keySet());
    Map<String, Integer> index = new HashMap<>();
    for (String c : classes) index.put(c, index.size());
    int[] y = new int[assets.size()];
    for (int i = 0; i < y.length; i++) y[i] = index.getOrDefault(chosen.get(assets.get(i).id()), 0);
    if (assets.size() < 2 * FOLDS) {
      return new Suspects(job.id(), assets.size(), List.of());
    }
    double[][] p = OutOfFold.probabilities(texts, y, classes.size(), FOLDS, SEED);
    List<Suspect> out = new ArrayList<>();
    for (SuspectedLabel s : ConfidentLearning.suspects(y, p)) {
      Asset a = assets.get(s.index());
      out.add(new Suspect(a.id(), a.externalId(), classes.get(s.given()), classes.get(s.suggested()), s.margin()));
    }
    return new Suspects(job.id(), assets.size(), out);
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
      Page<Label> page = ports.labels().list(projectId, null, null, cursor, 1000);
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
