package org.labelloop.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code labelloop import}: streams a file to the server as a multipart upload, with a progress bar on stderr. A folder
 * of images or audio is zipped on the fly while it is sent (see {@link FolderZip}), so nothing is written to disk.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Import assets from a CSV, TSV, JSONL, JSON or zip file, or a folder of images or audio files, into a project.")
public final class ImportCommand extends ClientCommand {
  @Option(names = "--project", required = true, description = "Project id.")
  String project;

  @Parameters(index = "0", paramLabel = "FILE", description = "The file to import, or a folder of image or audio files (with an optional manifest.csv or manifest.jsonl).")
  Path file;

  @Option(names = "--id-col", description = "Column holding the external id (default: externalId or id).")
  String idColumn;

  @Option(names = "--text-col", description = "Column holding the text (default: content or text).")
  String textColumn;

  @Option(names = "--label-col", description = "Column holding a category to import as a label (optional).")
  String labelColumn;

  @Option(names = "--format", description = "csv, tsv, jsonl, json, txt (one text per line), zip; assets with their labels: labelstudio, prodigy, doccano, kili (for images"
      + " and audio, a zip or folder of the files with the annotation file); bounding boxes coco, yolo or voc (a zip or folder of"
      + " images with their annotation files); NER files conll, bio, spacy (default: from the file name).")
  String format;

  @Option(names = "--on-error", defaultValue = "fail", description = "fail (default: import nothing if a row is bad) or skip (keep the good rows).")
  String onError;

  @Option(names = "--on-duplicate", defaultValue = "skip",
      description = "skip (default: a row whose id is already in the project is counted as a duplicate and left out) or"
          + " update (it replaces that asset's text and metadata; its labels stay).")
  String onDuplicate;

  @Option(names = "--labels-from-folders", description = "A zip or folder of images or audio: label each file by its folder's"
      + " name when that is a category of the classification job (one folder per category: train/ants/1.jpg is an ant).")
  boolean labelsFromFolders;

  @Override
  void run(ApiClient api) throws IOException {
    if (!Files.isReadable(file)) {
      throw new CliException("cannot read " + file);
    }
    if (!onError.equals("fail") && !onError.equals("skip")) {
      throw new CliException("--on-error must be fail or skip");
    }
    if (!onDuplicate.equals("skip") && !onDuplicate.equals("update")) {
      throw new CliException("--on-duplicate must be skip or update");
    }
    String boundary = "----labelloop" + UUID.randomUUID().toString().replace("-", "");
    StringBuilder head = new StringBuilder();
    field(head, boundary, "idColumn", idColumn);
    field(head, boundary, "textColumn", textColumn);
    field(head, boundary, "labelColumn", labelColumn);
    field(head, boundary, "format", format);
    if (labelsFromFolders) field(head, boundary, "labelsFromFolders", "true");
    boolean annotated = format != null && List.of("coco", "yolo", "voc", "labelstudio", "kili").contains(format.toLowerCase(Locale.ROOT));
    FolderZip folder = Files.isDirectory(file) ? FolderZip.scan(file, annotated) : null;
    String name = folder != null ? "folder.zip" : file.getFileName().toString().replace("\"", "");
    head.append("--").append(boundary).append("\r\n")
        .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(name).append("\"\r\n")
        .append("Content-Type: application/octet-stream\r\n\r\n");
    byte[] pre = head.toString().getBytes(StandardCharsets.UTF_8);
    byte[] post = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    long size = folder != null ? folder.totalBytes() : Files.size(file);
    Progress progress = new Progress(System.err, folder != null ? "uploading " + folder.count() + " files" : "uploading", size);
    HttpRequest.BodyPublisher body = folder != null
        ? HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(Collections.enumeration(List.of(
            new ByteArrayInputStream(pre), folder.stream(progress), new ByteArrayInputStream(post)))))
        : HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> stream(pre, post, progress)), pre.length + size + post.length);
    HttpRequest req = api.request("/api/v1/projects/" + enc(project) + "/assets?onError=" + onError + "&onDuplicate=" + onDuplicate)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(body).build();
    HttpResponse<InputStream> res;
    try {
      res = api.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (CliException e) {
      progress.finish(size, null);
      throw onError.equals("fail") && e.getMessage().contains("nothing was imported")
          ? new CliException(e.getMessage() + "\n(add --on-error skip to import the good rows and list the bad ones)")
          : e;
    }
    progress.finish(size, null);
    JsonNode report;
    try (InputStream in = res.body()) {
      report = ApiClient.MAPPER.readTree(in);
    }
    if (folder != null) {
      folder.rethrowFailure();
      if (folder.skipped() > 0) {
        System.out.println("left out " + folder.skipped() + " file(s) that are not images or audio by their extension");
      }
    }
    System.out.printf("import done: imported=%d duplicates=%d updated=%d rejected=%d%n", report.path("imported").asLong(),
        report.path("duplicates").asLong(), report.path("updated").asLong(), report.path("rejected").asLong());
    for (JsonNode e : report.path("errors")) {
      System.out.println("  line " + e.path("line").asLong() + ": " + e.path("message").asText());
    }
  }

  private static void field(StringBuilder sb, String boundary, String name, String value) {
    if (value != null && !value.isBlank()) {
      sb.append("--").append(boundary).append("\r\n")
          .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
          .append(value).append("\r\n");
    }
  }

  private InputStream stream(byte[] pre, byte[] post, Progress progress) {
    try {
      InputStream counted = new FilterInputStream(new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
        long sent;

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          int n = super.read(b, off, len);
          if (n > 0) {
            sent += n;
            progress.update(sent);
          }
          return n;
        }
      };
      return new SequenceInputStream(Collections.enumeration(
          List.of(new ByteArrayInputStream(pre), counted, new ByteArrayInputStream(post))));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
