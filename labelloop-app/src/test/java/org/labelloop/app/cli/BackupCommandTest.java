package org.labelloop.app.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {
  @TempDir Path dir;

  @Test
  void aFileDeletedBeforeItIsCopiedIsLeftOutWithoutAnEmptyEntry() throws Exception {
    Path kept = Files.write(dir.resolve("kept.png"), new byte[] {1, 2, 3});
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      assertEquals(-1, BackupCommand.add(zip, "files/gone.png", dir.resolve("gone.png")));
      assertEquals(3, BackupCommand.add(zip, "files/kept.png", kept));
    }
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals("files/kept.png", zip.getNextEntry().getName());
      assertArrayEquals(new byte[] {1, 2, 3}, zip.readAllBytes());
      assertNull(zip.getNextEntry(), "no entry for the deleted file");
    }
  }
}
