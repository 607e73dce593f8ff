package org.labelloop.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
          + " with the newest predictions), prodigy (texts' categories and spans), for the OBJECT_DETECTION job's boxes coco (JSON),"
          + " yolo or voc (a zip), or for the NER job's labeled sentences conll, bio, spacy.")
  String format;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "File to write.")
  Path output;

  @Option(names = "--status", description = "Only assets with this status.")
  String status;

  @Override
  void run(ApiClient api) throws IOException {
    String f = format.toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(f)) {
      throw new CliException("--format must be one of " + String.join(", ", FORMATS));
    }
    String path = "/api/v1/projects/" + enc(project) + "/export?format=" + f + (status == null ? "" : "&status=" + enc(status));
    HttpResponse<InputStream> res = api.send(api.request(path).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    Path abs = output.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".part");
    Progress progress = new Progress(System.err, "downloading", -1);
    long total = 0;
    try (InputStream in = res.body(); OutputStream out = Files.newOutputStream(tmp)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        out.write(buf, 0, n);
        total += n;
        progress.update(total);
      }
    }
    progress.finish(total, null);
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
    System.out.printf("export done: bytes=%d file=%s%n", total, output);
  }
}
