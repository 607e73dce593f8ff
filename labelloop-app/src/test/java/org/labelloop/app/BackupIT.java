package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.app.testing.Api;

/** {@code backup} of a running SQLite server and {@code restore} into a new directory that a second server serves. */
class BackupIT {
  @TempDir Path dir;

  @Test
  void aBackupTakenWhileTheServerRunsRestoresItsLabelsKeysAndFiles() throws Exception {
    Path data = dir.resolve("data"), restored = dir.resolve("restored"), zip = dir.resolve("backups/nightly.zip");
    byte[] png = MediaApiContract.png(4);
    String key, project, asset;
    try (LabelloopApp app = start(data)) {
      key = app.adminApiKey();
      Api admin = new Api("http://127.0.0.1:" + app.port(), key);
      project = admin.post("/api/v1/projects", Api.object().put("title", "photos").put("inputType", "IMAGE")
          .set("jsonInterface", Api.classificationInterface("CAT", "DOG"))).body().path("id").asText();
      ServerContract.uploadZip(admin, key, project, MediaApiContract.zip("b.png", png), null, "");
      asset = admin.get("/api/v1/projects/" + project + "/assets").body().path("items").path(0).path("id").asText();
      assertEquals(201, admin.post("/api/v1/projects/" + project + "/labels", ApiContract.classification(asset, "DOG")).status());
      String[] backup = cli("backup", "--data", data.toString(), "--out", zip.toString());
      assertEquals("0", backup[0], backup[2]);
      assertTrue(backup[1].contains("backup written: " + zip) && backup[1].contains("1 files"), backup[1]);
      assertTrue(cli("backup", "--data", data.toString(), "--out", zip.toString())[2].contains("never overwrites"));
    }
    String[] restore = cli("restore", "--from", zip.toString(), "--data", restored.toString());
    assertEquals("0", restore[0], restore[2]);
    assertTrue(cli("restore", "--from", zip.toString(), "--data", restored.toString())[2].contains("is not empty"));
    try (LabelloopApp app = start(restored)) {
      assertFalse(Files.exists(restored.resolve("admin-api-key")), "the restored users stay: no new administrator");
      String base = "http://127.0.0.1:" + app.port();
      JsonNode labels = new Api(base, key).get("/api/v1/projects/" + project + "/labels").body().path("items");
      assertEquals("DOG", labels.path(0).at("/jsonResponse/JOB_0/categories/0/name").asText(), "the old key works and the label is there");
      HttpResponse<byte[]> file = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create(base + "/api/v1/projects/" + project + "/assets/" + asset + "/file")).header("Authorization", "Bearer " + key).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      assertArrayEquals(png, file.body());
    }
  }

  @Test
  void aZipThatIsNoBackupOrReachesOutOfTheDirectoryIsRefused() throws Exception {
    Path notBackup = dir.resolve("other.zip"), evil = dir.resolve("evil.zip");
    write(notBackup, "readme.txt");
    write(evil, "labelloop.db", "files/../../outside.txt");
    assertTrue(cli("restore", "--from", notBackup.toString(), "--data", dir.resolve("a").toString())[2].contains("not a Labelloop backup"));
    String[] r = cli("restore", "--from", evil.toString(), "--data", dir.resolve("b").toString());
    assertEquals("1", r[0]);
    assertTrue(r[2].contains("unexpected entry 'files/../../outside.txt'"), r[2]);
    assertFalse(Files.exists(dir.resolve("outside.txt")));
    assertFalse(Files.exists(dir.resolve("b").resolve("labelloop.db")), "nothing restored");
  }

  private static void write(Path zip, String... names) throws Exception {
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : names) {
        out.putNextEntry(new ZipEntry(name));
        out.write("x".getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }

  private static LabelloopApp start(Path data) {
    return LabelloopApp.start(new LabelloopApp.Settings("127.0.0.1", 0, data, null, false, false), new PrintStream(new ByteArrayOutputStream()));
  }

  /** Runs the CLI in-process; returns {exit code, stdout, stderr}. */
  private static String[] cli(String... args) {
    PrintStream out = System.out, err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int code = Main.commandLine().execute(args);
      return new String[] {Integer.toString(code), o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
