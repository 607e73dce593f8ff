package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.label.LabelDraft;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the checked rows of one import, one short transaction per batch, so the import never holds the database's
 * single write slot for more than a batch and other writers go between its batches. All or nothing still holds: the
 * new assets carry the import's id and the queue does not serve them while it runs; if a batch fails, the assets
 * written so far are deleted again (and their files unpublished) before the error is passed on. A process that dies
 * mid-import leaves its id registered; {@link AssetImporter#recoverAbandoned} deletes those assets later.
 */
final class ImportWriter {
  private static final Logger LOG = LoggerFactory.getLogger(ImportWriter.class);

  private final Ports ports;
  private final Clock clock;
  private final Caller caller;
  private final Project project;
  private final boolean update;
  private final FileStore.Staging staging;
  private final ImportListener listener;
  private final Optional<Job> labelJob;
  private String importId;
  private long imported;
  private long duplicates;
  private long updated;

  ImportWriter(Ports ports, Clock clock, Caller caller, Project project, boolean update, FileStore.Staging staging,
      ImportListener listener) {
    this.ports = ports;
    this.clock = clock;
    this.caller = caller;
    this.project = project;
    this.update = update;
    this.staging = staging;
    this.listener = listener;
    this.labelJob = AssetImporter.classificationJob(project);
  }

  ImportReport write(Spool spool, long rejected, List<RowError> errors) {
    try {
      spool.drain(AssetImporter.BATCH, AssetImporter.BATCH_CHARS, this::batch);
      ImportReport report = new ImportReport(imported, duplicates, updated, rejected, errors);
      ports.tx().inTransaction(() -> {
        if (importId != null) {
          ports.imports().end(importId);
        }
        listener.finished(project, report);
      });
      return report;
    } catch (RuntimeException e) {
      undo();
      throw e;
    }
  }

  private void batch(List<ParsedRow> rows) {
    ports.tx().inTransaction(() -> {
      Instant now = clock.instant();
      if (importId == null) {
        importId = ports.imports().begin(project.id(), now);
      } else {
        ports.imports().heartbeat(importId, now);
      }
      boolean[] inserted = ports.assets().insert(project.id(), importId, rows.stream().map(ParsedRow::draft).toList(), now);
      List<ParsedRow> labeled = new ArrayList<>();
      List<ParsedRow> predicted = new ArrayList<>();
      List<AssetDraft> again = new ArrayList<>();
      List<String> stored = new ArrayList<>();
      for (int i = 0; i < inserted.length; i++) {
        ParsedRow row = rows.get(i);
        if (inserted[i]) {
          imported++;
          stored.add(row.draft().content());
          if (row.answer() != null || row.draft().label() != null) {
            labeled.add(row);
          }
          if (row.prediction() != null) {
            predicted.add(row);
          }
        } else {
          duplicates++;
          again.add(row.draft());
        }
      }
      if (update && !again.isEmpty()) {
        updated += ports.assets().replace(project.id(), again);
      }
      if (staging != null) {
        staging.publish(stored);
      }
      addPredictions(predicted, now);
      addLabels(labeled, now);
    });
  }

  /** The predictions of a batch's inserted rows, a model's labels (no author), older than the answers beside them. */
  private void addPredictions(List<ParsedRow> rows, Instant now) {
    if (rows.isEmpty()) {
      return;
    }
    List<LabelDraft> labels = rows.stream().map(row -> new LabelDraft(null, row.draft().externalId(), LabelType.PREDICTION,
        row.prediction().response(), row.prediction().modelVersion(), null, false)).toList();
    ports.labels().insertAll(project.id(), null, labels, now);
  }

  /** The labels of a batch's inserted rows: one label batch and one status batch, not three statements a row. */
  private void addLabels(List<ParsedRow> rows, Instant now) {
    if (rows.isEmpty()) {
      return;
    }
    List<String> externalIds = rows.stream().map(row -> row.draft().externalId()).toList();
    List<LabelDraft> labels = new ArrayList<>(rows.size());
    for (ParsedRow row : rows) {
      JsonNode response = row.answer() != null ? row.answer() : categoryAnswer(row.draft().label());
      labels.add(new LabelDraft(null, row.draft().externalId(), LabelType.DEFAULT, response, null, null, false));
    }
    for (boolean found : ports.labels().insertAll(project.id(), caller.userId(), labels, now)) {
      if (!found) {
        throw new IllegalStateException("An asset inserted by this import was not found");
      }
    }
    ports.assets().update(project.id(), externalIds, AssetStatus.LABELED, null);
  }

  private JsonNode categoryAnswer(String label) {
    Job job = labelJob.orElseThrow();
    Category category = job.categoryNamed(label).orElseThrow();
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    response.putObject(job.id()).putArray("categories").addObject().put("name", category.id());
    return response;
  }

  /** Deletes what this import wrote; if the database refuses now, the abandoned-import sweep finishes it later. */
  private void undo() {
    if (importId != null) {
      try {
        while (ports.tx().inTransaction(() -> ports.imports().deleteAssets(importId, AssetImporter.BATCH)) > 0) {
          // one short transaction per batch, like the writing
        }
        ports.tx().inTransaction(() -> ports.imports().end(importId));
      } catch (RuntimeException e) {
        LOG.warn("import {} into project {} failed and could not be rolled back yet ({}); it will be once found abandoned",
            importId, project.id(), e.getMessage());
      }
    }
    if (staging != null) {
      staging.unpublish();
    }
  }
}
