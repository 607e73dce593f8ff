package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.LabelDraft;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.label.ResponseValidator;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Caller;

/**
 * Streams rows into a project in one transaction, in batches. Bad rows (unreadable, empty, duplicate externalId,
 * unknown label) are collected with their line numbers; without {@code skipErrors} any bad row rolls the whole import
 * back, with {@code skipErrors} the good rows are kept. A row's label becomes a DEFAULT label by the importer on the
 * project's first classification job.
 *
 * <p>A zip of media files is read by {@link ZipRowSource} into a {@link FileStore.Staging}; the files of inserted rows
 * are published batch by batch inside the transaction and unpublished if it rolls back, so a rejected import leaves
 * neither assets nor files. A zip with bounding boxes (COCO, YOLO) is read the same way by {@link BoxZipRowSource}.
 */
public final class AssetImporter {
  static final int BATCH = 1000;

  private final Ports ports;
  private final Clock clock;
  private final FileStore files;
  private final ZipLimits zipLimits;

  public AssetImporter(Ports ports, Clock clock) {
    this(ports, clock, FileStore.NONE, ZipLimits.DEFAULT);
  }

  public AssetImporter(Ports ports, Clock clock, FileStore files, ZipLimits zipLimits) {
    this.ports = ports;
    this.clock = clock;
    this.files = files;
    this.zipLimits = zipLimits;
  }

  public ImportReport importFile(Caller caller, Project project, InputStream in, ImportOptions options) {
    if (options.format() == ImportFormat.ZIP) {
      ZipRowSource.requireMediaProject(project.inputType());
      try (FileStore.Staging staging = files.stage(project.id());
          RowSource rows = new ZipRowSource(in, staging, project.inputType(), zipLimits)) {
        return run(caller, project, rows, options.skipErrors(), staging);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (options.format().boxes()) {
      Job job = BoxAnswers.boxJob(project);
      BoxZipRowSource.Annotations annotations = options.format() == ImportFormat.COCO ? new CocoAnnotations(job) : new YoloAnnotations(job);
      try (FileStore.Staging staging = files.stage(project.id());
          RowSource rows = new BoxZipRowSource(in, staging, zipLimits, annotations)) {
        return run(caller, project, rows, options.skipErrors(), staging);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (options.format().ner()) {
      Job job = NerFiles.nerJob(project);
      try (RowSource rows = new NerRowSource(RowSource.strictUtf8(in), options.format(), job)) {
        return run(caller, project, rows, options.skipErrors(), null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try (RowSource rows = RowSource.open(in, options, project.inputType())) {
      return run(caller, project, rows, options.skipErrors(), null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public ImportReport importDrafts(Caller caller, Project project, List<AssetDraft> drafts, boolean skipErrors) {
    return run(caller, project, RowSource.of(drafts), skipErrors, null);
  }

  private ImportReport run(Caller caller, Project project, RowSource rows, boolean skipErrors, FileStore.Staging staging) {
    Run run = new Run(caller, project, skipErrors, staging);
    ImportReport report;
    try {
      report = ports.tx().inTransaction(() -> run.all(rows));
    } catch (Rejected rejected) {
      unpublish(staging);
      report = rejected.report;
    } catch (RuntimeException e) {
      unpublish(staging);
      throw e;
    }
    if (!report.committed()) {
      List<String> details = report.errors().stream().map(RowError::toString).toList();
      throw LabelloopException.invalid(
          "Import rejected, nothing was imported: " + report.rejected() + " bad row(s), first " + details.getFirst()
              + ". Fix them or import with onError=skip to keep the good rows.",
          details);
    }
    return report;
  }

  private static void unpublish(FileStore.Staging staging) {
    if (staging != null) {
      staging.unpublish();
    }
  }

  /** The state of one import. */
  private final class Run {
    private final Caller caller;
    private final Project project;
    private final boolean skipErrors;
    private final FileStore.Staging staging;
    private final Optional<Job> labelJob;
    private final List<ParsedRow> batch = new ArrayList<>(BATCH);
    private final List<RowError> errors = new ArrayList<>();
    private long imported;
    private long duplicates;
    private long rejected;

    Run(Caller caller, Project project, boolean skipErrors, FileStore.Staging staging) {
      this.caller = caller;
      this.project = project;
      this.skipErrors = skipErrors;
      this.staging = staging;
      this.labelJob = project.jsonInterface().jobs().values().stream().filter(j -> j.mlTask() == MlTask.CLASSIFICATION).findFirst();
    }

    ImportReport all(RowSource rows) {
      for (ParsedRow row = rows.next(); row != null; row = rows.next()) {
        accept(row);
      }
      flush();
      boolean committed = skipErrors || rejected == 0;
      if (!committed) {
        // signal the rollback to inTransaction by throwing after all rows were read, so every bad line is reported
        throw new Rejected(new ImportReport(0, 0, rejected, errors, false));
      }
      return new ImportReport(imported, duplicates, rejected, errors, true);
    }

    private void accept(ParsedRow row) {
      String problem = row.error() != null ? row.error() : row.answer() != null ? invalid(row) : null;
      if (problem != null) {
        reject(row.line(), problem);
      } else if (row.draft().label() != null && category(row.draft().label()).isEmpty()) {
        reject(row.line(), "unknown label '" + row.draft().label() + "'" + labelJob.map(j -> " (categories: " + j.categories().keySet() + ")").orElse(" (the project has no classification job)"));
      } else if (skipErrors || rejected == 0) {
        batch.add(row);
        if (batch.size() == BATCH) {
          flush();
        }
      }
    }

    private void flush() {
      if (batch.isEmpty()) {
        return;
      }
      boolean[] inserted = ports.assets().insert(project.id(), batch.stream().map(ParsedRow::draft).toList(), clock.instant());
      if (staging != null) {
        List<String> stored = new ArrayList<>(batch.size());
        for (int i = 0; i < inserted.length; i++) {
          if (inserted[i]) {
            stored.add(batch.get(i).draft().content());
          }
        }
        staging.publish(stored);
      }
      List<ParsedRow> labeled = new ArrayList<>();
      for (int i = 0; i < inserted.length; i++) {
        ParsedRow row = batch.get(i);
        if (!inserted[i]) {
          duplicates++;
          reject(row.line(), "duplicate externalId '" + row.draft().externalId() + "' (already in the project or earlier in the file)");
        } else {
          imported++;
          if (row.answer() != null || row.draft().label() != null) {
            labeled.add(row);
          }
        }
      }
      addLabels(labeled);
      batch.clear();
    }

    /** Why a row's answer does not fit the interface, or null. */
    private String invalid(ParsedRow row) {
      try {
        ResponseValidator.validate(project.jsonInterface(), row.answer(), row.draft().content(), false);
        return null;
      } catch (LabelloopException e) {
        return e.getMessage();
      }
    }

    private JsonNode categoryAnswer(String label) {
      ObjectNode response = JsonNodeFactory.instance.objectNode();
      response.putObject(labelJob.orElseThrow().id()).putArray("categories").addObject().put("name", category(label).orElseThrow().id());
      return response;
    }

    /** The labels of a batch's inserted rows: one label batch and one status batch, not three statements a row. */
    private void addLabels(List<ParsedRow> rows) {
      if (rows.isEmpty()) {
        return;
      }
      List<String> externalIds = rows.stream().map(row -> row.draft().externalId()).toList();
      List<LabelDraft> labels = new ArrayList<>(rows.size());
      for (ParsedRow row : rows) {
        JsonNode response = row.answer() != null ? row.answer() : categoryAnswer(row.draft().label());
        labels.add(new LabelDraft(null, row.draft().externalId(), LabelType.DEFAULT, response, null, null, false));
      }
      for (boolean found : ports.labels().insertAll(project.id(), caller.userId(), labels, clock.instant())) {
        if (!found) {
          throw new IllegalStateException("An asset inserted by this import was not found");
        }
      }
      ports.assets().update(project.id(), externalIds, AssetStatus.LABELED, null);
    }

    private Optional<Category> category(String label) {
      return labelJob.flatMap(job -> job.categoryNamed(label));
    }

    private void reject(long line, String message) {
      rejected++;
      if (errors.size() < ImportReport.MAX_ERRORS) {
        errors.add(new RowError(line, message));
      }
    }
  }

  /** Thrown inside the transaction to roll a rejected import back while keeping its report. */
  private static final class Rejected extends RuntimeException {
    private final ImportReport report;

    Rejected(ImportReport report) {
      super(null, null, false, false);
      this.report = report;
    }
  }
}
