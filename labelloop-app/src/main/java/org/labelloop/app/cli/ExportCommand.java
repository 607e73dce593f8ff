package org.labelloop.app.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.labelloop.core.io.ExportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labelloop export}: streams a project's assets and labels into a file, with progress on stderr. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export a project's assets with their labels.")
public final class ExportCommand extends ClientCommand {
  @Option(names = "--project", required = true, description = "Project id.")
  String project;

  private static final List<String> FORMATS = Arrays.stream(ExportFormat.values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList();

  @Option(names = "--format", defaultValue = "jsonl",
      description = "jsonl (default; imports again as kili), csv (with the jsonResponse: imports again as kili), labelstudio (every job,"
          + " with the newest predictions), prodigy (texts' categories and spans), doccano (JSONL of texts with label, or cats and entities), for the OBJECT_DETECTION job's boxes coco (JSON),"
          + " yolo or voc (a zip), or for the NER job's labeled sentences conll, bio, spacy.")
  String format;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "File to write.")
  Path output;

  @Option(names = "--status", description = "Only assets with this status.")
  String status;

  @Option(names = "--search", paramLabel = "TEXT", description = "Only assets with this text in their id, or in a text's or a table row's content (any case).")
  String search;

  @Option(names = "--category", paramLabel = "ID", description = "Only assets whose chosen answer (newest review, else newest label) names this category.")
  String category;

  @Option(names = "--labeled-by", paramLabel = "USER_ID", description = "Only assets with an answer by this user (ids: labelloop users list).")
  String labeledBy;

  @Override
  void run(ApiClient api) throws IOException {
    String f = format.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(f)) {
      throw new CliException("--format must be one of " + String.join(", ", FORMATS));
    }
    Map<String, String> query = new LinkedHashMap<>(); // the filters given, in this order
    query.put("format", f);
    query.put("status", status);
    query.put("search", search);
    query.put("category", category);
    query.put("labeledBy", labeledBy);
    String path = "/api/v1/projects/" + enc(project) + "/export?" + query.entrySet().stream().filter(e -> e.getValue() != null)
        .map(e -> e.getKey() + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    long total = api.download(path, output);
    System.out.printf("export done: bytes=%d file=%s%n", total, output);
  }
}
