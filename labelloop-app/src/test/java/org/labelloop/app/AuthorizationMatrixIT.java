package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.app.testing.StubModelServer;

/**
 * Who may call what: every route the server registers, called by each kind of caller, gets the status the table
 * says. A route the table does not list fails the test, so a new route cannot ship without deciding who may call it.
 *
 * <p>The expected status follows from a route's level: callers allowed get the row's success status; a member whose
 * role is too low gets 403; a signed-in user outside the project gets 404 (a project's existence never leaks); no key
 * and a revoked key get 401. Routes that destroy what they name act on a fresh object for every call.
 */
class AuthorizationMatrixIT extends ServerContract {
  /** The kinds of caller. MANAGER is a project admin who is not a server administrator. */
  enum Who { ADMIN, MANAGER, REVIEWER, LABELER, OUTSIDER, NO_KEY, REVOKED_KEY }

  /**
   * Who a route lets in: anyone; any signed-in user; server administrators and the users they allow to create
   * projects (the manager here); the user named in the path (the labeler) or an administrator; administrators only; or members
   * with at least a project role. A webhook is the project admins' business: to anyone else it does not exist (404).
   */
  enum Level { PUBLIC, SIGNED_IN, CREATOR, SELF_OR_ADMIN, SERVER_ADMIN, LABELER, REVIEWER, MANAGER, HIDDEN_BELOW_MANAGER }

  /** A request: path (with query) and JSON body, or null for none. */
  record Call(String path, String body) {}

  /** A table row: the route as registered, who it lets in, the status of an allowed call, and the call to make. */
  record Row(String route, Level level, int ok, Function<Fixture, Call> call) {}

  private final AtomicInteger serial = new AtomicInteger();

  @Override
  String databaseUrl() {
    return null;
  }

  private List<Row> table() {
    String label = "{\"assetExternalId\":\"a1\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"A\"}]}}}";
    return List.of(
        row("GET /api/v1/health", Level.PUBLIC, 200),
        row("GET /api/v1/auth/session", Level.PUBLIC, 200),
        row("POST /api/v1/auth/login", Level.PUBLIC, 200, f -> new Call("/api/v1/auth/login", f.labelerLogin)),
        row("POST /api/v1/auth/logout", Level.SIGNED_IN, 204),
        row("GET /api/v1/auth/me", Level.SIGNED_IN, 200),
        row("POST /api/v1/auth/password", Level.SIGNED_IN, 400), // signed in, but no current password given: nothing changes
        row("POST /api/v1/projects", Level.CREATOR, 201, f -> new Call("/api/v1/projects", f.projectBody)),
        row("GET /api/v1/projects", Level.SIGNED_IN, 200),
        row("GET /api/v1/projects/{id}", Level.LABELER, 200),
        row("PATCH /api/v1/projects/{id}", Level.MANAGER, 200, f -> f.in("", "{\"description\":\"patched\"}")),
        row("DELETE /api/v1/projects/{id}", Level.MANAGER, 204, f -> new Call("/api/v1/projects/" + f.teamProject(), null)),
        row("GET /api/v1/projects/{id}/members", Level.LABELER, 200),
        row("POST /api/v1/projects/{id}/members", Level.MANAGER, 201,
            f -> f.in("/members", "{\"userId\":\"" + f.spare + "\",\"role\":\"LABELER\"}")),
        row("PUT /api/v1/projects/{id}/members/{userId}", Level.MANAGER, 201,
            f -> f.in("/members/" + f.spare, "{\"role\":\"LABELER\"}")),
        row("DELETE /api/v1/projects/{id}/members/{userId}", Level.MANAGER, 204, f -> f.in("/members/" + f.spareMember(), null)),
        row("POST /api/v1/projects/{id}/assets", Level.MANAGER, 201,
            f -> f.in("/assets", "[{\"externalId\":\"new" + serial.incrementAndGet() + "\",\"content\":\"t\"}]")),
        row("GET /api/v1/projects/{id}/assets", Level.LABELER, 200),
        row("GET /api/v1/projects/{id}/schema", Level.LABELER, 200, f -> f.inTable("/schema", null)),
        row("PATCH /api/v1/projects/{id}/schema", Level.MANAGER, 200, f -> f.inTable("/schema", "{\"columns\":[{\"name\":\"x\",\"role\":\"FEATURE\"}]}")),
        row("POST /api/v1/projects/{id}/schema/preview", Level.MANAGER, 200, f -> f.inTable("/schema/preview?format=csv", "id,x\nr2,2\n")),
        row("PATCH /api/v1/projects/{id}/assets", Level.REVIEWER, 200, f -> f.in("/assets", "{\"externalIds\":[\"a2\"],\"priority\":3}")),
        row("GET /api/v1/projects/{id}/assets/{assetId}/file", Level.LABELER, 200, f -> new Call("/api/v1/projects/" + f.imageProject + "/assets/" + f.image + "/file", null)),
        row("GET /api/v1/projects/{id}/similar", Level.LABELER, 200, f -> f.inTable("/similar?assetId=" + f.tableRow, null)),
        row("POST /api/v1/projects/{id}/labels", Level.LABELER, 201, f -> f.in("/labels", label)),
        row("GET /api/v1/projects/{id}/labels", Level.LABELER, 200),
        row("GET /api/v1/projects/{id}/queue/next", Level.LABELER, 200),
        row("POST /api/v1/projects/{id}/queue/answer", Level.LABELER, 201, f -> f.in("/queue/answer", label)),
        row("POST /api/v1/projects/{id}/queue/{assetId}/skip", Level.LABELER, 204, f -> f.in("/queue/" + f.asset + "/skip", null)),
        row("GET /api/v1/projects/{id}/export", Level.REVIEWER, 200),
        row("POST /api/v1/users", Level.SERVER_ADMIN, 201,
            f -> new Call("/api/v1/users", "{\"email\":\"new" + serial.incrementAndGet() + "@example.org\",\"password\":\"long enough password\"}")),
        row("GET /api/v1/users", Level.SERVER_ADMIN, 200),
        row("POST /api/v1/users/{id}/api-keys", Level.SELF_OR_ADMIN, 201, f -> new Call("/api/v1/users/" + f.labeler + "/api-keys", "{\"name\":\"k\"}")),
        row("GET /api/v1/users/{id}/api-keys", Level.SELF_OR_ADMIN, 200, f -> new Call("/api/v1/users/" + f.labeler + "/api-keys", null)),
        row("PATCH /api/v1/users/{id}", Level.SERVER_ADMIN, 200,
            f -> new Call("/api/v1/users/" + f.labeler, "{\"canCreateProjects\":false}")),
        row("GET /api/v1/instance-settings", Level.SERVER_ADMIN, 200),
        row("PATCH /api/v1/instance-settings", Level.SERVER_ADMIN, 200,
            f -> new Call("/api/v1/instance-settings", "{\"projectCreators\":\"ALLOWED_USERS\"}")),
        row("DELETE /api/v1/api-keys/{id}", Level.SELF_OR_ADMIN, 204, f -> new Call("/api/v1/api-keys/" + f.labelerKey(), null)),
        row("GET /api/v1/projects/{id}/learning", Level.LABELER, 200),
        row("PATCH /api/v1/projects/{id}/learning", Level.MANAGER, 200, f -> f.in("/learning", "{\"retrainEvery\":50}")),
        row("GET /api/v1/projects/{id}/models", Level.LABELER, 200),
        row("POST /api/v1/projects/{id}/models/train", Level.MANAGER, 202, f -> f.in("/models/train", "{}")),
        // the fixture has no trained model: an admin of the project reaches the lookup (404), lower roles are refused first
        row("GET /api/v1/projects/{id}/models/{version}/file", Level.MANAGER, 404, f -> f.in("/models/1/file", null)),
        row("GET /api/v1/projects/{id}/training-jobs", Level.LABELER, 200),
        row("GET /api/v1/projects/{id}/learning-curve", Level.LABELER, 200),
        row("GET /api/v1/projects/{id}/inference-marks", Level.REVIEWER, 200),
        row("GET /api/v1/projects/{id}/disagreements", Level.REVIEWER, 200),
        row("POST /api/v1/projects/{id}/versions", Level.REVIEWER, 201, f -> f.in("/versions", "{\"name\":\"v" + serial.incrementAndGet() + "\"}")),
        row("GET /api/v1/projects/{id}/versions", Level.LABELER, 200),
        row("GET /api/v1/projects/{id}/versions/{a}/diff/{b}", Level.REVIEWER, 200, f -> f.in("/versions/" + f.v1 + "/diff/" + f.v2, null)),
        row("POST /api/v1/projects/{id}/versions/{a}/diff/{b}/to-review", Level.REVIEWER, 200,
            f -> f.in("/versions/" + f.v1 + "/diff/" + f.v2 + "/to-review", null)),
        row("GET /api/v1/projects/{id}/versions/{v}/export", Level.REVIEWER, 200, f -> f.in("/versions/" + f.v1 + "/export", null)),
        row("GET /api/v1/projects/{id}/quality-settings", Level.LABELER, 200),
        row("PATCH /api/v1/projects/{id}/quality-settings", Level.MANAGER, 200, f -> f.in("/quality-settings", "{}")),
        row("GET /api/v1/projects/{id}/quality/assets", Level.REVIEWER, 200),
        row("GET /api/v1/projects/{id}/quality/labelers", Level.REVIEWER, 200),
        row("GET /api/v1/projects/{id}/quality/categories", Level.REVIEWER, 200),
        row("GET /api/v1/projects/{id}/quality/kappa", Level.REVIEWER, 200),
        row("GET /api/v1/projects/{id}/quality/suspects", Level.REVIEWER, 200),
        row("POST /api/v1/projects/{id}/quality/suspects/to-review", Level.REVIEWER, 200, f -> f.in("/quality/suspects/to-review", "{\"externalIds\":[]}")),
        row("POST /api/v1/projects/{id}/quality/honeypots", Level.MANAGER, 200, f -> f.in("/quality/honeypots", "{\"externalIds\":[\"a3\"]}")),
        row("POST /api/v1/projects/{id}/assets/{assetId}/send-back", Level.REVIEWER, 201,
            f -> f.in("/assets/" + f.asset + "/send-back", "{\"comment\":\"again\"}")),
        row("GET /api/v1/projects/{id}/assets/{assetId}/comments", Level.LABELER, 200, f -> f.in("/assets/" + f.asset + "/comments", null)),
        row("GET /api/v1/projects/{id}/webhooks", Level.MANAGER, 200),
        row("POST /api/v1/projects/{id}/webhooks", Level.MANAGER, 201,
            f -> f.in("/webhooks", "{\"url\":\"https://93.184.215.14/hook\",\"events\":[\"REVIEW_DONE\"]}")),
        row("DELETE /api/v1/webhooks/{id}", Level.HIDDEN_BELOW_MANAGER, 204, f -> new Call("/api/v1/webhooks/" + f.webhook(), null)),
        row("GET /api/v1/webhooks/{id}/deliveries", Level.HIDDEN_BELOW_MANAGER, 200, f -> new Call("/api/v1/webhooks/" + f.hook + "/deliveries", null)),
        row("GET /api/v1/projects/{id}/ls-backend/health", Level.LABELER, 200),
        row("GET /api/v1/projects/{id}/ls-backend/versions", Level.LABELER, 200),
        row("GET /api/v1/projects/{id}/ls-backend/label-config", Level.LABELER, 200),
        row("POST /api/v1/projects/{id}/ls-backend/setup", Level.LABELER, 200, f -> f.in("/ls-backend/setup", f.labelStudioSetup)),
        row("POST /api/v1/projects/{id}/ls-backend/predict", Level.LABELER, 200, f -> f.in("/ls-backend/predict", "{\"tasks\":[]}")),
        row("POST /api/v1/projects/{id}/ls-backend/webhook", Level.LABELER, 201, f -> f.in("/ls-backend/webhook", "{\"action\":\"PROJECT_UPDATED\"}")),
        row("POST /api/v1/projects/{id}/ls-backend/train", Level.MANAGER, 201, f -> f.in("/ls-backend/train", "{\"annotations\":[]}")),
        row("PUT /api/v1/projects/{id}/model-server", Level.MANAGER, 400, f -> f.in("/model-server", "{\"url\":\"http://127.0.0.1:1\"}")),
        row("GET /api/v1/projects/{id}/model-server", Level.LABELER, 200),
        row("DELETE /api/v1/projects/{id}/model-server", Level.MANAGER, 204, f -> f.in(f.connectedModelServer(), null)),
        row("POST /api/v1/projects/{id}/model-server/predict", Level.MANAGER, 202, f -> f.in(f.connectedModelServer() + "/predict", "{}")),
        row("POST /api/v1/projects/{id}/model-server/train", Level.MANAGER, 200, f -> f.in(f.connectedModelServer() + "/train", "{}")));
  }

  @Test
  void everyRouteAnswersEveryCallerAsTheTableSays() throws java.io.IOException {
    try (StubModelServer modelServer = new StubModelServer()) {
      check(new Fixture(modelServer));
    }
  }

  private void check(Fixture f) {
    List<Row> table = table();
    Set<String> listed = new TreeSet<>(table.stream().map(Row::route).toList());
    Set<String> unlisted = new TreeSet<>(app.routes().stream().filter(r -> r.path().startsWith("/api/v1/"))
        .map(r -> r.method() + " " + r.path()).toList());
    unlisted.removeAll(listed);
    assertEquals(Set.of(), unlisted, "routes the server registers that the authorization table does not list");

    List<String> wrong = new ArrayList<>();
    for (Row row : table) {
      String method = row.route().substring(0, row.route().indexOf(' '));
      // callers turned away go first, so that an allowed call (a delete, a logout) cannot change what they see
      List<Who> order = new ArrayList<>(List.of(Who.values()));
      order.sort((a, b) -> Boolean.compare(expected(row, a) == row.ok(), expected(row, b) == row.ok()));
      for (Who who : order) {
        Call call = row.call().apply(f);
        Api api = f.as(who);
        Response r = switch (method) {
          case "GET" -> api.get(call.path());
          case "DELETE" -> api.delete(call.path());
          case "POST" -> api.post(call.path(), call.body() == null ? "" : call.body());
          case "PUT" -> api.put(call.path(), call.body());
          case "PATCH" -> api.patch(call.path(), call.body());
          default -> throw new AssertionError(method);
        };
        if (r.status() != expected(row, who)) {
          wrong.add(row.route() + " as " + who + ": " + r.status() + ", expected " + expected(row, who) + " " + r.text());
        }
      }
    }
    assertEquals(List.of(), wrong, "calls whose status differs from the authorization table");
  }

  /** The status the table promises {@code who} on {@code row}. */
  static int expected(Row row, Who who) {
    if (row.level() == Level.PUBLIC) {
      return row.ok();
    }
    if (who == Who.NO_KEY || who == Who.REVOKED_KEY) {
      return 401;
    }
    boolean allowed = switch (row.level()) {
      case PUBLIC, SIGNED_IN -> true;
      case CREATOR -> who == Who.ADMIN || who == Who.MANAGER;
      case SELF_OR_ADMIN -> who == Who.ADMIN || who == Who.LABELER;
      case SERVER_ADMIN -> who == Who.ADMIN;
      case LABELER, REVIEWER, MANAGER, HIDDEN_BELOW_MANAGER -> {
        if (who == Who.OUTSIDER) {
          yield false;
        }
        int needed = Math.min(2, row.level().ordinal() - Level.LABELER.ordinal());
        int has = switch (who) {
          case ADMIN, MANAGER -> 2;
          case REVIEWER -> 1;
          default -> 0;
        };
        yield has >= needed;
      }
    };
    if (allowed) {
      return row.ok();
    }
    boolean projectRoute = row.level().compareTo(Level.LABELER) >= 0;
    return projectRoute && (who == Who.OUTSIDER || row.level() == Level.HIDDEN_BELOW_MANAGER) ? 404 : 403;
  }

  private static Row row(String route, Level level, int ok) {
    String template = route.substring(route.indexOf(' ') + 1);
    return new Row(route, level, ok, f -> new Call(template.replace("{id}", f.project), null));
  }

  private static Row row(String route, Level level, int ok, Function<Fixture, Call> call) {
    return new Row(route, level, ok, call);
  }

  /** The users, keys and objects the table's calls name, made through the API by the server administrator. */
  final class Fixture {
    final String project;
    final String labeler;
    final String spare;
    final String asset;
    final String image;
    final String v1;
    final String v2;
    final String hook;
    final String labelerLogin;
    final String projectBody = Api.object().put("title", "made").set("jsonInterface", Api.textInterface("A")).toString();
    final String labelStudioSetup = Api.object().put("schema", "<View><Text name=\"text\" value=\"$text\"/>"
        + "<Choices name=\"JOB_0\" toName=\"text\"><Choice value=\"A\"/><Choice value=\"B\"/></Choices></View>").toString();
    final String webhookBody = "{\"url\":\"http://127.0.0.1:9/hook\",\"allowPrivate\":true,\"events\":[\"LABEL_CREATED\"]}";
    private final Map<Who, String> userIds = new EnumMap<>(Who.class);
    private final StubModelServer modelServer;
    private final Map<Who, Api> clients = new EnumMap<>(Who.class);
    final String imageProject;
    final String tableProject;
    final String tableRow;

    Fixture(StubModelServer modelServer) {
      this.modelServer = modelServer;
      Api unchecked = new Api(admin.base(), app.adminApiKey()); // denials are checked here, not against the document
      clients.put(Who.ADMIN, unchecked);
      clients.put(Who.NO_KEY, unchecked.as(null));
      for (Who who : List.of(Who.MANAGER, Who.REVIEWER, Who.LABELER, Who.OUTSIDER)) {
        String id = created(admin.post("/api/v1/users", Api.object()
            .put("email", who.name().toLowerCase() + "@example.org").put("password", "a long password"))).path("id").asText();
        userIds.put(who, id);
        clients.put(who, unchecked.as(created(admin.post("/api/v1/users/" + id + "/api-keys", "{}")).path("key").asText()));
      }
      assertEquals(200, admin.patch("/api/v1/users/" + userIds.get(Who.MANAGER), "{\"canCreateProjects\":true}").status());
      var revoked = created(admin.post("/api/v1/users/" + userIds.get(Who.MANAGER) + "/api-keys", "{}"));
      assertEquals(204, admin.delete("/api/v1/api-keys/" + revoked.path("id").asText()).status());
      clients.put(Who.REVOKED_KEY, unchecked.as(revoked.path("key").asText()));
      labeler = userIds.get(Who.LABELER);
      labelerLogin = "{\"email\":\"labeler@example.org\",\"password\":\"a long password\"}";
      spare = created(admin.post("/api/v1/users", Api.object().put("email", "spare@example.org").put("password", "a long password")))
          .path("id").asText();
      String other = newProject("TEXT");
      put(other, Who.OUTSIDER, "ADMIN");
      project = teamProject();
      spareMember(); // a member already, so that the manager may change the spare's role (they share a project)
      created(admin.post("/api/v1/projects/" + project + "/assets",
          "[{\"externalId\":\"a1\",\"content\":\"one\"},{\"externalId\":\"a2\",\"content\":\"two\"},{\"externalId\":\"a3\",\"content\":\"three\"}]"));
      asset = admin.get("/api/v1/projects/" + project + "/assets?externalId=a1").body().path("items").path(0).path("id").asText();
      v1 = created(admin.post("/api/v1/projects/" + project + "/versions", "{\"name\":\"first\"}")).path("id").asText();
      v2 = created(admin.post("/api/v1/projects/" + project + "/versions", "{\"name\":\"second\"}")).path("id").asText();
      hook = webhook();
      connectedModelServer();
      imageProject = newProject("IMAGE");
      teamOf(imageProject);
      try {
        created(uploadZip(imageProject, MediaApiContract.zip("x.png", MediaApiContract.png(3)), null, ""));
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      image = admin.get("/api/v1/projects/" + imageProject + "/assets").body().path("items").path(0).path("id").asText();
      tableProject = teamOf(newProject("TABULAR"));
      created(admin.post("/api/v1/projects/" + tableProject + "/assets?format=csv", "id,x\nr1,1\n"));
      tableRow = admin.get("/api/v1/projects/" + tableProject + "/assets").body().path("items").path(0).path("id").asText();
    }

    Api as(Who who) {
      return clients.get(who);
    }

    /** A call on the shared project, at {@code /api/v1/projects/{id}} + {@code suffix}. */
    Call in(String suffix, String body) {
      return new Call("/api/v1/projects/" + project + suffix, body);
    }

    /** A call on the TABULAR project, at {@code /api/v1/projects/{id}} + {@code suffix}. */
    Call inTable(String suffix, String body) {
      return new Call("/api/v1/projects/" + tableProject + suffix, body);
    }

    /** A new project whose manager, reviewer and labeler hold those roles. */
    String teamProject() {
      return teamOf(newProject("TEXT"));
    }

    private String teamOf(String id) {
      put(id, Who.MANAGER, "ADMIN");
      put(id, Who.REVIEWER, "REVIEWER");
      put(id, Who.LABELER, "LABELER");
      return id;
    }

    /** The spare user, (again) a member of the shared project. */
    String spareMember() {
      assertEquals(201, admin.put("/api/v1/projects/" + project + "/members/" + spare, "{\"role\":\"LABELER\"}").status());
      return spare;
    }

    /** The suffix of the shared project's model server, (again) connected to the stub. */
    String connectedModelServer() {
      Response r = admin.put("/api/v1/projects/" + project + "/model-server",
          Api.object().put("url", modelServer.url()).put("allowPrivate", true));
      assertEquals(200, r.status(), r.text());
      return "/model-server";
    }

    /** A new API key of the labeler's. */
    String labelerKey() {
      return created(admin.post("/api/v1/users/" + labeler + "/api-keys", "{}")).path("id").asText();
    }

    /** A new webhook of the shared project. */
    String webhook() {
      return created(admin.post("/api/v1/projects/" + project + "/webhooks", webhookBody)).path("id").asText();
    }

    private String newProject(String inputType) {
      ObjectNode body = Api.object().put("title", "authz").put("inputType", inputType);
      body.set("jsonInterface", inputType.equals("IMAGE") ? imageInterface()
          : inputType.equals("TEXT") ? Api.textInterface("A", "B") : Api.classificationInterface("A", "B"));
      return created(admin.post("/api/v1/projects", body)).path("id").asText();
    }

    private static ObjectNode imageInterface() {
      ObjectNode root = Api.object();
      root.putObject("jobs").putObject("JOB_0").put("mlTask", "CLASSIFICATION").put("required", 1)
          .putObject("content").put("input", "radio").putObject("categories").putObject("CAT").put("name", "cat");
      return root;
    }

    private void put(String projectId, Who who, String role) {
      assertEquals(201, admin.put("/api/v1/projects/" + projectId + "/members/" + userIds.get(who), "{\"role\":\"" + role + "\"}").status());
    }

    private com.fasterxml.jackson.databind.JsonNode created(Response r) {
      assertEquals(201, r.status(), r.text());
      return r.body();
    }
  }
}
