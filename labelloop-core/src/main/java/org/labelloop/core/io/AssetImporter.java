package org.labelloop.core.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.ResponseValidator;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Caller;
import org.labelloop.learn.tabular.Column;
import org.labelloop.learn.tabular.TableSchema;

/**
 * Imports a file into a project in two steps. First every row is read and checked, with no database write and no
 * write slot held: bad rows (unreadable, over a limit, empty, unknown label, an answer that does not fit the
 * interface) are collected with their line numbers and good rows go to a {@link Spool}; without {@code skipErrors}
 * one bad row refuses the whole file here, before anything is written. Then {@link ImportWriter} writes the good rows
 * in short transactions, one batch each, and deletes them again if it cannot finish. A row whose externalId is
 * already in the project is a duplicate: skipped and counted (or, when asked, it updates that asset), never an error.
 * A row's label becomes a DEFAULT label by the importer on the project's first classification job.
 *
 * <p>A zip of media files is read by {@link ZipRowSource} into a {@link FileStore.Staging} during the first step; the
 * files of inserted rows are published batch by batch and unpublished if the import is rolled back. A zip with
 * annotation files (COCO, YOLO or VOC boxes; a Label Studio or Kili file) is read the same way by
 * {@link AnnotatedZipRowSource}. Label Studio, Prodigy and Kili files are read record by record ({@link ImportRecords}).
 */
public final class AssetImporter {
  static final int BATCH = 1000;
  /** A batch also ends at about this many characters, so a batch of long texts stays a short transaction. */
  static final long BATCH_CHARS = 8_000_000;
  /** An import that has not written a batch for this long belongs to a server that is gone. */
  static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);

  private final Ports ports;
  private final Clock clock;
  private final FileStore files;
  private final ImportLimits limits;
  private final Path spoolDir;
  private final ImportListener listener;

  public AssetImporter(Ports ports, Clock clock) {
    this(ports, clock, FileStore.NONE, ImportLimits.DEFAULT, null, ImportListener.NONE);
  }

  /** @param spoolDir where the checked rows of a large import wait to be written (null: the system's temp directory) */
  public AssetImporter(Ports ports, Clock clock, FileStore files, ImportLimits limits, Path spoolDir,
      ImportListener listener) {
    this.ports = ports;
    this.clock = clock;
    this.files = files;
    this.limits = limits;
    this.spoolDir = spoolDir;
    this.listener = listener;
  }

  public ImportReport importFile(Caller caller, Project project, InputStream in, ImportOptions options) {
    ImportFormat format = options.format();
    String source = options.fileName() == null || options.fileName().isBlank() ? null : Messages.printable(options.fileName().strip());
    InputStream input = new BufferedInputStream(in, 1 << 16);
    if (format == ImportFormat.ZIP || format.boxes() || ImportRecords.handles(format) && ImportRecords.media(project) && isZip(input)) {
      return importZip(caller, project, input, options);
    }
    if (project.inputType() == InputType.TABULAR) {
      return importTable(caller, project, input, options, source);
    }
    try (RowSource rows = format.ner() ? new NerRowSource(input, format, NerFiles.nerJob(project), options.fileName(), limits)
        : ImportRecords.handles(format) ? records(project, input, format, source)
        : RowSource.open(input, options, project.inputType(), limits)) {
      return run(caller, project, rows, options, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A TABULAR project's file, typed by the project's schema; the first import's schema is inferred from the file and
   * stored once rows are in (a training started meanwhile infers the same one from the stored rows). A table comes as
   * CSV, TSV or JSON, or as Kili records whose content is the row (Labelloop's own exports, with their labels).
   */
  private ImportReport importTable(Caller caller, Project project, InputStream in, ImportOptions options, String source) {
    if (!TABLE_FORMATS.contains(options.format()) && options.format() != ImportFormat.KILI) {
      throw LabelloopException.invalid("format: a TABULAR project imports csv, tsv, jsonl, json or kili, not "
          + options.format().name().toLowerCase(java.util.Locale.ROOT));
    }
    TableSchema stored = ports.tableSchemas().find(project.id()).orElse(null);
    String schemaLabel = stored == null ? null : stored.label().map(Column::name).orElse(null);
    RowSource raw = options.format() == ImportFormat.KILI ? records(project, in, options.format(), source)
        : RowSource.table(in, options, limits, schemaLabel);
    try (TypedRowSource rows = new TypedRowSource(raw, stored, options.labelColumn())) {
      ImportReport report = run(caller, project, rows, options, null);
      if (rows.inferred() && report.imported() > 0) {
        ports.tx().inTransaction(() -> ports.tableSchemas().save(project.id(), rows.schema(), clock.instant()));
      }
      return report;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The schema a TABULAR import of {@code in} would infer, with its first {@code sample} rows typed by it. */
  public static TablePreview previewTable(InputStream in, ImportOptions options, ImportLimits limits, int sample) {
    if (!TABLE_FORMATS.contains(options.format())) {
      throw LabelloopException.invalid("format: a table is read from " + TABLE_FORMATS.stream().map(f -> f.name().toLowerCase(java.util.Locale.ROOT)).toList());
    }
    try (TypedRowSource rows = new TypedRowSource(RowSource.table(new BufferedInputStream(in, 1 << 16), options, limits, null), null,
        options.labelColumn())) {
      List<TablePreview.Row> first = new ArrayList<>();
      for (ParsedRow row = rows.next(); row != null && first.size() < sample; row = rows.next()) {
        first.add(row.draft() == null ? new TablePreview.Row(row.line(), null, null, row.error())
            : new TablePreview.Row(row.line(), row.draft().externalId(), row.draft().content(), null));
      }
      return new TablePreview(rows.schema(), first);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final java.util.Set<ImportFormat> TABLE_FORMATS =
      java.util.EnumSet.of(ImportFormat.CSV, ImportFormat.TSV, ImportFormat.JSONL, ImportFormat.JSON);

  /** A Label Studio, Prodigy or Kili file alone: for images and audio, each asset must then be a URL. */
  private RowSource records(Project project, InputStream in, ImportFormat format, String source) {
    RecordMapper records = ImportRecords.mapper(format, project, source);
    return ImportRecords.open(new Utf8Reader(in, limits.maxFileBytes()), format, limits,
        ImportRecords.media(project) ? ImportRecords.urlsOnly(records) : records);
  }

  private ImportReport importZip(Caller caller, Project project, InputStream in, ImportOptions options) {
    ImportFormat format = options.format();
    if (options.updateDuplicates()) {
      throw LabelloopException.invalid("onDuplicate: update is not possible for a zip of files; delete the assets and import them again");
    }
    AnnotatedZipRowSource.Annotations annotations = switch (format) {
      case COCO -> new CocoAnnotations(BoxAnswers.boxJob(project));
      case YOLO -> new YoloAnnotations(BoxAnswers.boxJob(project));
      case VOC -> new VocAnnotations(BoxAnswers.boxJob(project));
      case LABELSTUDIO, KILI -> new RecordAnnotations(format, project, limits);
      default -> null;
    };
    ZipRowSource.requireMediaProject(project.inputType());
    try (FileStore.Staging staging = files.stage(project.id());
        RowSource rows = annotations == null
            ? new ZipRowSource(in, staging, project.inputType(), limits, folder -> options.labelsFromFolders()
                && classificationJob(project).flatMap(j -> j.categoryNamed(folder)).isPresent())
            : new AnnotatedZipRowSource(in, staging, project.inputType(), limits, annotations)) {
      return run(caller, project, rows, options, staging);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the stream starts as a zip does (it must support mark). */
  private static boolean isZip(InputStream in) {
    try {
      in.mark(2);
      boolean zip = in.read() == 'P' && in.read() == 'K';
      in.reset();
      return zip;
    } catch (IOException e) {
      throw LabelloopException.invalid("file: cannot be read: " + Messages.rootMessage(e));
    }
  }

  public ImportReport importDrafts(Caller caller, Project project, List<AssetDraft> drafts, boolean skipErrors) {
    return run(caller, project, RowSource.of(drafts), new ImportOptions(ImportFormat.JSON, null, null, null, skipErrors), null);
  }

  /** Deletes the assets of imports that stopped writing before {@code cutoff} (a process died); returns how many imports. */
  public int recoverAbandoned(Instant cutoff) {
    List<String> abandoned = ports.imports().abandoned(cutoff);
    for (String id : abandoned) {
      while (ports.tx().inTransaction(() -> ports.imports().deleteAssets(id, BATCH)) > 0) {
        // one short transaction per batch
      }
      ports.tx().inTransaction(() -> ports.imports().end(id));
    }
    return abandoned.size();
  }

  private ImportReport run(Caller caller, Project project, RowSource rows, ImportOptions options, FileStore.Staging staging) {
    recoverAbandoned(clock.instant().minus(ABANDONED_AFTER));
    try (Spool spool = new Spool(spoolDir, BATCH)) {
      Check check = new Check(project, options.skipErrors());
      for (ParsedRow row = rows.next(); row != null && !check.enough(); row = rows.next()) {
        String problem = check.problem(row);
        if (problem != null) {
          check.reject(row.line(), problem);
        } else if (options.skipErrors() || check.rejected == 0) {
          spool.add(row);
        }
      }
      if (!options.skipErrors() && check.rejected > 0) {
        List<String> details = check.errors.stream().map(RowError::toString).toList();
        throw LabelloopException.invalid(
            "Import rejected, nothing was imported: " + (check.enough() ? "at least " : "") + check.rejected
                + " bad row(s), first " + details.getFirst() + ". Fix them, or skip bad rows to import the good ones.",
            details);
      }
      return new ImportWriter(ports, clock, caller, project, options.updateDuplicates(), staging, listener)
          .write(spool, check.rejected, check.errors);
    }
  }

  static Optional<Job> classificationJob(Project project) {
    return project.jsonInterface().firstJob(MlTask.CLASSIFICATION);
  }

  /** The first step's bookkeeping: why a row is bad, and the errors so far. */
  private final class Check {
    private final Project project;
    private final boolean skipErrors;
    private final Optional<Job> labelJob;
    private final List<RowError> errors = new ArrayList<>();
    private long rejected;

    Check(Project project, boolean skipErrors) {
      this.project = project;
      this.skipErrors = skipErrors;
      this.labelJob = classificationJob(project);
    }

    /** Without skipErrors the file is refused anyway: once the errors shown are full, reading on tells nothing more. */
    boolean enough() {
      return !skipErrors && rejected >= ImportReport.MAX_ERRORS;
    }

    String problem(ParsedRow row) {
      if (row.error() != null) {
        return row.error();
      }
      AssetDraft draft = row.draft();
      if (draft.content().length() > limits.maxRowChars()) {
        return "the asset has " + draft.content().length() + " characters, more than the limit of " + limits.maxRowChars();
      }
      if (row.answer() != null) {
        try {
          ResponseValidator.validate(project.jsonInterface(), row.answer(), draft.content(), false);
        } catch (LabelloopException e) {
          return e.getMessage();
        }
      }
      if (row.prediction() != null) {
        try {
          ResponseValidator.validate(project.jsonInterface(), row.prediction().response(), draft.content(), false);
        } catch (LabelloopException e) {
          return "the prediction: " + e.getMessage();
        }
      }
      if (draft.label() != null && labelJob.flatMap(j -> j.categoryNamed(draft.label())).isEmpty()) {
        return "unknown label '" + Messages.printable(draft.label()) + "'"
            + labelJob.map(j -> " (categories, by id or name: " + j.categories().values().stream()
                .map(c -> c.id().equals(c.name()) ? c.id() : c.id() + " '" + Messages.printable(c.name()) + "'")
                .collect(java.util.stream.Collectors.joining(", ")) + ")").orElse(" (the project has no classification job)");
      }
      return null;
    }

    void reject(long line, String message) {
      rejected++;
      if (errors.size() < ImportReport.MAX_ERRORS) {
        errors.add(new RowError(line, message));
      }
    }
  }
}
