package org.labelloop.core.asset;

import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import org.labelloop.core.Ports;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.learning.LearningService;
import org.labelloop.core.learning.LearningTrigger;
import org.labelloop.core.io.AssetImporter;
import org.labelloop.core.io.ImportOptions;
import org.labelloop.core.io.ImportReport;
import org.labelloop.core.io.MediaType;
import org.labelloop.core.io.ImportLimits;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.port.Page;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Project;
import org.labelloop.core.project.ProjectCounts;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;
import org.labelloop.core.webhook.WebhookEvents;

/** Imports, lists and updates assets. Project admins import; reviewers change status and priority. */
public final class AssetService {
  private final Ports ports;
  private final Access access;
  private final AssetImporter importer;
  private final FileStore files;
  private final LearningTrigger learning;
  private final WebhookEvents events;
  private final Clock clock;
  private final ProjectCounts counts;

  public AssetService(Ports ports, Access access, Clock clock, FileStore files, LearningService learningService,
      ImportLimits limits, java.nio.file.Path spoolDir, ProjectCounts counts) {
    this.ports = ports;
    this.counts = counts;
    this.access = access;
    this.files = files;
    this.clock = clock;
    this.learning = new LearningTrigger(ports, clock, learningService);
    this.events = new WebhookEvents(ports, clock);
    this.importer = new AssetImporter(ports, clock, files, limits, spoolDir, this::importFinished);
  }

  /** Imported labels count towards the retrain threshold like submitted ones (a labeled import can train at once). */
  private void importFinished(Project project, ImportReport report) {
    if (report.imported() > 0) {
      learning.afterImport(project);
      ports.modelServers().requestPredictions(project.id(), clock.instant()); // a no-op without a model server
    }
    events.importFinished(project.id(), report);
  }

  /** An asset's stored file, opened: the caller streams and closes it. */
  public record StoredFile(InputStream content, long size, MediaType mediaType, String fileName) {}

  /**
   * Opens the stored file of an image or audio asset, for anyone who may read the project's assets. An asset whose
   * content is not a file of this project (text, or a URL given in a CSV) has no file here: not found.
   */
  public StoredFile openFile(Caller caller, String projectId, String assetId) {
    Project project = access.requireProject(caller, projectId, Role.LABELER).project();
    Asset asset = ports.assets().find(projectId, assetId).orElseThrow(() -> LabelloopException.notFound("Asset " + assetId));
    String key = asset.content();
    String name = key.substring(key.lastIndexOf('/') + 1);
    MediaType type = MediaType.fromFileName(name).orElse(null);
    if (project.inputType() == InputType.TEXT || project.inputType() == InputType.TABULAR
        || !key.startsWith(projectId + "/") || type == null) {
      throw LabelloopException.notFound("A stored file of asset " + assetId);
    }
    try {
      return new StoredFile(files.open(key), files.size(key), type, name);
    } catch (java.io.IOException e) {
      throw LabelloopException.notFound("The stored file of asset " + assetId);
    }
  }

  public ImportReport importFile(Caller caller, String projectId, InputStream in, ImportOptions options) {
    Project project = access.requireProject(caller, projectId, Role.ADMIN).project();
    try {
      return importer.importFile(caller, project, in, options);
    } finally {
      counts.forget(projectId); // whether it kept its rows or not: a reading taken meanwhile is not the outcome
    }
  }

  public ImportReport importDrafts(Caller caller, String projectId, List<AssetDraft> drafts, boolean skipErrors) {
    Project project = access.requireProject(caller, projectId, Role.ADMIN).project();
    try {
      return importer.importDrafts(caller, project, drafts, skipErrors);
    } finally {
      counts.forget(projectId);
    }
  }

  /** Deletes the assets of imports that a process stopped writing before {@code cutoff}; returns how many imports. */
  public int recoverAbandonedImports(java.time.Instant cutoff) {
    return importer.recoverAbandoned(cutoff);
  }

  public Page<Asset> list(Caller caller, AssetQuery query) {
    Project project = access.requireProject(caller, query.projectId(), Role.LABELER).project();
    return ports.assets().list(query.forProject(project));
  }


  /** Sets status and/or priority of the assets with these externalIds, e.g. to send a list to review. */
  public int update(Caller caller, String projectId, List<String> externalIds, AssetStatus status, Integer priority) {
    access.require(caller, projectId, Role.REVIEWER);
    if (externalIds == null || externalIds.isEmpty()) {
      throw LabelloopException.invalid("externalIds: give at least one");
    }
    if (status == null && priority == null) {
      throw LabelloopException.invalid("status or priority: give at least one to change");
    }
    int updated = ports.tx().inTransaction(() -> {
      if (status != null) events.statusesSet(projectId, externalIds, status); // reads the old statuses first
      return ports.assets().update(projectId, externalIds, status, priority);
    });
    counts.forget(projectId);
    return updated;
  }
}
