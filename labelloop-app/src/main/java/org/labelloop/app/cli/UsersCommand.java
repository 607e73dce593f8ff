package org.labelloop.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code labelloop users create|import|list|update} (administrators). */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Manage users (administrators only).",
    subcommands = {UsersCommand.Create.class, UsersCommand.Import.class, UsersCommand.ListUsers.class, UsersCommand.Update.class})
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

  /**
   * A team at once: the users of a CSV file, each with a generated password written to a new file of mode 600 as it is
   * created (a failure midway loses no password), and optionally their role in a project. A user whose email exists
   * is kept as is (and still joins the project; a member already keeps their role). The file is checked whole before
 * anyone is created.
   */
  @Command(name = "import", mixinStandardHelpOptions = true,
      description = "Create the users of a CSV file (columns email and, optionally, name) with generated passwords.")
  static final class Import extends ClientCommand {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    @Option(names = "--file", required = true, description = "CSV with a header: email, and optionally name.") Path file;
    @Option(names = "--passwords-out", required = true,
        description = "A new file for the new users' email,password lines (mode 600); existing users are not in it.") Path passwordsOut;
    @Option(names = "--project", description = "Make every user of the file a member of this project.") String project;
    @Option(names = "--role", defaultValue = "LABELER", description = "Their role in --project: LABELER (default), REVIEWER or ADMIN.")
    String role;

    private record Person(String email, String name) {}

    @Override
    void run(ApiClient api) throws IOException {
      List<Person> people = read(file);
      if (Files.exists(passwordsOut)) throw new CliException("--passwords-out: " + passwordsOut + " exists; give a new file (it will hold passwords)");
      Map<String, String> known = new HashMap<>();
      for (JsonNode u : api.get("/api/v1/users").path("items")) known.put(u.path("email").asText().toLowerCase(Locale.ROOT), u.path("id").asText());
      Set<String> members = new HashSet<>(); // of --project: their role stays as it is
      if (project != null) {
        for (JsonNode m : api.get("/api/v1/projects/" + enc(project) + "/members").path("items")) members.add(m.path("userId").asText());
      }
      int created = 0, added = 0;
      try (BufferedWriter passwords = Files.newBufferedWriter(ownerOnly(passwordsOut), StandardCharsets.UTF_8)) {
        passwords.write("email,password\n");
        for (Person p : people) {
          String id = known.get(p.email().toLowerCase(Locale.ROOT));
          if (id == null) {
            String password = password();
            id = api.post("/api/v1/users", ApiClient.MAPPER.createObjectNode().put("email", p.email()).put("name", p.name())
                .put("password", password)).path("id").asText();
            passwords.write(p.email() + "," + password + "\n");
            passwords.flush();
            created++;
          }
          if (project != null && members.add(id)) {
            api.post("/api/v1/projects/" + enc(project) + "/members", ApiClient.MAPPER.createObjectNode().put("userId", id).put("role", role));
            added++;
          }
        }
      } finally {
        System.out.println("users: created=" + created + " existing=" + (people.size() - created)
            + (project == null ? "" : "; added to project " + project + " as " + role + "=" + added + " (members already keep their role)")
            + "; the new users' passwords are in " + passwordsOut);
      }
    }

    /** The file's people; a missing or malformed email, or one listed twice, names its line and creates nobody. */
    private static List<Person> read(Path file) throws IOException {
      List<Person> people = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
           CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreHeaderCase(true).setTrim(true).get().parse(in)) {
        if (!csv.getHeaderMap().containsKey("email")) throw new CliException(file + ": line 1 has no 'email' column");
        boolean named = csv.getHeaderMap().containsKey("name");
        for (CSVRecord r : csv) {
          long line = csv.getCurrentLineNumber();
          String email = r.isSet("email") ? r.get("email") : "";
          if (email.isEmpty() || email.indexOf('@') < 1 || email.indexOf('@') == email.length() - 1) {
            throw new CliException(file + ": line " + line + ": '" + email + "' is not an email address; nobody was created");
          }
          if (!seen.add(email.toLowerCase(Locale.ROOT))) throw new CliException(file + ": line " + line + ": " + email + " is listed twice; nobody was created");
          people.add(new Person(email, named && r.isSet("name") ? r.get("name") : ""));
        }
      } catch (UncheckedIOException | IllegalStateException e) {
        throw new CliException(file + ": not a readable CSV file (" + e.getMessage() + "); nobody was created");
      }
      if (people.isEmpty()) throw new CliException(file + ": no user in it");
      return people;
    }

    private static Path ownerOnly(Path path) throws IOException {
      try {
        return Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        return Files.createFile(path); // not a POSIX file system
      }
    }

    /** 16 characters of an alphabet without look-alikes (0/O, 1/l/I): about 93 bits. */
    private static String password() {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < 16; i++) b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
      return b.toString();
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
