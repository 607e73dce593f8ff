package org.labelloop.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labelloop users create|list} (administrators). */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage users (administrators only).",
    subcommands = {UsersCommand.Create.class, UsersCommand.ListUsers.class})
public final class UsersCommand {
  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a user.")
  static final class Create extends ClientCommand {
    @Option(names = "--email", required = true) String email;
    @Option(names = "--name", defaultValue = "") String name;
    @Option(names = "--password", defaultValue = "${env:LABELLOOP_NEW_PASSWORD}",
        description = "At least 10 characters (default: env LABELLOOP_NEW_PASSWORD).") String password;
    @Option(names = "--admin", description = "Make the user a server administrator.") boolean admin;
    @Option(names = "--can-create-projects", description = "Allow the user to create projects (administrators always can).")
    boolean canCreateProjects;

    @Override
    void run(ApiClient api) {
      if (password == null || password.isBlank()) {
        throw new CliException("--password (or env LABELLOOP_NEW_PASSWORD) is required");
      }
      ObjectNode body = ApiClient.MAPPER.createObjectNode().put("email", email).put("name", name)
          .put("password", password).put("admin", admin);
      JsonNode u = api.post("/api/v1/users", body);
      if (canCreateProjects) {
        api.patch("/api/v1/users/" + u.path("id").asText(), ApiClient.MAPPER.createObjectNode().put("canCreateProjects", true));
      }
      System.out.println("user created: id=" + u.path("id").asText() + " email=" + u.path("email").asText());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List users.")
  static final class ListUsers extends ClientCommand {
    @Override
    void run(ApiClient api) {
      System.out.printf("%-28s %-32s %-24s %s%n", "ID", "EMAIL", "NAME", "ADMIN");
      for (JsonNode u : api.get("/api/v1/users").path("items")) {
        System.out.printf("%-28s %-32s %-24s %s%n", u.path("id").asText(), u.path("email").asText(),
            u.path("name").asText(), u.path("admin").asBoolean());
      }
    }
  }
}
