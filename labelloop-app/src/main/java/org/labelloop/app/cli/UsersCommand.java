package org.labelloop.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labelloop users create|list|update} (administrators). */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage users (administrators only).",
    subcommands = {UsersCommand.Create.class, UsersCommand.ListUsers.class, UsersCommand.Update.class})
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
      System.out.printf("%-8s %-32s %-24s %-6s %-16s %s%n", "ID", "EMAIL", "NAME", "ADMIN", "CREATES PROJECTS", "ACTIVE");
      for (JsonNode u : api.get("/api/v1/users").path("items")) {
        System.out.printf("%-8s %-32s %-24s %-6s %-16s %s%n", u.path("id").asText(), u.path("email").asText(),
            u.path("name").asText(), u.path("admin").asBoolean(), u.path("canCreateProjects").asBoolean(), u.path("active").asBoolean());
      }
    }
  }

  @Command(name = "update", mixinStandardHelpOptions = true,
      description = "Change another user's account: administrator role, project creation, a new password, deactivation.")
  static final class Update extends ClientCommand {
    @Option(names = "--email", required = true) String email;
    @Option(names = "--admin", negatable = true, description = "Make (--no-admin: stop making) the user a server administrator.")
    Boolean admin;
    @Option(names = "--can-create-projects", negatable = true, description = "Allow (--no-can-create-projects: forbid) creating projects.")
    Boolean canCreateProjects;
    @Option(names = "--deactivate", description = "No login, API key or session until reactivated; the user's labels stay.")
    boolean deactivate;
    @Option(names = "--reactivate", description = "Let a deactivated user in again (their API keys work again).") boolean reactivate;
    @Option(names = "--reset-password", description = "Set the password given by env LABELLOOP_NEW_PASSWORD (at least 10 "
        + "characters); the user's browser sessions end.") boolean resetPassword;

    @Override
    void run(ApiClient api) {
      if (deactivate && reactivate) throw new CliException("--deactivate and --reactivate exclude each other");
      ObjectNode body = ApiClient.MAPPER.createObjectNode();
      if (admin != null) body.put("admin", admin);
      if (canCreateProjects != null) body.put("canCreateProjects", canCreateProjects);
      if (deactivate || reactivate) body.put("active", reactivate);
      if (resetPassword) {
        String password = System.getenv("LABELLOOP_NEW_PASSWORD");
        if (password == null || password.isBlank()) throw new CliException("--reset-password reads the new password from env LABELLOOP_NEW_PASSWORD");
        body.put("password", password);
      }
      JsonNode u = api.patch("/api/v1/users/" + idOf(api, email), body);
      System.out.println("user " + u.path("id").asText() + " " + u.path("email").asText() + ": admin=" + u.path("admin").asBoolean()
          + " canCreateProjects=" + u.path("canCreateProjects").asBoolean() + " active=" + u.path("active").asBoolean());
    }

    private static String idOf(ApiClient api, String email) {
      for (JsonNode u : api.get("/api/v1/users").path("items")) {
        if (u.path("email").asText().equalsIgnoreCase(email.trim())) return u.path("id").asText();
      }
      throw new CliException("no user has the email " + email);
    }
  }
}
