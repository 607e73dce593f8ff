package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.core.port.FileStore;

class DiskFileStoreTest {
  @TempDir Path root;

  private static InputStream bytes(String s) {
    return new ByteArrayInputStream(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private long filesUnder(Path dir) throws Exception {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void stagedFilesAreInvisibleUntilPublishedAndGoneAfterUnpublish() throws Exception {
    DiskFileStore store = new DiskFileStore(root);
    try (FileStore.Staging staging = store.stage("p1")) {
      String key = staging.put("dir/../My Cat!.PNG", bytes("png bytes"), 100);
      assertTrue(key.startsWith("p1/") && key.endsWith("/My_Cat_.png"), key);
      assertThrows(NoSuchFileException.class, () -> store.open(key));
      staging.publish(List.of(key));
      try (InputStream in = store.open(key)) {
        assertArrayEquals("png bytes".getBytes(), in.readAllBytes());
      }
      staging.unpublish();
      assertThrows(NoSuchFileException.class, () -> store.open(key));
    }
    assertEquals(0, filesUnder(root));
  }

  @Test
  void aFileOverTheCapLeavesNothing() throws Exception {
    DiskFileStore store = new DiskFileStore(root);
    try (FileStore.Staging staging = store.stage("p1")) {
      assertThrows(FileStore.TooLarge.class, () -> staging.put("a.png", bytes("0123456789"), 5));
    }
    assertEquals(0, filesUnder(root));
  }

  @Test
  void leftoverStagingIsRemovedAtStart() throws Exception {
    Path orphan = Files.createDirectories(root.resolve(".staging/crashed-import/p1/ab"));
    Files.writeString(orphan.resolve("x.png"), "half");
    Files.setLastModifiedTime(root.resolve(".staging/crashed-import"), java.nio.file.attribute.FileTime.from(
        java.time.Instant.now().minus(DiskFileStore.ABANDONED_STAGING).minusSeconds(60)));
    new DiskFileStore(root);
    assertEquals(0, filesUnder(root));
  }

  @Test
  void anotherServersImportInProgressSurvivesAStartOnTheSharedDirectory() throws Exception {
    DiskFileStore first = new DiskFileStore(root);
    try (FileStore.Staging staging = first.stage("p1")) {
      String key = staging.put("a.png", bytes("png bytes"), 100);
      new DiskFileStore(root); // a second server starts on the same directory
      staging.publish(List.of(key));
      assertEquals("png bytes", new String(first.open(key).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  @Test
  void keysOfAnyOtherShapeNameNoFile() throws Exception {
    Files.writeString(root.resolve("secret"), "s");
    DiskFileStore store = new DiskFileStore(root);
    for (String key : List.of("../secret", "secret", "p1/../../secret", "/etc/passwd", "p1/ab/cd/x.png")) {
      assertThrows(NoSuchFileException.class, () -> store.open(key), key);
    }
  }

  @Test
  void deletingAProjectRemovesItsFilesOnly() throws Exception {
    DiskFileStore store = new DiskFileStore(root);
    String a = store.put("p1", "a.wav", bytes("a"));
    String b = store.put("p2", "b.wav", bytes("b"));
    store.delete("p1");
    assertThrows(NoSuchFileException.class, () -> store.open(a));
    try (InputStream in = store.open(b)) {
      assertEquals("b", new String(in.readAllBytes()));
    }
    assertFalse(Files.exists(root.resolve("p1")));
  }
}
