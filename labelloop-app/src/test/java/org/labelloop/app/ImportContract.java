package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;

/**
 * Hostile and broken import files (issues 15 and 17) over real HTTP: each gets a 4xx naming its line within seconds,
 * leaves nothing behind and never blocks another project's writes. Subclasses pick the database.
 */
abstract class ImportContract extends ServerContract {
  String newProject(String title, String inputType) {
    Response r = admin.post("/api/v1/projects", Api.object().put("title", title).put("inputType", inputType)
        .set("jsonInterface", inputType.equals("TEXT") ? Api.textInterface("SPORT", "TECH") : Api.classificationInterface("SPORT", "TECH")));
    assertEquals(201, r.status(), r.text());
    return r.body().path("id").asText();
  }

  /** Posts raw bytes with a content type; a client time-out of 10 s fails the test (the server hung). */
  Response postBody(String project, String query, String contentType, byte[] body) throws Exception {
    return postBody(project, query, contentType, body, Duration.ofSeconds(10));
  }

  Response postBody(String project, String query, String contentType, byte[] body, Duration timeout) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(URI.create(admin.base() + "/api/v1/projects/" + project + "/assets" + query))
        .timeout(timeout)
        .header("Authorization", "Bearer " + app.adminApiKey()).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    return new Response(res.statusCode(), res.body().isBlank() ? Api.object() : Api.JSON.readTree(res.body()), res);
  }

  /** A multipart upload of raw bytes as the part {@code file}, with a 10 s client time-out. */
  Response upload(String project, String fileName, byte[] content, Map<String, String> fields) throws Exception {
    String boundary = "b" + UUID.randomUUID().toString().replace("-", "");
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (var f : fields.entrySet()) {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n")
          .getBytes(StandardCharsets.UTF_8));
    }
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(content);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return postBody(project, "", "multipart/form-data; boundary=" + boundary, body.toByteArray());
  }

  private int assetCount(String project) {
    return admin.get("/api/v1/projects/" + project).body().path("assetCount").asInt();
  }

  private void assertRefused(Response r, String... fragments) {
    assertEquals(400, r.status(), r.text());
    assertFalse(r.text().contains("\tat "), r.text());
    assertTrue(r.text().length() < 20_000, "the answer echoes the file: " + r.text().length() + " characters");
    for (String f : fragments) {
      assertTrue(r.text().contains(f), "'" + f + "' missing in " + r.text());
    }
  }

  @Test
  void anUnclosedJsonArrayIsRefusedAndAnotherProjectKeepsWriting() throws Exception {
    String hostile = newProject("hostile", "TEXT");
    String other = newProject("bystander", "TEXT");
    assertEquals(201, admin.post("/api/v1/projects/" + other + "/assets", "[{\"externalId\":\"b1\",\"content\":\"x\"}]").status());
    Response r = postBody(hostile, "", "application/json", "[{\"externalId\":\"x\",\"content\":\"t\"}".getBytes(StandardCharsets.UTF_8));
    assertRefused(r, "line 1", "invalid JSON");
    assertEquals(0, assetCount(hostile));
    Response label = admin.post("/api/v1/projects/" + other + "/labels", Api.object().put("assetExternalId", "b1").put("labelType", "DEFAULT")
        .set("jsonResponse", Api.JSON.readTree("{\"JOB_0\":{\"categories\":[{\"name\":\"SPORT\"}]}}")));
    assertEquals(201, label.status(), label.text());
  }

  @Test
  void utf16AndRandomBytesAndNulBytesAreRefusedWithTheirLine() throws Exception {
    String p = newProject("encodings", "TEXT");
    byte[] utf16 = "{\"externalId\":\"u1\",\"content\":\"x\"}\n".getBytes(StandardCharsets.UTF_16);
    assertRefused(upload(p, "u.jsonl", utf16, Map.of("format", "jsonl")), "line 1", "UTF-16");
    byte[] random = new byte[20_000];
    new Random(5).nextBytes(random);
    assertRefused(upload(p, "r.jsonl", random, Map.of("format", "jsonl")));
    assertRefused(upload(p, "nul.csv", new byte[100_000], Map.of("format", "csv", "idColumn", "id", "textColumn", "text")), "line 1", "NUL");
    byte[] commas = ("id,text,label\n" + ",".repeat(3_000_000) + "\n").getBytes(StandardCharsets.UTF_8);
    assertRefused(upload(p, "commas.csv", commas, Map.of("idColumn", "id", "textColumn", "text")), "line 2");
    byte[] latin1 = "id,text\na,fine\nb,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
    assertRefused(upload(p, "latin1.csv", latin1, Map.of()), "line 3", "not valid UTF-8");
    assertEquals(0, assetCount(p));
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFirstColumnName() throws Exception {
    String p = newProject("bom", "TEXT");
    Response r = upload(p, "bom.csv", "\uFEFFid,text\na,first\n".getBytes(StandardCharsets.UTF_8), Map.of("idColumn", "id"));
    assertEquals(201, r.status(), r.text());
    assertEquals(1, r.body().path("imported").asInt());
  }

  @Test
  void aCellOverTheLimitIsRefusedWithItsLineAndNothingIsImported() throws Exception {
    String p = newProject("limits", "TEXT");
    String csv = "id,text\nb1,fine\nb2," + "x".repeat(1_500_000) + "\nb3,fine\n";
    assertRefused(upload(p, "big.csv", csv.getBytes(StandardCharsets.UTF_8), Map.of()), "line 3", "limit");
    assertEquals(0, assetCount(p));
  }

  @Test
  void anUnknownLabelIsRefusedNamingEachCategorysIdAndName() throws Exception {
    Response created = admin.post("/api/v1/projects", "{\"title\": \"ants\", \"inputType\": \"TEXT\", \"jsonInterface\": {\"jobs\": {\"JOB_0\": "
        + "{\"mlTask\": \"CLASSIFICATION\", \"content\": {\"input\": \"radio\", \"categories\": {\"ANT\": {\"name\": \"ant\"}, \"BEE\": {\"name\": \"bee\"}}}}}}}");
    String p = created.body().path("id").asText();
    assertRefused(upload(p, "insects.csv", "id,text,label\n1,six legs,ant\n2,stripes,ants\n".getBytes(StandardCharsets.UTF_8), Map.of()),
        "line 3: unknown label 'ants' (categories, by id or name: ANT 'ant', BEE 'bee')");
  }

  @Test
  void aCsvSentAsTheBodyNamesItsColumnsInTheQuery() throws Exception {
    String p = newProject("raw csv", "TEXT");
    Response r = postBody(p, "?format=csv&idColumn=key&textColumn=body&labelColumn=topic", "text/csv",
        "key,body,topic\nr1,a late goal,SPORT\nr2,a new chip,\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(201, r.status(), r.text());
    assertEquals("a late goal", admin.get("/api/v1/projects/" + p + "/assets?externalId=r1").body().path("items").get(0).path("content").asText());
    JsonNode labels = admin.get("/api/v1/projects/" + p + "/labels?type=DEFAULT").body().path("items");
    assertEquals(1, labels.size(), labels.toString());
    assertEquals("SPORT", labels.get(0).at("/jsonResponse/JOB_0/categories/0/name").asText());
  }

  @Test
  void aTxtFileIsOneTextPerLineAndAWorkbookIsRefusedWithWhatToDo() throws Exception {
    String p = newProject("lines", "TEXT");
    byte[] lines = "Great app\n\nCrashes on start, every time\nGreat app\n".getBytes(StandardCharsets.UTF_8);
    Response r = upload(p, "reviews.txt", lines, Map.of());
    assertEquals(201, r.status(), r.text());
    assertEquals(2, r.body().path("imported").asInt(), r.text());
    assertEquals(1, r.body().path("duplicates").asInt(), "the same text twice is one asset: " + r.text());
    assertEquals(2, assetCount(p));
    assertRefused(upload(p, "sales.xlsx", new byte[] {'P', 'K', 3, 4, 0, 0}, Map.of()), "sales.xlsx", "save the sheet as CSV UTF-8");
    assertRefused(upload(newProject("lines of photos", "IMAGE"), "list.txt", lines, Map.of()), "for TEXT projects");
  }

  @Test
  void reimportingAFileCountsDuplicatesOnceAndAddsNothing() throws Exception {
    String p = newProject("reimport", "TEXT");
    StringBuilder csv = new StringBuilder("id,text\n");
    for (int i = 0; i < 50; i++) {
      csv.append(String.format("n%03d,row %d%n", i, i));
    }
    byte[] file = csv.toString().getBytes(StandardCharsets.UTF_8);
    assertEquals(201, upload(p, "rows.csv", file, Map.of()).status());
    Response again = upload(p, "rows.csv", file, Map.of());
    assertEquals(200, again.status(), again.text());
    assertEquals(50, again.body().path("duplicates").asInt(), again.text());
    assertEquals(0, again.body().path("rejected").asInt(), again.text());
    Response skip = postBody(p, "?onError=skip", "application/x-ndjson", "{\"id\":\"n000\",\"text\":\"x\"}\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(1, skip.body().path("duplicates").asInt(), skip.text());
    assertEquals(0, skip.body().path("rejected").asInt(), skip.text());
    Response update = postBody(p, "?onDuplicate=update", "application/x-ndjson", "{\"id\":\"n000\",\"text\":\"changed\"}\n".getBytes(StandardCharsets.UTF_8));
    assertEquals(1, update.body().path("updated").asInt(), update.text());
    assertEquals("changed", admin.get("/api/v1/projects/" + p + "/assets?externalId=n000").body().path("items").get(0).path("content").asText());
    assertEquals(50, assetCount(p));
  }

  @Test
  void twoConllFilesImportIntoOneProjectAndErrorsNameTheFilesLine() throws Exception {
    String p = newProject("ner", "TEXT");
    Response a = upload(p, "a.conll", "Paris B-ORG\nis O\n\nAnn B-PER\nsleeps O\n\n".getBytes(StandardCharsets.UTF_8), Map.of("format", "conll"));
    Response b = upload(p, "b.conll", "Rome B-ORG\nis O\n\nBob B-PER\nruns O\n\n".getBytes(StandardCharsets.UTF_8), Map.of("format", "conll"));
    assertEquals(201, a.status(), a.text());
    assertEquals(201, b.status(), b.text());
    assertEquals(4, assetCount(p));
    Response again = upload(p, "a.conll", "Paris B-ORG\nis O\n\nAnn B-PER\nsleeps O\n\n".getBytes(StandardCharsets.UTF_8), Map.of("format", "conll"));
    assertEquals(2, again.body().path("duplicates").asInt(), again.text());
    Response unknown = upload(p, "c.conll", "Ann B-PER\n\n\nOslo B-CITY\nis O\n\n".getBytes(StandardCharsets.UTF_8), Map.of("format", "conll"));
    assertRefused(unknown, "line 4", "unknown entity type 'CITY'");
    byte[] badBytes = "Ann B-PER\nM\u00fcnchen B-ORG\n\n".getBytes(StandardCharsets.ISO_8859_1);
    assertRefused(upload(p, "d.conll", badBytes, Map.of("format", "conll")), "line 2", "UTF-8");
  }

  @Test
  void aZipOfFoldersOnlySaysSoAndAPngMustBeWholeAndOfSaneSize() throws Exception {
    String p = newProject("images", "IMAGE");
    ByteArrayOutputStream folders = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(folders)) {
      z.putNextEntry(new ZipEntry("cats/"));
      z.closeEntry();
    }
    assertRefused(uploadZip(p, folders.toByteArray(), null, ""), "folder");
    byte[] png = MediaApiContract.png(3);
    byte[] signature = java.util.Arrays.copyOf(png, 8);
    byte[] cut = java.util.Arrays.copyOf(png, png.length - 10);
    Response r = uploadZip(p, MediaApiContract.zip("sig.png", signature, "cut.png", cut, "ok.png", png), null, "?onError=skip");
    assertEquals(201, r.status(), r.text());
    assertEquals(1, r.body().path("imported").asInt(), r.text());
    assertEquals(2, r.body().path("rejected").asInt(), r.text());
  }

  @Test
  void aClientThatGoesAwayMidUploadImportsNothingEvenWithSkip() throws Exception {
    String p = newProject("gone", "TEXT");
    byte[] part = "{\"id\":\"g1\",\"text\":\"one\"}\n{\"id\":\"g2\",\"text\":\"two\"}\n".getBytes(StandardCharsets.UTF_8);
    URI base = URI.create(admin.base());
    try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
      var out = socket.getOutputStream();
      out.write(("POST /api/v1/projects/" + p + "/assets?onError=skip HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
          + app.adminApiKey() + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 1000000\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      out.write(part);
      out.flush();
      Thread.sleep(300); // the server is reading the body
    }
    Thread.sleep(1500); // the server notices the closed connection and ends the import
    assertEquals(0, assetCount(p), "a cut upload was imported in part");
  }

  @Test
  void aLongImportLetsAnotherProjectWriteBetweenItsBatches() throws Exception {
    String big = newProject("big import", "TEXT");
    String other = newProject("labeling meanwhile", "TEXT");
    assertEquals(201, admin.post("/api/v1/projects/" + other + "/assets", "[{\"externalId\":\"o1\",\"content\":\"x\"}]").status());
    int rows = 30_000;
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < rows; i++) {
      jsonl.append("{\"id\":\"r").append(i).append("\",\"text\":\"an imported text number ").append(i).append("\"}\n");
    }
    var importing = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try { // a slow machine may take long: this test is about order, not time
        return postBody(big, "", "application/x-ndjson", jsonl.toString().getBytes(StandardCharsets.UTF_8), Duration.ofMinutes(5)).status();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    boolean between = false;
    var label = Api.object().put("assetExternalId", "o1").put("labelType", "DEFAULT")
        .set("jsonResponse", Api.JSON.readTree("{\"JOB_0\":{\"categories\":[{\"name\":\"SPORT\"}]}}"));
    while (!importing.isDone() && !between) {
      assertEquals(201, admin.post("/api/v1/projects/" + other + "/labels", label).status());
      int n = assetCount(big);
      between = n > 0 && n < rows; // a write of this project landed while the import was half written
    }
    assertEquals(201, importing.get());
    assertEquals(rows, assetCount(big));
    assertTrue(between, "another project's label write went between the import's batches");
  }
}
