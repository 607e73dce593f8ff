package org.labelloop.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labelloop export-model}: a text or image classifier's model version as one file, for the Spark job. */
@Command(name = "export-model", mixinStandardHelpOptions = true,
    description = {"Write a text or image project's model version as one file, for labelloop-spark's ScoreJob.",
        "The file holds the card, the weights, the TF-IDF vocabulary or vector scaling, and the encoder (a shipped one",
        "by name, a project's own ONNX image encoder whole). Project ADMIN."})
public final class ExportModelCommand extends ClientCommand {
  @Option(names = "--project", required = true, description = "Project id.")
  String project;

  @Option(names = "--version", description = "Model version number (default: the newest).")
  Integer version;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "File to write (e.g. model.llm).")
  Path output;

  @Override
  void run(ApiClient api) throws IOException {
    int v = version != null ? version : newest(api);
    long bytes = api.download("/api/v1/projects/" + enc(project) + "/models/" + v + "/file", output);
    System.out.printf("export-model done: version=%d bytes=%d file=%s%n", v, bytes, output);
  }

  private int newest(ApiClient api) {
    JsonNode items = api.get("/api/v1/projects/" + enc(project) + "/models").path("items");
    if (items.isEmpty()) throw new CliException("project " + project + " has no trained model yet");
    return items.get(0).path("version").asInt();
  }
}
