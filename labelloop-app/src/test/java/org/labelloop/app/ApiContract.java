package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;

/**
 * The REST contract of issue 2, over real HTTP against the real wiring. Subclasses pick the database; every test makes
 * its own project so they are independent.
 */
abstract class ApiContract extends ServerContract {
  private static final AtomicInteger USERS = new AtomicInteger();

  String newProject(String title) {
    Response r = admin.post("/api/v1/projects", Api.object().put("title", title).put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPORT", "TECH")));
    assertEquals(201, r.status(), r.text());
    return r.body().path("id").asText();
  }

  void importTexts(String project, String... idAndText) {
    ArrayNode assets = Api.array();
    for (int i = 0; i < idAndText.length; i += 2) {
      assets.addObject().put("externalId", idAndText[i]).put("content", idAndText[i + 1]);
    }
    Response r = admin.post("/api/v1/projects/" + project + "/assets", assets);
    assertEquals(201, r.status(), r.text());
  }

  /** A new non-admin user with an API key; returns {userId, key}. */
  String[] newUser() {
    String email = "user" + USERS.incrementAndGet() + "-" + System.nanoTime() + "@example.org";
    Response u = admin.post("/api/v1/users", Api.object().put("email", email).put("name", "U").put("password", "a long enough password"));
    assertEquals(201, u.status(), u.text());
    String id = u.body().path("id").asText();
    Response k = admin.post("/api/v1/users/" + id + "/api-keys", Api.object().put("name", "test"));
    assertEquals(201, k.status(), k.text());
    return new String[] {id, k.body().path("key").asText(), k.body().path("id").asText()};
  }

  void addMember(String project, String userId, String role) {
    Response r = admin.post("/api/v1/projects/" + project + "/members", Api.object().put("userId", userId).put("role", role));
    assertEquals(201, r.status(), r.text());
  }

  static ObjectNode classification(String assetId, String... categories) {
    ObjectNode label = Api.object().put("assetId", assetId).put("labelType", "DEFAULT");
    ArrayNode cats = label.putObject("jsonResponse").putObject("JOB_0").putArray("categories");
    for (String c : categories) {
      cats.addObject().put("name", c);
    }
    return label;
  }

  static void assertError(Response r, int status, String code) {
    assertEquals(status, r.status(), r.text());
    assertEquals(code, r.body().path("error").path("code").asText(), r.text());
    assertFalse(r.text().contains("\tat "), "no stack trace: " + r.text());
  }

  @Test
  void healthNeedsNoAuthentication() {
    Response r = admin.as(null).get("/api/v1/health");
    assertEquals(200, r.status());
    assertEquals("ok", r.body().path("status").asText());
  }

  @Test
  void writesAdminKeyFileReadableOnlyByOwner() throws Exception {
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("admin-api-key"))));
  }

  @Test
  void rejectsProjectWithUnknownMlTaskNamingTheJob() {
    Response r = admin.post("/api/v1/projects",
        "{\"title\":\"bad\",\"inputType\":\"TEXT\",\"jsonInterface\":{\"jobs\":{\"J\":{\"mlTask\":\"NOPE\"}}}}");
    assertError(r, 400, "INVALID_INPUT");
    assertTrue(r.text().contains("jobs.J.mlTask"), r.text());
  }

  @Test
  void aProjectsJobsFitItsKindOfAsset() {
    Response spansOnPhotos = admin.post("/api/v1/projects", Api.object().put("title", "photos").put("inputType", "IMAGE")
        .set("jsonInterface", Api.textInterface("A", "B")));
    assertEquals(400, spansOnPhotos.status(), spansOnPhotos.text());
    assertTrue(spansOnPhotos.text().contains("job NER is NAMED_ENTITIES_RECOGNITION, which IMAGE projects do not have"
        + " (their jobs: [CLASSIFICATION, OBJECT_DETECTION])"), spansOnPhotos.text());
    String p = newProject("texts");
    ObjectNode boxes = Api.classificationInterface("A");
    ((ObjectNode) boxes.get("jobs").get("JOB_0")).put("mlTask", "OBJECT_DETECTION");
    Response boxesOnTexts = admin.patch("/api/v1/projects/" + p, Api.object().set("jsonInterface", boxes));
    assertEquals(400, boxesOnTexts.status(), boxesOnTexts.text());
    assertEquals(200, admin.patch("/api/v1/projects/" + p, Api.object().put("title", "renamed")).status());
  }

  @Test
  void anInterfaceKeepsWhatLabelsAnswerWithAndTheInputTypeStays() {
    String p = newProject("categories in use");
    importTexts(p, "a", "one", "b", "two");
    ObjectNode sport = Api.object();
    sport.putObject("JOB_0").putArray("categories").addObject().put("name", "SPORT");
    Response label = admin.post("/api/v1/projects/" + p + "/labels", Api.object().put("assetExternalId", "a")
        .put("labelType", "DEFAULT").set("jsonResponse", sport));
    assertEquals(201, label.status(), label.text());

    Response withoutSport = admin.patch("/api/v1/projects/" + p, Api.object().set("jsonInterface", Api.textInterface("TECH")));
    assertError(withoutSport, 409, "CONFLICT");
    assertTrue(withoutSport.text().contains("labels answer with what it removes (category 'SPORT' of job JOB_0: 1 label)"), withoutSport.text());
    ObjectNode renamed = Api.textInterface("SPORT", "TECH");
    ((ObjectNode) renamed.at("/jobs/JOB_0/content/categories/SPORT")).put("name", "Sports");
    assertEquals(200, admin.patch("/api/v1/projects/" + p, Api.object().set("jsonInterface", renamed)).status(), "a new name keeps the id");
    assertEquals(200, admin.patch("/api/v1/projects/" + p, Api.object().set("jsonInterface", Api.classificationInterface("SPORT"))).status(),
        "TECH and the NER job, which no label uses, go");

    Response image = admin.patch("/api/v1/projects/" + p, Api.object().put("inputType", "IMAGE"));
    assertError(image, 400, "INVALID_INPUT");
    assertTrue(image.text().contains("inputType: a project's input type cannot change (its assets are TEXT)"), image.text());
    assertEquals(200, admin.patch("/api/v1/projects/" + p, Api.object().put("inputType", "TEXT").put("title", "same kind")).status());
  }

  @Test
  void rejectsMalformedJsonWith400() {
    assertError(admin.post("/api/v1/projects", "{\"title\": "), 400, "INVALID_INPUT");
  }

  @Test
  void projectCarriesCountsAndRole() {
    String p = newProject("counts");
    importTexts(p, "a", "one", "b", "two");
    JsonNode project = admin.get("/api/v1/projects/" + p).body();
    assertEquals(2, project.path("assetCount").asInt());
    assertEquals(2, project.path("countsByStatus").path("TODO").asInt());
    assertEquals(0, project.path("countsByLabelType").path("DEFAULT").asInt());
    assertEquals("ADMIN", project.path("role").asText());
    assertEquals("JOB_0", project.path("jsonInterface").path("jobs").fieldNames().next());
  }

  @Test
  void similarRowsAreTheRowsNearestByTheirColumnsAndOfTheStatusAsked() {
    Response p = admin.post("/api/v1/projects", Api.object().put("title", "similar rows").put("inputType", "TABULAR")
        .set("jsonInterface", Api.classificationInterface("RED", "WHITE")));
    String project = p.body().path("id").asText();
    // two kinds of wine a long way apart in acidity and sugar, and r0 imported twice under another id
    StringBuilder csv = new StringBuilder("id,acidity,sugar,region\n");
    for (int i = 0; i < 20; i++) {
      boolean red = i % 2 == 0;
      csv.append('r').append(i).append(',').append(red ? 0.10 + i * 0.001 : 0.80 + i * 0.001).append(',')
          .append(red ? 2 + i % 3 : 9 + i % 3).append(',').append(red ? "Douro" : "Mosel").append('\n');
    }
    csv.append("copy-of-r0,0.1,2,Douro\n");
    Response imported = admin.upload("/api/v1/projects/" + project + "/assets", "rows.csv", csv.toString(), Map.of("idColumn", "id"));
    assertEquals(201, imported.status(), imported.text());
    String r0 = admin.get("/api/v1/projects/" + project + "/assets?externalId=r0").body().path("items").path(0).path("id").asText();

    Response r = admin.get("/api/v1/projects/" + project + "/similar?assetId=" + r0 + "&limit=10");
    assertEquals(200, r.status(), r.text());
    assertTrue(r.body().path("comparedBy").asText().contains("encoded columns"), r.text());
    JsonNode items = r.body().path("items");
    assertEquals(10, items.size(), r.text());
    assertEquals("copy-of-r0", items.get(0).path("externalId").asText(), "the duplicate first");
    assertEquals(1.0, items.get(0).path("similarity").asDouble(), 1e-3);
    double previous = 2;
    for (JsonNode item : items) {
      int row = item.path("externalId").asText().equals("copy-of-r0") ? 0 : Integer.parseInt(item.path("externalId").asText().substring(1));
      assertEquals(0, row % 2, "only red wines are near a red one: " + r.text());
      assertTrue(item.path("similarity").asDouble() <= previous, "most similar first: " + r.text());
      previous = item.path("similarity").asDouble();
    }

    assertEquals(200, admin.patch("/api/v1/projects/" + project + "/assets",
        Api.object().put("status", "TO_REVIEW").set("externalIds", Api.array().add("copy-of-r0").add("r2"))).status());
    JsonNode todo = admin.get("/api/v1/projects/" + project + "/similar?assetId=" + r0 + "&status=TODO&limit=3").body().path("items");
    assertEquals(3, todo.size(), todo.toString());
    todo.forEach(i -> assertEquals("TODO", i.path("status").asText(), todo.toString()));
    assertFalse(todo.toString().contains("copy-of-r0"), todo.toString());
    assertError(admin.get("/api/v1/projects/" + project + "/similar?text=red"), 400, "INVALID_INPUT"); // words: texts only
    assertError(admin.get("/api/v1/projects/" + project + "/similar"), 400, "INVALID_INPUT");
  }

  @Test
  void anAssetWithoutAVectorSaysWhySimilarAssetsCannotBeFoundYet() {
    String project = newProject("no vectors");
    importTexts(project, "t1", "the striker scored twice", "t2", "the keeper saved a penalty");
    String t1 = admin.get("/api/v1/projects/" + project + "/assets?externalId=t1").body().path("items").path(0).path("id").asText();
    Response r = admin.get("/api/v1/projects/" + project + "/similar?assetId=" + t1); // this server computes no vectors
    assertError(r, 409, "CONFLICT");
    assertTrue(r.body().path("error").path("message").asText().contains("--no-embeddings"), r.text());
    assertError(admin.get("/api/v1/projects/" + project + "/similar?text=goal"), 409, "CONFLICT");
    assertError(admin.get("/api/v1/projects/" + project + "/similar?assetId=987654321"), 404, "NOT_FOUND");
  }

  @Test
  void instructionsForTheLabelersAreKeptChangedAndBounded() {
    Response r = admin.post("/api/v1/projects", Api.object().put("title", "guided").put("inputType", "TEXT")
        .put("instructions", "SPORT: games and players.\n\nTECH: the rest.").set("jsonInterface", Api.textInterface("SPORT", "TECH")));
    assertEquals(201, r.status(), r.text());
    String project = r.body().path("id").asText();
    assertEquals("SPORT: games and players.\n\nTECH: the rest.", admin.get("/api/v1/projects/" + project).body().path("instructions").asText());
    Response renamed = admin.patch("/api/v1/projects/" + project, Api.object().put("title", "guided, renamed"));
    assertEquals("SPORT: games and players.\n\nTECH: the rest.", renamed.body().path("instructions").asText(), "a patch without them keeps them");
    assertEquals("", admin.patch("/api/v1/projects/" + project, Api.object().put("instructions", "")).body().path("instructions").asText());
    Response tooLong = admin.patch("/api/v1/projects/" + project, Api.object().put("instructions", "x".repeat(20_001)));
    assertError(tooLong, 400, "INVALID_INPUT");
    assertTrue(tooLong.body().path("error").path("message").asText().contains("at most 20000 characters"), tooLong.text());
    assertEquals("", admin.get("/api/v1/projects/" + newProject("plain")).body().path("instructions").asText(), "none: empty");
  }

  @Test
  void brokenCsvLineFailsTheWholeImportAndNamesTheLine() {
    String p = newProject("broken csv");
    String csv = "id,text\na1,first\na2,second\na3,\"unterminated\n";
    Response r = admin.upload("/api/v1/projects/" + p + "/assets", "rows.csv", csv, Map.of("idColumn", "id", "textColumn", "text"));
    assertError(r, 400, "INVALID_INPUT");
    assertTrue(r.text().contains("line 4"), r.text());
    assertEquals(0, admin.get("/api/v1/projects/" + p).body().path("assetCount").asInt());
  }

  @Test
  void skipOnErrorKeepsTheGoodRowsAndReportsTheBadOnes() {
    String p = newProject("skip csv");
    String csv = "id,text\na1,first\n,no id here\na3,third\n";
    Response r = admin.upload("/api/v1/projects/" + p + "/assets?onError=skip", "rows.csv", csv, Map.of("idColumn", "id", "textColumn", "text"));
    assertEquals(201, r.status(), r.text());
    assertEquals(2, r.body().path("imported").asInt());
    assertEquals(1, r.body().path("rejected").asInt());
    assertEquals(3, r.body().path("errors").get(0).path("line").asInt(), r.text());
    assertEquals(2, admin.get("/api/v1/projects/" + p + "/assets").body().path("items").size());
  }

  @Test
  void duplicateExternalIdsAreReportedAndNeverDuplicated() {
    String p = newProject("dups");
    importTexts(p, "d1", "one", "d2", "two");
    ArrayNode again = Api.array();
    again.addObject().put("externalId", "d2").put("content", "two again");
    again.addObject().put("externalId", "d3").put("content", "three");
    Response r = admin.post("/api/v1/projects/" + p + "/assets", again);
    assertEquals(201, r.status(), r.text());
    assertEquals(1, r.body().path("imported").asInt(), r.text());
    assertEquals(1, r.body().path("duplicates").asInt(), r.text());
    assertEquals(0, r.body().path("rejected").asInt(), r.text());
    assertEquals(3, admin.get("/api/v1/projects/" + p).body().path("assetCount").asInt());
    Response same = admin.post("/api/v1/projects/" + p + "/assets?onError=skip", again);
    assertEquals(200, same.status(), "nothing new: " + same.text());
    assertEquals(2, same.body().path("duplicates").asInt(), same.text());
    assertEquals(0, same.body().path("rejected").asInt(), "a duplicate is not also a rejected row: " + same.text());
  }

  @Test
  void listsAssetsPageByPageWithFilters() {
    String p = newProject("pages");
    importTexts(p, "p1", "a", "p2", "b", "p3", "c");
    Response first = admin.get("/api/v1/projects/" + p + "/assets?limit=2");
    assertEquals(2, first.body().path("items").size());
    String cursor = first.body().path("nextCursor").asText();
    Response second = admin.get("/api/v1/projects/" + p + "/assets?limit=2&cursor=" + cursor);
    assertEquals(1, second.body().path("items").size());
    assertTrue(second.body().path("nextCursor").isNull());
    assertEquals("p2", admin.get("/api/v1/projects/" + p + "/assets?externalId=p2").body().path("items").get(0).path("externalId").asText());
    assertError(admin.get("/api/v1/projects/" + p + "/assets?status=NOPE"), 400, "INVALID_INPUT");
    for (String limit : new String[] {"0", "-5", "ten"}) {
      Response bad = admin.get("/api/v1/projects/" + p + "/assets?limit=" + limit);
      assertError(bad, 400, "INVALID_INPUT");
      assertTrue(bad.text().contains("is not a page size"), bad.text());
    }
    assertEquals(3, admin.get("/api/v1/projects/" + p + "/assets?limit=5000").body().path("items").size(), "a large page is capped, not refused");
    assertError(admin.get("/api/v1/users/999999/api-keys"), 404, "NOT_FOUND");
  }

  @Test
  void findsAssetsByTextByAnswerAndByLabelerAndExportsWhatItFinds() throws Exception {
    String p = newProject("find");
    importTexts(p, "f1", "Football tonight", "f2", "a new phone", "f3", "football boots, a TECH story");
    String[] ann = newUser();
    addMember(p, ann[0], "LABELER");
    admin.as(ann[1]).post("/api/v1/projects/" + p + "/labels", "{\"assetExternalId\":\"f1\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"SPORT\"}]}}}");
    admin.post("/api/v1/projects/" + p + "/labels", "{\"assetExternalId\":\"f3\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"TECH\"}]}}}");
    String assets = "/api/v1/projects/" + p + "/assets";
    assertEquals(List.of("f1", "f3"), externalIds(admin.get(assets + "?search=FOOTBALL")));
    assertEquals(List.of("f3"), externalIds(admin.get(assets + "?search=football&category=TECH")));
    assertEquals(List.of("f1"), externalIds(admin.get(assets + "?labeledBy=" + ann[0])));
    assertEquals(List.of("f2"), externalIds(admin.get(assets + "?search=+new+ph")), "spaces inside count, around them not");
    Response export = admin.get("/api/v1/projects/" + p + "/export?format=jsonl&category=SPORT");
    assertEquals(200, export.status(), export.text());
    assertEquals(1, export.text().strip().split("\n").length, export.text());
    assertTrue(export.text().contains("\"externalId\":\"f1\""), export.text());
    Response unknown = admin.get(assets + "?category=Sport");
    assertError(unknown, 400, "INVALID_INPUT");
    assertTrue(unknown.text().contains("its categories: ORG, PER, SPORT, TECH)"), unknown.text());
    assertError(admin.get("/api/v1/projects/" + p + "/export?category=NOPE"), 400, "INVALID_INPUT");
    assertError(admin.get(assets + "?labeledBy=ann@example.org"), 400, "INVALID_INPUT");
  }

  private static List<String> externalIds(Response r) {
    assertEquals(200, r.status(), r.text());
    List<String> ids = new java.util.ArrayList<>();
    r.body().path("items").forEach(a -> ids.add(a.path("externalId").asText()));
    return ids;
  }

  @Test
  void bulkPatchMovesAssetsToReview() {
    String p = newProject("patch");
    importTexts(p, "x1", "a", "x2", "b");
    Response r = admin.patch("/api/v1/projects/" + p + "/assets", "{\"externalIds\":[\"x1\",\"zz\"],\"status\":\"TO_REVIEW\"}");
    assertEquals(200, r.status(), r.text());
    assertEquals(1, r.body().path("updated").asInt());
    assertEquals(1, admin.get("/api/v1/projects/" + p + "/assets?status=TO_REVIEW").body().path("items").size());
  }

  @Test
  void twoLabelersNeverGetTheSameAssetFromTheQueue() {
    String p = newProject("queue");
    importTexts(p, "q1", "a", "q2", "b", "q3", "c");
    String[] ann = newUser();
    String[] bob = newUser();
    addMember(p, ann[0], "LABELER");
    addMember(p, bob[0], "LABELER");
    Set<String> served = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      Api who = admin.as(i % 2 == 0 ? ann[1] : bob[1]);
      Response r = who.get("/api/v1/projects/" + p + "/queue/next");
      assertEquals(200, r.status(), r.text());
      assertTrue(r.body().has("prediction"));
      assertEquals("diverse", r.body().path("queue").path("strategy").asText(), r.text());
      assertTrue(r.body().path("queue").path("score").isNumber(), r.text());
      assertFalse(r.body().has("isHoneypot"), "a served asset must not say whether it is a honeypot");
      assertTrue(served.add(r.body().path("id").asText()), "served twice: " + r.text());
      who.post("/api/v1/projects/" + p + "/labels", classification(r.body().path("id").asText(), "SPORT"));
    }
    assertEquals(204, admin.as(bob[1]).get("/api/v1/projects/" + p + "/queue/next").status());
  }

  @Test
  void anAnswerStoresTheLabelAndServesTheNextAssetInOneRequest() {
    String p = newProject("answer");
    importTexts(p, "a1", "a", "a2", "b");
    String[] ann = newUser();
    addMember(p, ann[0], "LABELER");
    Api labeler = admin.as(ann[1]);
    String answer = "/api/v1/projects/" + p + "/queue/answer";
    String first = labeler.get("/api/v1/projects/" + p + "/queue/next").body().path("id").asText();

    Response bad = labeler.post(answer, "{\"assetId\":\"" + first + "\",\"jsonResponse\":{\"NOPE\":{}}}");
    assertError(bad, 400, "INVALID_INPUT");
    assertError(labeler.post(answer, "[]"), 400, "INVALID_INPUT");
    Response r = labeler.post(answer, classification(first, "SPORT"));
    assertEquals(201, r.status(), r.text());
    assertEquals(first, r.body().path("label").path("assetId").asText(), r.text());
    JsonNode next = r.body().path("next");
    assertTrue(next.path("id").isTextual() && !next.path("id").asText().equals(first), r.text());
    assertTrue(next.has("prediction") && next.path("queue").has("strategy"), "served as queue/next serves it: " + r.text());
    assertFalse(next.has("isHoneypot"), r.text());
    assertEquals(next.path("id").asText(), labeler.get("/api/v1/projects/" + p + "/queue/next").body().path("id").asText(),
        "the next asset is claimed by the caller");

    Response last = labeler.post(answer, classification(next.path("id").asText(), "TECH"));
    assertEquals(201, last.status(), last.text());
    assertTrue(last.body().path("next").isNull(), "nothing left: " + last.text());
    assertEquals(2, admin.get("/api/v1/projects/" + p + "/labels?type=DEFAULT").body().path("items").size());
    assertError(admin.as(newUser()[1]).post(answer, classification(first, "SPORT")), 404, "NOT_FOUND");
  }

  @Test
  void skippedAssetIsNotServedAgainToTheSameLabeler() {
    String p = newProject("skip");
    importTexts(p, "s1", "a");
    String id = admin.get("/api/v1/projects/" + p + "/queue/next").body().path("id").asText();
    assertEquals(204, admin.post("/api/v1/projects/" + p + "/queue/" + id + "/skip", "").status());
    assertEquals(204, admin.get("/api/v1/projects/" + p + "/queue/next").status());
  }

  @Test
  void rejectsLabelsThatDoNotMatchTheInterface() {
    String p = newProject("bad labels");
    importTexts(p, "l1", "John works at Acme");
    String asset = admin.get("/api/v1/projects/" + p + "/assets").body().path("items").get(0).path("id").asText();
    String path = "/api/v1/projects/" + p + "/labels";
    Response unknownJob = admin.post(path, "{\"assetId\":\"" + asset + "\",\"jsonResponse\":{\"NOPE\":{\"categories\":[{\"name\":\"SPORT\"}]}}}");
    assertError(unknownJob, 400, "INVALID_INPUT");
    assertTrue(unknownJob.text().contains("NOPE"), unknownJob.text());
    Response unknownCategory = admin.post(path, classification(asset, "CHESS"));
    assertError(unknownCategory, 400, "INVALID_INPUT");
    assertTrue(unknownCategory.text().contains("CHESS"), unknownCategory.text());
    assertError(admin.post(path, classification(asset, "SPORT", "TECH")), 400, "INVALID_INPUT");
    String span = "{\"assetId\":\"" + asset + "\",\"jsonResponse\":{\"NER\":{\"annotations\":[{\"categories\":[{\"name\":\"ORG\"}],"
        + "\"beginOffset\":14,\"content\":\"Acme Corporation\"}]}}}";
    assertError(admin.post(path, span), 400, "INVALID_INPUT");
    assertEquals(0, admin.get(path).body().path("items").size());
    assertEquals(201, admin.post(path, classification(asset, "TECH")).status());
  }

  @Test
  void submitsManyLabelsInOneRequestByExternalId() {
    String p = newProject("many labels");
    importTexts(p, "m1", "a", "m2", "b");
    String body = "[{\"assetExternalId\":\"m1\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"SPORT\"}]}}},"
        + "{\"assetExternalId\":\"m2\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"TECH\"}]}}}]";
    Response r = admin.post("/api/v1/projects/" + p + "/labels", body);
    assertEquals(201, r.status(), r.text());
    assertEquals(2, r.body().path("items").size());
    assertEquals(2, admin.get("/api/v1/projects/" + p + "/labels?type=DEFAULT").body().path("items").size());
  }

  @Test
  void aLabelerListsTheirOwnLabelsAndAReviewerEveryone() {
    String p = newProject("whose labels");
    importTexts(p, "o1", "one", "o2", "two");
    String[] ann = newUser();
    String[] bob = newUser();
    addMember(p, ann[0], "LABELER");
    addMember(p, bob[0], "REVIEWER");
    String body = "{\"assetExternalId\":\"%s\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"SPORT\"}]}}}";
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/labels", String.format(body, "o1")).status());
    assertEquals(201, admin.as(ann[1]).post("/api/v1/projects/" + p + "/labels", String.format(body, "o2")).status());

    JsonNode annSees = admin.as(ann[1]).get("/api/v1/projects/" + p + "/labels").body().path("items");
    assertEquals(1, annSees.size(), "another labeler's answer (a consensus asset's, a honeypot's review) stays hidden: " + annSees);
    assertEquals(ann[0], annSees.get(0).path("authorId").asText());
    assertEquals(2, admin.as(bob[1]).get("/api/v1/projects/" + p + "/labels").body().path("items").size());
  }

  @Test
  void labelerCannotSeeOrTouchAProjectTheyAreNotAMemberOf() {
    String mine = newProject("labeler's own");
    String secret = newProject("secret project");
    importTexts(secret, "s1", "confidential text");
    String[] lab = newUser();
    addMember(mine, lab[0], "LABELER");
    Api labeler = admin.as(lab[1]);
    assertEquals(200, labeler.get("/api/v1/projects/" + mine).status());
    JsonNode list = labeler.get("/api/v1/projects").body();
    assertEquals(1, list.path("items").size(), list.toString());
    for (String path : new String[] {"", "/assets", "/labels", "/queue/next", "/export?format=jsonl"}) {
      Response r = labeler.get("/api/v1/projects/" + secret + path);
      assertError(r, 404, "NOT_FOUND");
      assertFalse(r.text().contains("confidential"), r.text());
    }
    assertError(labeler.patch("/api/v1/projects/" + mine, "{\"title\":\"renamed\"}"), 403, "FORBIDDEN");
    assertError(labeler.post("/api/v1/users", "{\"email\":\"x@example.org\",\"password\":\"long password 123\"}"), 403, "FORBIDDEN");
  }

  @Test
  void aRemovedOrDemotedMemberLosesAccessAtOnce() {
    String p = newProject("membership changes");
    importTexts(p, "m1", "some text");
    String[] u = newUser();
    addMember(p, u[0], "LABELER");
    Api labeler = admin.as(u[1]);
    assertEquals(200, labeler.get("/api/v1/projects/" + p + "/assets").status()); // caches the grant
    addMember(p, u[0], "REVIEWER");
    assertEquals(200, labeler.get("/api/v1/projects/" + p + "/quality/assets").status());
    addMember(p, u[0], "LABELER");
    assertError(labeler.get("/api/v1/projects/" + p + "/quality/assets"), 403, "FORBIDDEN");
    assertEquals(204, admin.delete("/api/v1/projects/" + p + "/members/" + u[0]).status());
    assertError(labeler.get("/api/v1/projects/" + p + "/assets"), 404, "NOT_FOUND");
    assertError(labeler.get("/api/v1/projects/" + p + "/queue/next"), 404, "NOT_FOUND");
  }

  @Test
  void revokedOrUnknownKeyGets401() {
    String[] u = newUser();
    Api user = admin.as(u[1]);
    assertEquals(200, user.get("/api/v1/projects").status());
    assertEquals(204, admin.delete("/api/v1/api-keys/" + u[2]).status());
    assertError(user.get("/api/v1/projects"), 401, "UNAUTHENTICATED");
    assertError(admin.as("ll_garbage").get("/api/v1/projects"), 401, "UNAUTHENTICATED");
    assertError(admin.as(null).get("/api/v1/projects"), 401, "UNAUTHENTICATED");
  }

  @Test
  void exportReturnsWhatWasImportedAndLabeled() throws Exception {
    String p = newProject("round trip");
    importTexts(p, "e1", "football tonight", "e2", "new phone", "e3", "unlabeled text");
    admin.post("/api/v1/projects/" + p + "/labels", "{\"assetExternalId\":\"e1\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"SPORT\"}]}}}");
    admin.post("/api/v1/projects/" + p + "/labels", "{\"assetExternalId\":\"e2\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"TECH\"}]}}}");
    Response r = admin.get("/api/v1/projects/" + p + "/export?format=jsonl");
    assertEquals(200, r.status());
    assertTrue(r.raw().headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
    Map<String, String> labelOf = new java.util.HashMap<>();
    Map<String, String> content = new java.util.HashMap<>();
    for (String line : r.text().split("\n")) {
      JsonNode a = Api.JSON.readTree(line);
      content.put(a.path("externalId").asText(), a.path("content").asText());
      for (JsonNode l : a.path("labels")) {
        labelOf.put(a.path("externalId").asText(), l.path("jsonResponse").path("JOB_0").path("categories").get(0).path("name").asText());
      }
    }
    assertEquals(Map.of("e1", "football tonight", "e2", "new phone", "e3", "unlabeled text"), content);
    assertEquals(Map.of("e1", "SPORT", "e2", "TECH"), labelOf);
    Response csv = admin.get("/api/v1/projects/" + p + "/export?format=csv");
    assertEquals(200, csv.status());
    assertTrue(csv.text().contains("SPORT") && csv.text().contains("unlabeled text"), csv.text());
  }

  @Test
  void nerFilesImportAsLabeledSentencesAndExportBack() {
    String p = newProject("ner files");
    String bio = "Ann\tB-PER\nSmith\tI-PER\nmet\tO\nAcme\tB-ORG\n\nNothing\tO\nhere\tO\n\n";
    Response r = admin.upload("/api/v1/projects/" + p + "/assets", "sentences.bio", bio, Map.of());
    assertEquals(201, r.status(), r.text());
    assertEquals(2, r.body().path("imported").asInt(), r.text());
    JsonNode labels = admin.get("/api/v1/projects/" + p + "/labels?type=DEFAULT").body().path("items");
    assertEquals(2, labels.size(), labels.toString());
    JsonNode first = labels.get(0).path("jsonResponse").path("NER").path("annotations");
    assertEquals("Ann Smith", first.get(0).path("content").asText());
    assertEquals("PER", first.get(0).path("categories").get(0).path("name").asText());
    assertEquals(14, first.get(1).path("beginOffset").asInt());
    assertEquals(0, labels.get(1).path("jsonResponse").path("NER").path("annotations").size(), "a sentence without entities is labeled too");

    Response exported = admin.get("/api/v1/projects/" + p + "/export?format=bio");
    assertEquals(200, exported.status(), exported.text());
    assertEquals(bio, exported.text());
    Response prodigy = admin.get("/api/v1/projects/" + p + "/export?format=prodigy");
    assertTrue(prodigy.text().contains("\"text\":\"Ann Smith met Acme\"") && prodigy.text().contains("\"label\":\"ORG\""), prodigy.text());

    String unknownType = "Bob\tB-PER\n\nParis\tB-LOC\n\n";
    Response bad = admin.upload("/api/v1/projects/" + p + "/assets", "more.bio", unknownType, Map.of());
    assertError(bad, 400, "INVALID_INPUT");
    assertTrue(bad.text().contains("line 3") && bad.text().contains("unknown entity type 'LOC'"), bad.text());
    Response noNerJob = admin.get("/api/v1/projects/" + newClassificationOnlyProject() + "/export?format=conll");
    assertError(noNerJob, 400, "INVALID_INPUT");
  }

  String newClassificationOnlyProject() {
    ObjectNode iface = Api.object();
    iface.putObject("jobs").putObject("JOB_0").put("mlTask", "CLASSIFICATION").putObject("content").put("input", "radio")
        .putObject("categories").putObject("A").put("name", "A");
    Response r = admin.post("/api/v1/projects", Api.object().put("title", "classes only").put("inputType", "TEXT").set("jsonInterface", iface));
    assertEquals(201, r.status(), r.text());
    return r.body().path("id").asText();
  }

  @Test
  void browserSessionNeedsCsrfTokenToChangeState() throws Exception {
    String p = newProject("session");
    String[] u = newUser();
    addMember(p, u[0], "ADMIN");
    String email = admin.get("/api/v1/users").body().path("items").findParents("id").stream()
        .filter(n -> n.path("id").asText().equals(u[0])).findFirst().orElseThrow().path("email").asText();
    var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    var login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin.base() + "/api/v1/auth/login"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\"a long enough password\"}"))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, login.statusCode(), login.body());
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    String csrf = Api.JSON.readTree(login.body()).path("csrfToken").asText();
    java.util.function.BiFunction<String, String, Integer> patch = (token, title) -> {
      var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin.base() + "/api/v1/projects/" + p))
          .header("Cookie", cookie).header("Content-Type", "application/json")
          .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"title\":\"" + title + "\"}"));
      if (token != null) {
        b.header("X-CSRF-Token", token);
      }
      try {
        return http.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    };
    assertEquals(403, patch.apply(null, "no token"));
    assertEquals(403, patch.apply("wrong", "wrong token"));
    assertEquals(200, patch.apply(csrf, "with token"));
    assertEquals("with token", admin.get("/api/v1/projects/" + p).body().path("title").asText());
  }

  @Test
  void wrongPasswordIsRejectedAndRepeatedFailuresAreSlowedDown() {
    Api anonymous = admin.as(null);
    String body = "{\"email\":\"nobody-" + System.nanoTime() + "@example.org\",\"password\":\"wrong password\"}";
    for (int i = 0; i < 5; i++) {
      assertError(anonymous.post("/api/v1/auth/login", body), 401, "UNAUTHENTICATED");
    }
    Response throttled = anonymous.post("/api/v1/auth/login", body);
    assertError(throttled, 429, "TOO_MANY_REQUESTS");
    assertTrue(throttled.raw().headers().firstValue("Retry-After").isPresent());
  }

  @Test
  void aUserChangesTheirPasswordOnlyWithTheCurrentOne() {
    String[] u = newUser();
    Api user = admin.as(u[1]);
    String email = admin.get("/api/v1/users").body().path("items").findParents("id").stream()
        .filter(n -> n.path("id").asText().equals(u[0])).findFirst().orElseThrow().path("email").asText();
    assertError(user.post("/api/v1/auth/password", Api.object().put("currentPassword", "not my password").put("newPassword", "a new long password")),
        400, "INVALID_INPUT");
    assertError(user.post("/api/v1/auth/password", Api.object().put("currentPassword", "a long enough password").put("newPassword", "short")),
        400, "INVALID_INPUT");
    assertEquals(204, user.post("/api/v1/auth/password",
        Api.object().put("currentPassword", "a long enough password").put("newPassword", "a new long password")).status());
    Api anonymous = admin.as(null);
    assertError(anonymous.post("/api/v1/auth/login", Api.object().put("email", email).put("password", "a long enough password")), 401, "UNAUTHENTICATED");
    assertEquals(200, anonymous.post("/api/v1/auth/login", Api.object().put("email", email).put("password", "a new long password")).status());
  }

  @Test
  void anAdministratorResetsAPasswordAndDeactivatesAnAccount() throws Exception {
    String[] u = newUser();
    Api user = admin.as(u[1]);
    String email = admin.get("/api/v1/users").body().path("items").findParents("id").stream()
        .filter(n -> n.path("id").asText().equals(u[0])).findFirst().orElseThrow().path("email").asText();
    Api anonymous = admin.as(null);
    String session = sessionCookie(email, "a long enough password");
    assertEquals(200, withCookie(session, "/api/v1/projects"));

    assertError(admin.patch("/api/v1/users/" + u[0], Api.object().put("password", "short")), 400, "INVALID_INPUT");
    Response tooLong = admin.patch("/api/v1/users/" + u[0], Api.object().put("password", "é".repeat(40)));
    assertError(tooLong, 400, "INVALID_INPUT");
    assertTrue(tooLong.text().contains("at most 72 bytes"), tooLong.text());
    assertEquals(200, admin.patch("/api/v1/users/" + u[0], Api.object().put("password", "a password set by an admin")).status());
    assertEquals(401, withCookie(session, "/api/v1/projects"), "a reset password ends the user's sessions");
    assertError(anonymous.post("/api/v1/auth/login", Api.object().put("email", email).put("password", "a long enough password")), 401, "UNAUTHENTICATED");
    session = sessionCookie(email, "a password set by an admin");

    String project = newProject("a leaver's project");
    addMember(project, u[0], "LABELER");
    Response off = admin.patch("/api/v1/users/" + u[0], Api.object().put("active", false));
    assertEquals(200, off.status(), off.text());
    assertFalse(off.body().path("active").asBoolean(true));
    assertFalse(admin.get("/api/v1/projects/" + project + "/members").body().path("items").findParents("userId").stream()
        .filter(m -> m.path("userId").asText().equals(u[0])).findFirst().orElseThrow().path("active").asBoolean(true),
        "the project's members list says who was deactivated");
    Response refused = user.get("/api/v1/projects");
    assertError(refused, 401, "UNAUTHENTICATED");
    assertTrue(refused.text().contains("deactivated"), refused.text());
    assertEquals(401, withCookie(session, "/api/v1/projects"), "deactivation ends the user's sessions");
    Response login = anonymous.post("/api/v1/auth/login", Api.object().put("email", email).put("password", "a password set by an admin"));
    assertError(login, 401, "UNAUTHENTICATED");
    assertTrue(login.text().contains("deactivated"), login.text());

    assertEquals(200, admin.patch("/api/v1/users/" + u[0], Api.object().put("active", true)).status());
    assertEquals(200, user.get("/api/v1/projects").status(), "a reactivated user's keys work again");
    assertEquals(200, admin.patch("/api/v1/users/" + u[0], Api.object().put("admin", true)).status());
    assertEquals(200, user.get("/api/v1/users").status());
    assertEquals(200, admin.patch("/api/v1/users/" + u[0], Api.object().put("admin", false)).status());
    assertError(user.get("/api/v1/users"), 403, "FORBIDDEN");

    String me = admin.get("/api/v1/auth/me").body().path("user").path("id").asText();
    assertError(admin.patch("/api/v1/users/" + me, Api.object().put("active", false)), 400, "INVALID_INPUT");
    assertError(admin.patch("/api/v1/users/" + me, Api.object().put("admin", false)), 400, "INVALID_INPUT");
    assertError(admin.patch("/api/v1/users/" + me, Api.object().put("password", "a password set by myself")), 400, "INVALID_INPUT");
    assertError(admin.patch("/api/v1/users/" + u[0], Api.object().put("isAdmin", true)), 400, "INVALID_INPUT");
  }

  /** The session cookie ("name=value") of a browser login. */
  private String sessionCookie(String email, String password) throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var login = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin.base() + "/api/v1/auth/login"))
        .header("Content-Type", "application/json")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Api.object().put("email", email).put("password", password).toString()))
        .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(200, login.statusCode(), login.body());
    String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    return setCookie.substring(0, setCookie.indexOf(';'));
  }

  private int withCookie(String cookie, String path) throws Exception {
    var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(admin.base() + path)).header("Cookie", cookie).build();
    return java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
