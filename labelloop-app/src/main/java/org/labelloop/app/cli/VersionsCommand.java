package org.labelloop.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labelloop versions create|list|diff|to-review|export}: named snapshots of a project's labeled dataset. */
@Command(name = "versions", mixinStandardHelpOptions = true, description = "Dataset versions: snapshot, diff, send changes to review, export.",
    subcommands = {VersionsCommand.Create.class, VersionsCommand.ListVersions.class, VersionsCommand.Diff.class,
        VersionsCommand.ToReview.class, VersionsCommand.Export.class})
public final class VersionsCommand {
  private static String base(String project) {
    return "/api/v1/projects/" + ClientCommand.enc(project) + "/versions";
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Snapshot the labeled dataset under a name.")
  static final class Create extends ClientCommand {
    @Option(names = "--project", required = true) String project;
    @Parameters(index = "0", paramLabel = "NAME") String name;

    @Override
    void run(ApiClient api) {
      JsonNode v = api.post(base(project), ApiClient.MAPPER.createObjectNode().put("name", name));
      System.out.println("version created: id=" + v.path("id").asText() + " name=" + v.path("name").asText()
          + " assets=" + v.path("assetCount").asLong() + " model=" + v.path("modelVersion").asText("none"));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the project's dataset versions.")
  static final class ListVersions extends ClientCommand {
    @Option(names = "--project", required = true) String project;

    @Override
    void run(ApiClient api) {
      System.out.printf("%-8s %-24s %-10s %-8s %s%n", "ID", "NAME", "ASSETS", "MODEL", "CREATED");
      for (JsonNode v : api.get(base(project)).path("items")) {
        System.out.printf("%-8s %-24s %-10d %-8s %s%n", v.path("id").asText(), v.path("name").asText(),
            v.path("assetCount").asLong(), v.path("modelVersion").asText("-"), v.path("createdAt").asText());
      }
    }
  }

  @Command(name = "diff", mixinStandardHelpOptions = true, description = "What changed from version A to version B.")
  static final class Diff extends ClientCommand {
    @Option(names = "--project", required = true) String project;
    @Parameters(index = "0", paramLabel = "A") String a;
    @Parameters(index = "1", paramLabel = "B") String b;

    @Override
    void run(ApiClient api) {
      JsonNode d = api.get(base(project) + "/" + enc(a) + "/diff/" + enc(b));
      d.path("added").forEach(e -> System.out.println("+ " + e.asText()));
      d.path("removed").forEach(e -> System.out.println("- " + e.asText()));
      d.path("changed").forEach(c -> System.out.println("~ " + c.path("externalId").asText() + " " + c.path("before") + " -> " + c.path("after")));
      System.out.println("added=" + d.path("added").size() + " removed=" + d.path("removed").size() + " changed=" + d.path("changed").size());
    }
  }

  @Command(name = "to-review", mixinStandardHelpOptions = true, description = "Move the assets whose answer changed from A to B to TO_REVIEW.")
  static final class ToReview extends ClientCommand {
    @Option(names = "--project", required = true) String project;
    @Parameters(index = "0", paramLabel = "A") String a;
    @Parameters(index = "1", paramLabel = "B") String b;

    @Override
    void run(ApiClient api) {
      JsonNode r = api.post(base(project) + "/" + enc(a) + "/diff/" + enc(b) + "/to-review", ApiClient.MAPPER.createObjectNode());
      System.out.println("moved to review: " + r.path("moved").asInt());
    }
  }

  @Command(name = "export", mixinStandardHelpOptions = true, description = "Write a version as JSON Lines.")
  static final class Export extends ClientCommand {
    @Option(names = "--project", required = true) String project;
    @Option(names = {"-o", "--output"}, required = true) Path output;
    @Parameters(index = "0", paramLabel = "VERSION") String version;

    @Override
    void run(ApiClient api) throws Exception {
      HttpResponse<InputStream> res =
          api.send(api.request(base(project) + "/" + enc(version) + "/export").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = res.body()) {
        Files.copy(in, output, StandardCopyOption.REPLACE_EXISTING);
      }
      System.out.println("exported version " + version + " to " + output);
    }
  }
}
