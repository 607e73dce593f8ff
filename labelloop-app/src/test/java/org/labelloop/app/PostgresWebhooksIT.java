package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.HookReceiver.Hook;
import org.labelloop.store.testing.EmbeddedPostgresServer;

/** Webhooks on PostgreSQL, and two servers sharing one outbox: every event delivered, none twice. */
class PostgresWebhooksIT extends WebhooksContract {
  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }

  @Test
  void twoServersShareTheOutboxWithoutSendingAnEventTwice() throws Exception {
    try (LabelloopApp second = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, Files.createTempDirectory("labelloop-it-"),
        jdbcUrl, false, false), new PrintStream(new ByteArrayOutputStream()))) {
      String[] ids = new String[200];
      for (int i = 0; i < ids.length; i++) ids[i] = "t" + i;
      String p = project(ids);
      hook(p, "LABEL_CREATED");
      Api other = new Api("http://127.0.0.1:" + second.port(), app.adminApiKey());
      for (int i = 0; i < ids.length; i += 20) {
        ArrayNode batch = Api.array();
        for (int k = i; k < i + 20; k++) batch.add(label(ids[k], "DEFAULT", "A"));
        assertEquals(201, (i % 40 == 0 ? admin : other).post("/api/v1/projects/" + p + "/labels", batch).status());
      }
      List<Hook> hooks = receiver.await(h -> true, ids.length, 30_000);
      Map<String, Long> perEvent = hooks.stream().collect(Collectors.groupingBy(h -> h.body().path("id").asText(), Collectors.counting()));
      assertEquals(ids.length, perEvent.size(), "every event delivered");
      assertEquals(Map.of(), perEvent.entrySet().stream().filter(e -> e.getValue() > 1)
          .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "no event sent twice");
      assertEquals(ids.length, hooks.stream().map(h -> h.body().path("data").path("externalId").asText())
          .collect(Collectors.toMap(Function.identity(), x -> 1, Integer::sum)).size());
    }
  }
}
