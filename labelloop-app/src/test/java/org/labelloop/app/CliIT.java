package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;

/** The CLI's client commands against a real server (SQLite), run in-process through picocli. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CliIT {
  private Path data;
  private LabelloopApp app;
  private Api admin;
  private String url;

  @BeforeAll
  void start() throws Exception {
    data = Files.createTempDirectory("labelloop-cli-");
    app = LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, null, false, false), new PrintStream(new ByteArrayOutputStream()));
    url = "http://127.0.0.1:" + app.port();
    admin = new Api(url, app.adminApiKey());
  }

  @AfterAll
  void stop() {
    app.close();
  }

  /** Runs the CLI; returns {exit code, stdout, stderr}. */
  private Object[] cli(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
    try {
      List<String> all = new java.util.ArrayList<>(List.of(args));
      all.addAll(List.of("--url", url, "--api-key", app.adminApiKey()));
      int code = Main.commandLine().execute(all.toArray(String[]::new));
      return new Object[] {code, captured.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void aRefusedImportNamesTheCliFlagWithoutBlankLinesAndAReimportCountsDuplicatesOnce() throws Exception {
    String project = admin.post("/api/v1/projects", Api.object().put("title", "cli errors").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPORT", "TECH"))).body().path("id").asText();
    Path bad = data.resolve("bad.csv");
    Files.writeString(bad, "id,text\na,one\nb,two,extra\n");
    Object[] refused = cli("import", "--project", project, bad.toString());
    String stderr = (String) refused[2];
    assertEquals(1, refused[0], stderr);
    assertTrue(stderr.contains("line 3") && stderr.contains("--on-error skip") && !stderr.contains("onError=skip"), stderr);
    assertTrue(!stderr.contains("\n\n") && !stderr.startsWith("\n"), "no blank line before the error: " + stderr);

    Path good = data.resolve("good.csv");
    Files.writeString(good, "id,text\nn000,one\nn001,two\n");
    assertTrue(((String) cli("import", "--project", project, good.toString())[1]).contains("imported=2"));
    Object[] again = cli("import", "--project", project, "--on-error", "skip", good.toString());
    assertEquals(0, again[0], (String) again[1]);
    assertTrue(((String) again[1]).contains("imported=0 duplicates=2 updated=0 rejected=0"), (String) again[1]);
  }

  @Test
  void importsAFileAndExportsItBack() throws Exception {
    String project = admin.post("/api/v1/projects", Api.object().put("title", "cli").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPORT", "TECH"))).body().path("id").asText();
    Path csv = data.resolve("in.csv");
    StringBuilder rows = new StringBuilder("key,body,cat\n");
    for (int i = 0; i < 1000; i++) {
      rows.append("r").append(i).append(",\"text, number ").append(i).append("\",").append(i % 10 == 0 ? "SPORT" : "").append('\n');
    }
    Files.writeString(csv, rows);
    Object[] imported = cli("import", "--project", project, "--id-col", "key", "--text-col", "body", "--label-col", "cat", csv.toString());
    assertEquals(0, imported[0], (String) imported[1]);
    assertTrue(((String) imported[1]).contains("imported=1000"), (String) imported[1]);

    Path out = data.resolve("out.jsonl");
    Object[] exported = cli("export", "--project", project, "--format", "jsonl", "-o", out.toString());
    assertEquals(0, exported[0], (String) exported[1]);
    List<String> lines = Files.readAllLines(out);
    assertEquals(1000, lines.size());
    assertTrue(lines.stream().anyMatch(l -> l.contains("\"text, number 7\"")));
    assertEquals(100, lines.stream().filter(l -> l.contains("SPORT")).count());
    Path found = data.resolve("found.jsonl");
    Object[] narrowed = cli("export", "--project", project, "--category", "SPORT", "--search", "NUMBER 9", "-o", found.toString());
    assertEquals(0, narrowed[0], (String) narrowed[1]);
    assertEquals(11, Files.readAllLines(found).size(), "r90, r900, ..., r990: answered SPORT, with the text");
    String me = admin.get("/api/v1/auth/me").body().at("/user/id").asText();
    Path mine = data.resolve("mine.jsonl");
    assertEquals(0, cli("export", "--project", project, "--labeled-by", me, "-o", mine.toString())[0]);
    assertEquals(100, Files.readAllLines(mine).size(), "the import's labels are the importer's");

    Path refused = data.resolve("refused.jsonl");
    Object[] unknown = cli("export", "--project", "999999", "--format", "jsonl", "-o", refused.toString());
    assertEquals(1, unknown[0]);
    assertTrue(((String) unknown[2]).contains("error: HTTP 404"), (String) unknown[2]);
    assertTrue(Files.notExists(refused) && Files.notExists(data.resolve("refused.jsonl.part")), "nothing half-written");
  }

  @Test
  void importsAFolderOfImagesWithVocFilesAndExportsLabelStudioTasks() throws Exception {
    String project = admin.post("/api/v1/projects", "{\"title\": \"cli voc\", \"inputType\": \"IMAGE\", \"jsonInterface\": {\"jobs\": {\"BOXES\":"
        + " {\"mlTask\": \"OBJECT_DETECTION\", \"tools\": [\"rectangle\"], \"content\": {\"input\": \"radio\", \"categories\": {\"CAR\": {\"name\": \"car\"}}}}}}}")
        .body().path("id").asText();
    Path folder = Files.createDirectories(data.resolve("voc/JPEGImages"));
    Files.write(folder.resolve("a.png"), BoxesApiContract.image("png", 40, 20));
    Files.createDirectories(data.resolve("voc/Annotations"));
    Files.writeString(data.resolve("voc/Annotations/a.xml"), "<annotation><filename>a.png</filename>"
        + "<object><name>car</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>20</xmax><ymax>10</ymax></bndbox></object></annotation>");
    Object[] imported = cli("import", "--project", project, "--format", "voc", data.resolve("voc").toString());
    assertEquals(0, imported[0], (String) imported[2]);
    assertTrue(((String) imported[1]).contains("imported=1"), (String) imported[1]);

    Path out = data.resolve("tasks.json");
    Object[] exported = cli("export", "--project", project, "--format", "labelstudio", "-o", out.toString());
    assertEquals(0, exported[0], (String) exported[2]);
    var task = Api.JSON.readTree(out.toFile()).get(0);
    assertEquals("JPEGImages/a.png", task.path("data").path("image").asText());
    var box = task.path("annotations").get(0).path("result").get(0).path("value");
    assertEquals("CAR 0.0 0.0 50.0 50.0", box.path("rectanglelabels").get(0).asText() + " " + box.path("x").asDouble() + " "
        + box.path("y").asDouble() + " " + box.path("width").asDouble() + " " + box.path("height").asDouble());
  }

  @Test
  void failedImportExitsNonZeroAndImportsNothing() throws Exception {
    String project = admin.post("/api/v1/projects", Api.object().put("title", "cli bad").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPORT", "TECH"))).body().path("id").asText();
    Path csv = data.resolve("bad.csv");
    Files.writeString(csv, "id,text\na,ok\nb,\"broken\n");
    Object[] r = cli("import", "--project", project, csv.toString());
    assertEquals(1, r[0]);
    assertEquals(0, admin.get("/api/v1/projects/" + project).body().path("assetCount").asInt());
  }

  @Test
  void diffsTwoDatasetVersionsAndSendsTheChangeToReview() throws Exception {
    String project = admin.post("/api/v1/projects", Api.object().put("title", "cli versions").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPORT", "TECH"))).body().path("id").asText();
    Path csv = data.resolve("versions.csv");
    Files.writeString(csv, "id,text,label\nx1,one,SPORT\nx2,two,SPORT\n");
    assertEquals(0, cli("import", "--project", project, "--label-col", "label", csv.toString())[0]);
    Object[] v1 = cli("versions", "create", "--project", project, "v1");
    assertEquals(0, v1[0], (String) v1[1]);
    String a = ((String) v1[1]).replaceAll("(?s).*id=(\\S+).*", "$1");
    var answer = Api.object();
    answer.putObject("JOB_0").putArray("categories").addObject().put("name", "TECH");
    admin.post("/api/v1/projects/" + project + "/labels", Api.object().put("assetExternalId", "x2").put("labelType", "DEFAULT").set("jsonResponse", answer));
    String b = ((String) cli("versions", "create", "--project", project, "v2")[1]).replaceAll("(?s).*id=(\\S+).*", "$1");

    String diff = (String) cli("versions", "diff", "--project", project, a, b)[1];
    assertTrue(diff.contains("~ x2") && diff.contains("added=0 removed=0 changed=1"), diff);
    assertTrue(((String) cli("versions", "to-review", "--project", project, a, b)[1]).contains("moved to review: 1"));
    assertEquals(1, admin.get("/api/v1/projects/" + project + "/assets?status=TO_REVIEW").body().path("items").size());
    Path out = data.resolve("v1.jsonl");
    assertEquals(0, cli("versions", "export", "--project", project, "-o", out.toString(), a)[0]);
    assertEquals(2, Files.readAllLines(out).size());
    assertTrue(((String) cli("versions", "list", "--project", project)[1]).contains("v2"));
  }

  @Test
  void createsUsersAndManagesTheirKeys() {
    Object[] created = cli("users", "create", "--email", "cli-user@example.org", "--name", "Cli", "--password", "a long password 42");
    assertEquals(0, created[0], (String) created[1]);
    String userId = ((String) created[1]).replaceAll("(?s).*id=(\\S+).*", "$1");
    assertTrue(((String) cli("users", "list")[1]).contains("cli-user@example.org"));
    Object[] key = cli("keys", "create", "--user", userId, "--name", "laptop");
    assertEquals(0, key[0], (String) key[1]);
    String keyId = ((String) key[1]).replaceAll("(?s).*key created: id=(\\S+).*", "$1");
    String plain = ((String) key[1]).replaceAll("(?s).*key=(\\S+).*", "$1");
    assertEquals(200, admin.as(plain).get("/api/v1/projects").status());
    assertTrue(((String) cli("keys", "list", "--user", userId)[1]).contains("laptop"));
    Object[] deactivated = cli("users", "update", "--email", "CLI-user@example.org", "--deactivate", "--can-create-projects");
    assertEquals(0, deactivated[0], (String) deactivated[1]);
    assertTrue(((String) deactivated[1]).contains("canCreateProjects=true active=false"), (String) deactivated[1]);
    assertEquals(401, admin.as(plain).get("/api/v1/projects").status(), "a deactivated user's key is refused");
    assertEquals(0, cli("users", "update", "--email", "cli-user@example.org", "--reactivate")[0]);
    assertEquals(200, admin.as(plain).get("/api/v1/projects").status());
    assertEquals(0, cli("keys", "revoke", keyId)[0]);
    assertEquals(401, admin.as(plain).get("/api/v1/projects").status());
    Object[] unknown = cli("users", "update", "--email", "nobody@example.org", "--admin");
    assertTrue(((String) unknown[2]).contains("no user has the email nobody@example.org"), (String) unknown[2]);
  }

  @Test
  void importsATeamFromACsvWithGeneratedPasswordsAndMakesThemLabelers() throws Exception {
    Path dir = Files.createTempDirectory("cli-team-");
    Path team = dir.resolve("team.csv");
    Files.writeString(team, "Email,Name\nann@team.example,Ann\nbob@team.example,\"Bob, Jr.\"\nnot-an-email,Zed\n");
    Object[] refused = cli("users", "import", "--file", team.toString(), "--passwords-out", dir.resolve("p0.csv").toString());
    assertEquals(1, refused[0]);
    assertTrue(((String) refused[2]).contains("line 4: 'not-an-email' is not an email address; nobody was created"), (String) refused[2]);
    assertFalse(((String) cli("users", "list")[1]).contains("ann@team.example"), "a bad line creates nobody");

    Files.writeString(team, "email,name\nann@team.example,Ann\nbob@team.example,\"Bob, Jr.\"\nadmin@localhost,Admin\n");
    String project = admin.post("/api/v1/projects", Api.object().put("title", "team").set("jsonInterface", Api.textInterface("A"))).body().path("id").asText();
    Path passwords = dir.resolve("passwords.csv");
    Object[] imported = cli("users", "import", "--file", team.toString(), "--passwords-out", passwords.toString(), "--project", project);
    assertEquals(0, imported[0], (String) imported[2]);
    assertTrue(((String) imported[1]).contains("users: created=2 existing=1; added to project " + project + " as LABELER=2"), (String) imported[1]);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwords)));
    List<String> lines = Files.readAllLines(passwords);
    assertEquals("email,password", lines.get(0));
    assertEquals(List.of("email", "ann@team.example", "bob@team.example"), lines.stream().map(l -> l.replaceAll(",.*", "")).toList());
    String annPassword = lines.get(1).split(",", 2)[1];
    assertEquals(16, annPassword.length());
    Response login = admin.as(null).post("/api/v1/auth/login", Api.object().put("email", "ann@team.example").put("password", annPassword));
    assertEquals(200, login.status(), "the generated password signs Ann in: " + login.text());
    JsonNode members = admin.get("/api/v1/projects/" + project + "/members").body().path("items");
    assertEquals(3, members.size(), members.toString());
    for (JsonNode m : members) {
      assertEquals(m.path("email").asText().equals("admin@localhost") ? "ADMIN" : "LABELER", m.path("role").asText(), "the creator stays its admin: " + members);
    }

    Object[] again = cli("users", "import", "--file", team.toString(), "--passwords-out", passwords.toString());
    assertTrue(((String) again[2]).contains("exists; give a new file"), "passwords are never overwritten: " + again[2]);
  }

  @Test
  void importsAFolderOfImagesZippedOnTheFly() throws Exception {
    String project = admin.post("/api/v1/projects", "{\"title\":\"cli images\",\"inputType\":\"IMAGE\",\"jsonInterface\":{\"jobs\":"
        + "{\"JOB_0\":{\"mlTask\":\"CLASSIFICATION\",\"content\":{\"input\":\"radio\",\"categories\":{\"CAT\":{\"name\":\"cat\"}}}}}}}")
        .body().path("id").asText();
    Path dir = Files.createDirectories(data.resolve("pics/sub"));
    byte[] png = MediaApiContract.png(1);
    Files.write(dir.getParent().resolve("a.png"), png);
    Files.write(dir.resolve("b.png"), MediaApiContract.png(2));
    Files.writeString(dir.resolve("readme.txt"), "left out");
    Files.writeString(dir.getParent().resolve("manifest.csv"), "file,externalId,label\nsub/b.png,B,CAT\n");
    Object[] r = cli("import", "--project", project, dir.getParent().toString());
    assertEquals(0, r[0], (String) r[1]);
    assertTrue(((String) r[1]).contains("imported=2"), (String) r[1]);
    assertTrue(((String) r[1]).contains("left out 1 file"), (String) r[1]);
    var items = admin.get("/api/v1/projects/" + project + "/assets").body().path("items");
    List<String> ids = new java.util.ArrayList<>();
    items.forEach(i -> ids.add(i.path("externalId").asText()));
    assertEquals(List.of("B", "a.png"), ids.stream().sorted().toList());
  }

  @Test
  void aFolderOfClassFoldersImportsEachImageLabeledByItsFolderWhenAsked() throws Exception {
    String project = admin.post("/api/v1/projects", "{\"title\":\"cli classes\",\"inputType\":\"IMAGE\",\"jsonInterface\":{\"jobs\":"
        + "{\"JOB_0\":{\"mlTask\":\"CLASSIFICATION\",\"content\":{\"input\":\"radio\",\"categories\":{\"ANT\":{\"name\":\"ants\"},"
        + "\"BEE\":{\"name\":\"bees\"}}}}}}}").body().path("id").asText();
    Path root = data.resolve("hymenoptera");
    Files.write(Files.createDirectories(root.resolve("train/ants")).resolve("1.png"), MediaApiContract.png(3));
    Files.write(Files.createDirectories(root.resolve("train/bees")).resolve("2.png"), MediaApiContract.png(4));
    Files.write(Files.createDirectories(root.resolve("unsorted")).resolve("3.png"), MediaApiContract.png(5));
    Object[] r = cli("import", "--project", project, "--labels-from-folders", root.toString());
    assertEquals(0, r[0], (String) r[2]);
    java.util.Map<String, String> byAsset = new java.util.TreeMap<>();
    admin.get("/api/v1/projects/" + project + "/assets").body().path("items")
        .forEach(a -> byAsset.put(a.path("externalId").asText(), a.path("status").asText()));
    assertEquals(java.util.Map.of("train/ants/1.png", "LABELED", "train/bees/2.png", "LABELED", "unsorted/3.png", "TODO"), byAsset);
    List<String> answers = new java.util.ArrayList<>();
    admin.get("/api/v1/projects/" + project + "/labels").body().path("items")
        .forEach(l -> answers.add(l.at("/jsonResponse/JOB_0/categories/0/name").asText()));
    assertEquals(List.of("ANT", "BEE"), answers.stream().sorted().toList());
    String unasked = admin.post("/api/v1/projects", Api.object().put("title", "cli classes, unlabeled").put("inputType", "IMAGE")
        .set("jsonInterface", admin.get("/api/v1/projects/" + project).body().path("jsonInterface"))).body().path("id").asText();
    assertEquals(0, cli("import", "--project", unasked, root.toString())[0]);
    assertEquals(3, admin.get("/api/v1/projects/" + unasked).body().path("countsByStatus").path("TODO").asInt(), "folders label only when asked");
  }

  @Test
  void importsAFolderOfImagesWithYoloLabelsAndExportsTheBoxesAsCoco() throws Exception {
    String project = admin.post("/api/v1/projects", "{\"title\":\"cli boxes\",\"inputType\":\"IMAGE\",\"jsonInterface\":{\"jobs\":"
        + "{\"OBJECTS\":{\"mlTask\":\"OBJECT_DETECTION\",\"content\":{\"input\":\"radio\",\"categories\":{\"CAR\":{\"name\":\"car\"}}}}}}}")
        .body().path("id").asText();
    Path dir = Files.createDirectories(data.resolve("yolo/images"));
    Files.write(dir.resolve("a.png"), BoxesApiContract.image("png", 40, 20));
    Files.createDirectories(data.resolve("yolo/labels"));
    Files.writeString(data.resolve("yolo/labels/a.txt"), "0 0.5 0.5 0.5 0.5\n");
    Files.writeString(data.resolve("yolo/classes.txt"), "car\n");
    Object[] r = cli("import", "--project", project, "--format", "yolo", data.resolve("yolo").toString());
    assertEquals(0, r[0], (String) r[1]);
    assertTrue(((String) r[1]).contains("imported=1 duplicates=0 updated=0 rejected=0"), (String) r[1]);

    Path out = data.resolve("boxes.json");
    Object[] exported = cli("export", "--project", project, "--format", "coco", "-o", out.toString());
    assertEquals(0, exported[0], (String) exported[1]);
    var coco = Api.JSON.readTree(out.toFile());
    assertEquals("images/a.png", coco.path("images").get(0).path("file_name").asText());
    assertEquals("[10.0,5.0,20.0,10.0]", coco.path("annotations").get(0).path("bbox").toString());
  }

  @Test
  void exportModelWritesOneFileThatScoresThePoolLikeTheServer() throws Exception {
    String project = admin.post("/api/v1/projects", Api.object().put("title", "cli model").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("SPORT", "TECH"))).body().path("id").asText();
    admin.patch("/api/v1/projects/" + project + "/learning", Api.object().put("timeBudgetSeconds", 1));
    List<String> texts = LearningLoopContract.texts(40, 3);
    StringBuilder csv = new StringBuilder("id,text,label\n");
    for (int i = 0; i < texts.size(); i++) {
      csv.append('e').append(i).append(',').append(texts.get(i)).append(',').append(i >= 16 ? "" : i % 2 == 0 ? "SPORT" : "TECH").append('\n');
    }
    Path in = data.resolve("model-in.csv");
    Files.writeString(in, csv);
    assertEquals(0, cli("import", "--project", project, "--label-col", "label", in.toString())[0]);
    com.fasterxml.jackson.databind.JsonNode prediction = LearningLoopContract.await(() -> {
      var items = admin.get("/api/v1/projects/" + project + "/labels?type=PREDICTION&limit=1").body().path("items");
      return items.isEmpty() ? null : items.get(0);
    }, "the first model's predictions");

    Path file = data.resolve("model.llm");
    Object[] exported = cli("export-model", "--project", project, "-o", file.toString());
    assertEquals(0, exported[0], (String) exported[2]);
    assertTrue(((String) exported[1]).startsWith("export-model done: version=1 bytes="), (String) exported[1]);
    org.labelloop.learn.model.ModelFile read;
    try (var stream = Files.newInputStream(file)) {
      read = org.labelloop.learn.model.ModelFile.read(stream);
    }
    assertEquals(prediction.path("modelVersion").asText(), read.modelVersion());
    assertEquals("JOB_0", read.jobId());
    String assetText = null;
    for (var a : admin.get("/api/v1/projects/" + project + "/assets?limit=1000").body().path("items")) {
      if (a.path("id").asText().equals(prediction.path("assetId").asText())) assetText = a.path("content").asText();
    }
    var model = read.textModel(1);
    double[] p = model.predictProba(List.of(assetText))[0];
    var served = prediction.path("jsonResponse").path("JOB_0").path("probabilities");
    for (int c = 0; c < p.length; c++) assertEquals(served.path(model.classes().get(c)).asDouble(), p[c], 1e-4, served.toString());

    Path missing = data.resolve("missing.llm");
    Object[] refused = cli("export-model", "--project", project, "--version", "9", "-o", missing.toString());
    assertEquals(1, refused[0]);
    assertTrue(((String) refused[2]).contains("model version 9"), (String) refused[2]);
    assertTrue(Files.notExists(missing) && Files.notExists(data.resolve("missing.llm.part")), "nothing half-written");
  }
}
