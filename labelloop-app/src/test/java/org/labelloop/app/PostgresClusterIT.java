package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.core.ExpiringCache;
import org.labelloop.store.testing.EmbeddedPostgresServer;

/**
 * What is shared between two servers on one PostgreSQL database besides the rows: media files (in the database), cache
 * invalidations (LISTEN/NOTIFY, well inside the caches' time to live) and failed-login counts.
 */
class PostgresClusterIT extends ServerContract {
  private LabelloopApp second;
  private Api adminOnSecond;

  @Override
  String databaseUrl() {
    return EmbeddedPostgresServer.get().newDatabaseUrl();
  }

  @BeforeAll
  void startSecond() throws Exception {
    second = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, Files.createTempDirectory("labelloop-it-"), jdbcUrl,
        false, false), new PrintStream(new ByteArrayOutputStream()));
    adminOnSecond = new Api("http://127.0.0.1:" + second.port(), app.adminApiKey());
  }

  @AfterAll
  void stopSecond() {
    second.close();
  }

  @Test
  void anImageImportedThroughOneServerIsServedByTheOther() throws Exception {
    String project = admin.post("/api/v1/projects", "{\"title\":\"images\",\"inputType\":\"IMAGE\",\"jsonInterface\":{\"jobs\":"
        + "{\"JOB_0\":{\"mlTask\":\"CLASSIFICATION\",\"required\":1,\"content\":{\"input\":\"radio\",\"categories\":"
        + "{\"CAT\":{\"name\":\"cat\"}}}}}}}").body().path("id").asText();
    byte[] png = MediaApiContract.png(5);
    Response imported = uploadZip(project, MediaApiContract.zip("cat.png", png), null, "");
    assertEquals(201, imported.status(), imported.text());
    String assetId = adminOnSecond.get("/api/v1/projects/" + project + "/assets?limit=10").body().path("items").get(0).path("id").asText();
    HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(URI.create(adminOnSecond.base() + "/api/v1/projects/" + project
        + "/assets/" + assetId + "/file")).header("Authorization", "Bearer " + app.adminApiKey()).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, file.statusCode());
    assertEquals("image/png", file.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(png, file.body());
  }

  @Test
  void aKeyRevokedOnOneServerFailsOnTheOtherBeforeItsCacheWouldExpire() throws Exception {
    String userId = admin.post("/api/v1/users", Api.object().put("email", "revoked-" + System.nanoTime() + "@example.org")
        .put("name", "R").put("password", "a long enough password")).body().path("id").asText();
    Response created = admin.post("/api/v1/users/" + userId + "/api-keys", Api.object().put("name", "it"));
    Api user = new Api(adminOnSecond.base(), created.body().path("key").asText());
    assertEquals(200, user.get("/api/v1/auth/me").status(), "the second server caches the key's user");
    long revoked = System.nanoTime();
    assertEquals(204, admin.delete("/api/v1/api-keys/" + created.body().path("id").asText()).status());
    assertTrue(refusedWithinTimeToLive(user, "/api/v1/auth/me", revoked), "the revoked key kept working on the other server");
  }

  @Test
  void aMemberRemovedOnOneServerLosesTheProjectOnTheOtherAtOnce() throws Exception {
    String project = admin.post("/api/v1/projects", Api.object().put("title", "members").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("A", "B"))).body().path("id").asText();
    String userId = admin.post("/api/v1/users", Api.object().put("email", "member-" + System.nanoTime() + "@example.org")
        .put("name", "M").put("password", "a long enough password")).body().path("id").asText();
    String key = admin.post("/api/v1/users/" + userId + "/api-keys", Api.object().put("name", "it")).body().path("key").asText();
    assertEquals(201, admin.post("/api/v1/projects/" + project + "/members", Api.object().put("userId", userId).put("role", "LABELER")).status());
    Api member = new Api(adminOnSecond.base(), key);
    assertEquals(200, member.get("/api/v1/projects/" + project).status(), "the second server caches the membership");
    long removed = System.nanoTime();
    assertEquals(204, admin.delete("/api/v1/projects/" + project + "/members/" + userId).status());
    assertTrue(refusedWithinTimeToLive(member, "/api/v1/projects/" + project, removed), "the removed member kept the project");
  }

  @Test
  void failedLoginsSpreadOverBothServersAreCountedTogether() {
    String email = "guessed-" + System.nanoTime() + "@example.org";
    Api[] servers = {new Api(admin.base(), null), new Api(adminOnSecond.base(), null)};
    for (int i = 0; i < 5; i++) {
      Response r = servers[i % 2].post("/api/v1/auth/login", Api.object().put("email", email).put("password", "guess " + i));
      assertEquals(401, r.status(), r.text());
    }
    Response sixth = servers[1].post("/api/v1/auth/login", Api.object().put("email", email).put("password", "guess 5"));
    assertEquals(429, sixth.status(), "five failures over two servers are five failures: " + sixth.text());
  }

  /** Whether {@code path} is refused (4xx) within half the caches' time to live after {@code sinceNanos}. */
  private static boolean refusedWithinTimeToLive(Api api, String path, long sinceNanos) throws InterruptedException {
    long deadline = sinceNanos + ExpiringCache.TIME_TO_LIVE.toNanos() / 2;
    while (System.nanoTime() < deadline) {
      int status = api.get(path).status();
      if (status >= 400 && status < 500) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
