package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.LabeledAssets;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.ChosenLabel;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.format.NerFormats;
import org.labelloop.learn.tabular.Column;
import org.labelloop.learn.tabular.ColumnRole;

/**
 * Streams a project's assets with their labels, a page at a time, so memory stays flat however large the project
 * (the JSON-array formats, and COCO's annotations, are held until the end; see {@link BoxExport}).
 */
public final class ExportService {
  /** The CSV's own columns and a Kili record's fields: a table column named like one of them is written row.NAME. */
  private static final Set<String> KILI_FIELDS = Set.of("id", "externalId", "external_id", "content", "text",
      "status", "jsonResponse", "jsonMetadata", "metadata", "priority", "isHoneypot", "latestLabel", "labels");

  private final Ports ports;
  private final Access access;
  private final BoxExport boxes;

  public ExportService(Ports ports, Access access, FileStore files) {
    this.ports = ports;
    this.access = access;
    this.boxes = new BoxExport(ports, files);
  }

  /** Checks the caller may export and the filter, before anything is written to the response. */
  public AssetQuery authorize(Caller caller, AssetQuery filter) {
    return filter.forProject(access.requireProject(caller, filter.projectId(), Role.REVIEWER).project());
  }

  public void export(Caller caller, String projectId, ExportFormat format, AssetQuery query, OutputStream out) {
    Project project = access.requireProject(caller, projectId, Role.REVIEWER).project();
    AssetQuery filter = query.forProject(project);
    try {
      if (format == ExportFormat.JSONL) {
        JsonlExport.write(ports, filter, out);
      } else if (format == ExportFormat.CSV) {
        writeCsv(project, filter, out);
      } else if (format == ExportFormat.COCO) {
        boxes.coco(BoxAnswers.boxJob(project), filter, out);
      } else if (format == ExportFormat.YOLO) {
        boxes.yolo(BoxAnswers.boxJob(project), filter, out);
      } else if (format == ExportFormat.VOC) {
        boxes.voc(BoxAnswers.boxJob(project), filter, out);
      } else if (format == ExportFormat.LABELSTUDIO) {
        LabelStudioExport.write(ports, project, filter, out);
      } else if (format == ExportFormat.PRODIGY) {
        ProdigyExport.write(ports, project, filter, out);
      } else if (format == ExportFormat.DOCCANO) {
        DoccanoExport.write(ports, project, filter, out);
      } else {
        writeNer(project, format, filter, out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One row per asset: its ids, content and status, one column per job and the whole answer. A TABULAR project's
   * row is also spread over its table's columns after {@code content} (which stays, so the file imports back as
   * {@code kili}); a column named like one of the file's own is written as {@code row.NAME}.
   */
  private void writeCsv(Project project, AssetQuery filter, OutputStream out) throws IOException {
    List<Job> jobs = List.copyOf(project.jsonInterface().jobs().values());
    List<String> columns = project.inputType() != InputType.TABULAR ? List.of() : ports.tableSchemas().find(project.id())
        .map(t -> t.columns().stream().filter(c -> c.role() != ColumnRole.LABEL).map(Column::name).toList()).orElse(List.of());
    List<String> header = new ArrayList<>(List.of("id", "externalId", "content"));
    Set<String> taken = new HashSet<>(KILI_FIELDS);
    jobs.forEach(j -> taken.add(j.id()));
    columns.forEach(c -> header.add(taken.contains(c) ? "row." + c : c));
    header.add("status");
    jobs.forEach(j -> header.add(j.id()));
    header.add("jsonResponse");
    var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
      forEachPage(filter, (assets, labels) -> {
        for (Asset asset : assets) {
          JsonNode answer = chosenAnswer(labels.getOrDefault(asset.id(), List.of()));
          List<String> row = new ArrayList<>(List.of(asset.id(), asset.externalId(), asset.content()));
          if (!columns.isEmpty()) {
            Map<String, String> cells = TableRows.storedCells(asset.content());
            columns.forEach(c -> row.add(cells.getOrDefault(c, "")));
          }
          row.add(asset.status().name());
          jobs.forEach(job -> row.add(cell(job, answer == null ? null : answer.get(job.id()))));
          row.add(answer == null ? "" : answer.toString());
          csv.printRecord(row);
        }
      });
    }
  }

  /**
   * The assets whose chosen human answer answers the NER job, as sentences. Line formats are written a page at a time;
   * spaCy's JSON array is written once at the end, so it holds the sentences in memory.
   */
  private void writeNer(Project project, ExportFormat format, AssetQuery filter, OutputStream out) throws IOException {
    Job job = NerFiles.nerJob(project);
    String name = format.name().toLowerCase(java.util.Locale.ROOT);
    boolean lines = format == ExportFormat.CONLL || format == ExportFormat.BIO;
    Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    List<NerSentence> all = new ArrayList<>();
    forEachPage(filter, (assets, labels) -> {
      List<NerSentence> page = new ArrayList<>();
      for (Asset asset : assets) {
        JsonNode answer = chosenAnswer(labels.getOrDefault(asset.id(), List.of()));
        JsonNode jobAnswer = answer == null ? null : answer.get(job.id());
        if (jobAnswer != null && !jobAnswer.isNull()) page.add(NerFiles.sentence(asset.externalId(), asset.content(), jobAnswer));
      }
      if (lines) NerFormats.write(page, writer, name); else all.addAll(page);
    });
    if (!lines) NerFormats.write(all, writer, name);
    writer.flush();
  }

  private static JsonNode chosenAnswer(List<Label> labels) {
    return ChosenLabel.of(labels).map(Label::jsonResponse).orElse(null);
  }

  private static String cell(Job job, JsonNode jobAnswer) {
    if (jobAnswer == null) {
      return "";
    }
    if (job.mlTask() == MlTask.CLASSIFICATION) {
      List<String> names = new ArrayList<>();
      jobAnswer.path("categories").forEach(c -> names.add(c.path("name").asText()));
      return String.join("|", names);
    }
    return jobAnswer.path("annotations").toString();
  }

  private void forEachPage(AssetQuery filter, LabeledAssets.PageConsumer consumer) throws IOException {
    LabeledAssets.forEachPage(ports, filter, consumer);
  }
}
