package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;

/**
 * What a signed-in but hostile user, or a careless proxy setup, must not get (issue 17, defect 4): user ids probed
 * through project membership, projects created without permission, a browser left without HSTS or a CSP.
 */
class HostileClientsIT extends ServerContract {
  @Override
  String databaseUrl() {
    return null;
  }

  /** A new user: {id, api key}. */
  private String[] user(String email) {
    Response u = admin.post("/api/v1/users", Api.object().put("email", email).put("password", "a long password"));
    assertEquals(201, u.status(), u.text());
    String id = u.body().path("id").asText();
    return new String[] {id, admin.post("/api/v1/users/" + id + "/api-keys", Api.object()).body().path("key").asText()};
  }

  private String project(Api as) {
    Response r = as.post("/api/v1/projects", Api.object().put("title", "p").set("jsonInterface", Api.textInterface("A", "B")));
    assertEquals(201, r.status(), r.text());
    return r.body().path("id").asText();
  }

  @Test
  void aProjectAdminCannotTellWhichUserIdsExist() {
    String[] manager = user("manager@example.org");
    String[] stranger = user("stranger@example.org");
    String[] colleague = user("colleague@example.org");
    String p = project(admin);
    String shared = project(admin);
    assertEquals(201, admin.put("/api/v1/projects/" + p + "/members/" + manager[0], Api.object().put("role", "ADMIN")).status());
    assertEquals(201, admin.put("/api/v1/projects/" + shared + "/members/" + manager[0], Api.object().put("role", "LABELER")).status());
    assertEquals(201, admin.put("/api/v1/projects/" + shared + "/members/" + colleague[0], Api.object().put("role", "LABELER")).status());
    Api asManager = admin.as(manager[1]);
    Response missing = asManager.put("/api/v1/projects/" + p + "/members/99999", Api.object().put("role", "LABELER"));
    Response existing = asManager.put("/api/v1/projects/" + p + "/members/" + stranger[0], Api.object().put("role", "LABELER"));
    assertEquals(404, missing.status());
    assertEquals(missing.status(), existing.status());
    assertEquals(missing.text().replace("99999", "ID"), existing.text().replace(stranger[0], "ID"), "the two answers differ only by the id asked");
    assertEquals(201, asManager.put("/api/v1/projects/" + p + "/members/" + colleague[0], Api.object().put("role", "LABELER")).status(),
        "a user who shares a project with the manager can be added");
    assertEquals(201, admin.put("/api/v1/projects/" + p + "/members/" + stranger[0], Api.object().put("role", "LABELER")).status(),
        "a server administrator adds anyone");
  }

  @Test
  void onlyAdminsAndAllowedUsersCreateProjectsUnlessTheInstanceSaysEveryone() {
    String[] plain = user("plain@example.org");
    String[] allowed = user("allowed@example.org");
    Api asPlain = admin.as(plain[1]);
    Response refused = asPlain.post("/api/v1/projects", Api.object().put("title", "mine").set("jsonInterface", Api.textInterface("A")));
    assertEquals(403, refused.status(), refused.text());
    assertEquals("ALLOWED_USERS", admin.get("/api/v1/instance-settings").body().path("projectCreators").asText());

    Response allow = admin.patch("/api/v1/users/" + allowed[0], Api.object().put("canCreateProjects", true));
    assertEquals(200, allow.status(), allow.text());
    assertTrue(allow.body().path("canCreateProjects").asBoolean());
    String mine = project(admin.as(allowed[1]));
    assertEquals("ADMIN", admin.as(allowed[1]).get("/api/v1/projects/" + mine).body().path("role").asText(), "the creator administers it");

    assertEquals(200, admin.patch("/api/v1/instance-settings", Api.object().put("projectCreators", "EVERYONE")).status());
    project(asPlain);
    assertEquals(200, admin.patch("/api/v1/instance-settings", Api.object().put("projectCreators", "ALLOWED_USERS")).status());
    assertEquals(403, asPlain.post("/api/v1/projects", Api.object().put("title", "again").set("jsonInterface", Api.textInterface("A"))).status());
  }

  @Test
  void theUiHasACspWithoutPluginsAndHstsOnlyBehindHttps() throws Exception {
    HttpResponse<String> ui = get(admin.base() + "/", "https");
    String csp = ui.headers().firstValue("Content-Security-Policy").orElse("");
    assertTrue(csp.contains("object-src 'none'"), csp);
    assertFalse(ui.headers().firstValue("Strict-Transport-Security").isPresent(), "X-Forwarded-Proto is not believed without --trust-proxy");
    assertFalse(get(admin.base() + "/", null).headers().firstValue("Strict-Transport-Security").isPresent());

    var data = Files.createTempDirectory("labelloop-proxy-");
    try (LabelloopApp proxied = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, null, false, false,
        org.labelloop.core.io.ImportLimits.DEFAULT, true), new PrintStream(new ByteArrayOutputStream()))) {
      String base = "http://127.0.0.1:" + proxied.port();
      assertEquals("max-age=31536000", get(base + "/", "https").headers().firstValue("Strict-Transport-Security").orElse(null));
      assertFalse(get(base + "/", "http").headers().firstValue("Strict-Transport-Security").isPresent());
      HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/login"))
          .header("X-Forwarded-Proto", "https").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"admin@localhost\",\"password\":\"wrong password\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals("max-age=31536000", login.headers().firstValue("Strict-Transport-Security").orElse(null), "API answers too");
    }
  }

  private static HttpResponse<String> get(String url, String forwardedProto) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (forwardedProto != null) {
      b.header("X-Forwarded-Proto", forwardedProto);
    }
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
