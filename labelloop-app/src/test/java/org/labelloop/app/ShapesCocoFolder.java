package org.labelloop.app;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The image demo's drawn shapes ({@link DemoShapes}), every picture's boxes given, as a folder holding
 * {@code instances.json} (COCO) beside the PNGs: synthetic data for {@code simulate --task detection}.
 * {@code java -cp ... org.labelloop.app.ShapesCocoFolder FOLDER COUNT}.
 */
public final class ShapesCocoFolder {
  private ShapesCocoFolder() {}

  /** Writes {@code count} pictures and their COCO file into {@code folder}; returns the COCO file. */
  public static Path write(Path folder, int count) throws IOException {
    Files.createDirectories(folder);
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(DemoShapes.cocoZip(count, count)))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Files.write(folder.resolve(e.getName()), zip.readAllBytes());
      }
    }
    return folder.resolve("instances.json");
  }

  public static void main(String[] args) throws IOException {
    System.out.println(write(Path.of(args[0]), Integer.parseInt(args[1])));
  }
}
