package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.app.testing.Api.Response;
import org.labelloop.store.testing.TestImages;

/**
 * Importing a zip of images or audio and serving the stored files back, over real HTTP against the real wiring.
 * Subclasses pick the database.
 */
abstract class MediaApiContract extends ServerContract {

  /** A tiny real PNG, {@code seed} pixels wide (at least 1), so each one differs. */
  static byte[] png(int seed) {
    return image("png", seed);
  }

  static byte[] jpeg(int seed) {
    return image("jpg", seed);
  }

  private static byte[] image(String format, int seed) {
    return TestImages.encode(new java.awt.image.BufferedImage(Math.max(1, seed), 2, java.awt.image.BufferedImage.TYPE_INT_RGB), format);
  }

  static byte[] zip(Object... nameAndBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < nameAndBytes.length; i += 2) {
        z.putNextEntry(new ZipEntry((String) nameAndBytes[i]));
        Object b = nameAndBytes[i + 1];
        z.write(b instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) b);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  String imageProject() {
    Response r = admin.post("/api/v1/projects", "{\"title\":\"images\",\"inputType\":\"IMAGE\",\"jsonInterface\":{\"jobs\":{\"JOB_0\":"
        + "{\"mlTask\":\"CLASSIFICATION\",\"required\":1,\"content\":{\"input\":\"radio\",\"categories\":{\"CAT\":{\"name\":\"cat\"},\"DOG\":{\"name\":\"dog\"}}}}}}}");
    assertEquals(201, r.status(), r.text());
    return r.body().path("id").asText();
  }


  HttpResponse<byte[]> download(String key, String project, String assetId) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(admin.base() + "/api/v1/projects/" + project + "/assets/" + assetId + "/file"));
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  Map<String, String> assetIdsByExternalId(String project) {
    Response r = admin.get("/api/v1/projects/" + project + "/assets?limit=1000");
    assertEquals(200, r.status(), r.text());
    Map<String, String> ids = new HashMap<>();
    r.body().path("items").forEach(a -> ids.put(a.path("externalId").asText(), a.path("id").asText()));
    return ids;
  }

  /** The files stored for the project, and anything left in staging (of any project). */
  long storedFiles(String project) throws Exception {
    try (Stream<Path> files = Stream.concat(walk(data.resolve("files").resolve(project)), walk(data.resolve("files").resolve(".staging")))) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  private static Stream<Path> walk(Path dir) throws IOException {
    return Files.exists(dir) ? Files.walk(dir).toList().stream() : Stream.empty();
  }

  /** This server runs no media embedder: the image classifier waits for vectors and never falls back to file names. */
  @Test
  void anImageProjectLearnsFromImageEmbeddingsOnlyNeverFromFileNames() throws Exception {
    String p = imageProject();
    Object[] entries = new Object[24];
    for (int i = 0; i < 12; i++) {
      entries[2 * i] = String.format("img%02d.png", i);
      entries[2 * i + 1] = png(i + 1);
    }
    assertEquals(201, uploadZip(p, zip(entries), null, "").status());
    JsonNode learner = admin.get("/api/v1/projects/" + p + "/learning").body().path("learner");
    assertEquals("image-classification", learner.path("task").asText(), learner.toString());
    Set<String> served = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      Response next = admin.get("/api/v1/projects/" + p + "/queue/next");
      assertEquals(200, next.status(), next.text());
      served.add(next.body().path("externalId").asText());
      String category = i % 2 == 0 ? "CAT" : "DOG";
      Response l = admin.post("/api/v1/projects/" + p + "/labels", "{\"assetId\":\"" + next.body().path("id").asText()
          + "\",\"labelType\":\"DEFAULT\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"" + category + "\"}]}}}");
      assertEquals(201, l.status(), l.text());
    }
    assertEquals(IntStream.range(0, 12).mapToObj(i -> String.format("img%02d.png", i)).collect(Collectors.toSet()), served);
    assertEquals(204, admin.get("/api/v1/projects/" + p + "/queue/next").status(), "every asset was served once");
    JsonNode job = null;
    for (int i = 0; i < 300 && (job == null || !job.path("status").asText().equals("SKIPPED")); i++) {
      Thread.sleep(100);
      job = admin.get("/api/v1/projects/" + p + "/training-jobs").body().path("items").path(0);
    }
    assertEquals("SKIPPED", job.path("status").asText(), job.toString());
    assertTrue(job.path("message").asText().contains("waiting for the embeddings"), job.toString());
    assertEquals(0, admin.get("/api/v1/projects/" + p + "/models").body().path("items").size());
  }

  @Test
  void zipOfThreeImagesImportsThreeAssetsServedByteIdenticalWithTheirType() throws Exception {
    String p = imageProject();
    Map<String, byte[]> files = Map.of("a.png", png(1), "dir/b.png", png(2), "dir/deeper/c.jpg", jpeg(3));
    Response r = uploadZip(p, zip("a.png", files.get("a.png"), "dir/b.png", files.get("dir/b.png"), "dir/deeper/c.jpg", files.get("dir/deeper/c.jpg")), null, "");
    assertEquals(201, r.status(), r.text());
    assertEquals(3, r.body().path("imported").asInt(), r.text());
    Map<String, String> ids = assetIdsByExternalId(p);
    assertEquals(files.keySet(), ids.keySet());
    for (var e : files.entrySet()) {
      HttpResponse<byte[]> res = download(app.adminApiKey(), p, ids.get(e.getKey()));
      assertEquals(200, res.statusCode());
      assertArrayEquals(e.getValue(), res.body(), e.getKey());
      assertEquals(e.getKey().endsWith(".png") ? "image/png" : "image/jpeg", res.headers().firstValue("Content-Type").orElse(""));
      assertEquals("nosniff", res.headers().firstValue("X-Content-Type-Options").orElse(""));
    }
  }

  @Test
  void aClipIsServedInRangesSoAPlayerCanSeekInIt() throws Exception {
    Response created = admin.post("/api/v1/projects", "{\"title\":\"clips\",\"inputType\":\"AUDIO\",\"jsonInterface\":{\"jobs\":{\"JOB_0\":"
        + "{\"mlTask\":\"CLASSIFICATION\",\"required\":1,\"content\":{\"input\":\"radio\",\"categories\":{\"A\":{\"name\":\"a\"},\"B\":{\"name\":\"b\"}}}}}}}");
    String p = created.body().path("id").asText();
    byte[] clip = FormatsContract.wav();
    assertEquals(201, uploadZip(p, zip("clip.wav", clip), null, "").status());
    String asset = assetIdsByExternalId(p).get("clip.wav");

    HttpResponse<byte[]> part = range(p, asset, "bytes=1000-1099");
    assertEquals(206, part.statusCode());
    assertEquals("bytes 1000-1099/" + clip.length, part.headers().firstValue("Content-Range").orElse(""));
    assertArrayEquals(Arrays.copyOfRange(clip, 1000, 1100), part.body());
    assertEquals("audio/wav", part.headers().firstValue("Content-Type").orElse(""));
    assertArrayEquals(Arrays.copyOfRange(clip, clip.length - 10, clip.length), range(p, asset, "bytes=-10").body());

    HttpResponse<byte[]> past = range(p, asset, "bytes=" + clip.length + "-");
    assertEquals(416, past.statusCode());
    assertEquals("bytes */" + clip.length, past.headers().firstValue("Content-Range").orElse(""));
    for (String unread : new String[] {"bytes=abc", "bytes=5-2", "bytes=0-1,5-9", "items=0-5"}) {
      HttpResponse<byte[]> whole = range(p, asset, unread);
      assertEquals(200, whole.statusCode(), unread);
      assertArrayEquals(clip, whole.body(), "a Range header that is not one range of bytes gets the whole file: " + unread);
    }
  }

  private HttpResponse<byte[]> range(String project, String asset, String header) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(admin.base() + "/api/v1/projects/" + project + "/assets/" + asset + "/file"))
        .header("Authorization", "Bearer " + app.adminApiKey()).header("Range", header).timeout(java.time.Duration.ofSeconds(10))
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void zipSlipAndNonMediaEntriesFailTheImportOrAreSkippedOnRequest() throws Exception {
    String p = imageProject();
    byte[] zip = zip("good1.png", png(10), "../evil.png", png(11), "notes.txt", "not an image", "good2.png", png(12));
    Response rejected = uploadZip(p, zip, null, "");
    assertEquals(400, rejected.status(), rejected.text());
    String details = rejected.body().path("error").path("details").toString();
    assertTrue(details.contains("../evil.png") && details.contains("'..'"), details);
    assertTrue(details.contains("notes.txt") && details.contains("not an image or audio file"), details);
    assertEquals(Map.of(), assetIdsByExternalId(p));
    assertEquals(0, storedFiles(p));

    Response skipped = uploadZip(p, zip, null, "?onError=skip");
    assertEquals(201, skipped.status(), skipped.text());
    assertEquals(2, skipped.body().path("imported").asInt(), skipped.text());
    assertEquals(2, skipped.body().path("rejected").asInt(), skipped.text());
    assertEquals(java.util.Set.of("good1.png", "good2.png"), assetIdsByExternalId(p).keySet());
    assertEquals(2, storedFiles(p));
    assertTrue(Files.notExists(data.resolve("evil.png")) && Files.notExists(data.resolve("files").resolve("evil.png")));
  }

  @Test
  void onlyProjectMembersDownloadFiles() throws Exception {
    String p = imageProject();
    assertEquals(201, uploadZip(p, zip("x.png", png(20)), null, "").status());
    String assetId = assetIdsByExternalId(p).get("x.png");
    Response u = admin.post("/api/v1/users", Api.object().put("email", "media-" + UUID.randomUUID() + "@example.org")
        .put("name", "N").put("password", "a long enough password"));
    String userId = u.body().path("id").asText();
    String key = admin.post("/api/v1/users/" + userId + "/api-keys", Api.object().put("name", "k")).body().path("key").asText();

    HttpResponse<byte[]> stranger = download(key, p, assetId);
    assertEquals(404, stranger.statusCode());
    assertTrue(!new String(stranger.body(), StandardCharsets.ISO_8859_1).contains("PNG"));
    assertEquals(401, download(null, p, assetId).statusCode());

    assertEquals(201, admin.post("/api/v1/projects/" + p + "/members", Api.object().put("userId", userId).put("role", "LABELER")).status());
    HttpResponse<byte[]> member = download(key, p, assetId);
    assertEquals(200, member.statusCode());
    assertArrayEquals(png(20), member.body());
  }

  @Test
  void aTextAssetHasNoFile() throws Exception {
    String p = imageProject();
    assertEquals(201, admin.post("/api/v1/projects/" + p + "/assets", "[{\"externalId\":\"u\",\"content\":\"../../labelloop.db\"}]").status());
    assertEquals(404, download(app.adminApiKey(), p, assetIdsByExternalId(p).get("u")).statusCode());
  }

  @Test
  void importRejectedAfterFilesWerePublishedLeavesNoFiles() throws Exception {
    String p = imageProject();
    // more good entries than one batch (1000), so the first batch's files are in place before the bad entry is read
    Object[] entries = new Object[2 * 1002];
    for (int i = 0; i < 1001; i++) {
      entries[2 * i] = "img" + i + ".png";
      entries[2 * i + 1] = png(i);
    }
    entries[2002] = "../../evil.png";
    entries[2003] = png(7);
    Response r = uploadZip(p, zip(entries), null, "");
    assertEquals(400, r.status(), r.text());
    JsonNode project = admin.get("/api/v1/projects/" + p).body();
    assertEquals(0, project.path("assetCount").asInt(), project.toString());
    assertEquals(0, storedFiles(p));
  }

  @Test
  void aZipCanBeTheRawRequestBody() throws Exception {
    String p = imageProject();
    HttpRequest req = HttpRequest.newBuilder(URI.create(admin.base() + "/api/v1/projects/" + p + "/assets"))
        .header("Authorization", "Bearer " + app.adminApiKey()).header("Content-Type", "application/zip")
        .POST(HttpRequest.BodyPublishers.ofByteArray(zip("raw.png", png(30)))).build();
    HttpResponse<String> res = HTTP.send(req, HttpResponse.BodyHandlers.ofString());
    assertEquals(201, res.statusCode(), res.body());
    assertEquals(java.util.Set.of("raw.png"), assetIdsByExternalId(p).keySet());
  }

  @Test
  void zipIntoATextProjectIsA400() throws Exception {
    Response created = admin.post("/api/v1/projects", Api.object().put("title", "t").put("inputType", "TEXT")
        .set("jsonInterface", Api.textInterface("A", "B")));
    Response r = uploadZip(created.body().path("id").asText(), zip("a.png", png(1)), null, "");
    assertEquals(400, r.status(), r.text());
    assertTrue(r.text().contains("IMAGE or AUDIO"), r.text());
  }
}
