package org.labelloop.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code labelloop keys create|list|revoke}: API keys of a user (yourself by default). */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage API keys.",
    subcommands = {KeysCommand.Create.class, KeysCommand.ListKeys.class, KeysCommand.Revoke.class})
public final class KeysCommand {
  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an API key; it is printed once.")
  static final class Create extends ClientCommand {
    @Option(names = "--user", defaultValue = "me", description = "User id (default: yourself).") String user;
    @Option(names = "--name", defaultValue = "cli", description = "A name to recognise the key by.") String name;

    @Override
    void run(ApiClient api) {
      JsonNode k = api.post("/api/v1/users/" + enc(user) + "/api-keys", ApiClient.MAPPER.createObjectNode().put("name", name));
      System.out.println("key created: id=" + k.path("id").asText() + " key=" + k.path("key").asText());
      System.err.println("(the key is shown only now; store it safely)");
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List API keys (never the keys themselves).")
  static final class ListKeys extends ClientCommand {
    @Option(names = "--user", defaultValue = "me", description = "User id (default: yourself).") String user;

    @Override
    void run(ApiClient api) {
      System.out.printf("%-28s %-16s %-12s %-26s %s%n", "ID", "NAME", "PREFIX", "CREATED", "REVOKED");
      for (JsonNode k : api.get("/api/v1/users/" + enc(user) + "/api-keys").path("items")) {
        System.out.printf("%-28s %-16s %-12s %-26s %s%n", k.path("id").asText(), k.path("name").asText(),
            k.path("prefix").asText(), k.path("createdAt").asText(), k.path("revokedAt").asText(""));
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key.")
  static final class Revoke extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KEY_ID") String keyId;

    @Override
    void run(ApiClient api) {
      api.delete("/api/v1/api-keys/" + enc(keyId));
      System.out.println("key revoked: id=" + keyId);
    }
  }
}
