package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the direction of dependencies (learn ← core ← store / server ← app) by reading the import lines of the main
 * sources: the engine and the domain never see SQL, HTTP or JSON-annotation types, and no module reaches up.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<String> INFRASTRUCTURE =
      List.of("java.sql.", "javax.sql.", "io.javalin.", "org.eclipse.jetty.", "jakarta.servlet.", "com.fasterxml.jackson.annotation.",
          "org.jdbi.", "com.zaxxer.", "org.flywaydb.", "java.net.http.");

  @Test
  void learningEngineDependsOnNoOtherModuleAndNoInfrastructure() throws IOException {
    List<String> forbidden = new ArrayList<>(INFRASTRUCTURE);
    forbidden.addAll(List.of("org.labelloop.core.", "org.labelloop.store.", "org.labelloop.server.", "org.labelloop.app."));
    assertEquals(List.of(), violations("labelloop-learn", forbidden));
  }

  @Test
  void coreDependsOnlyOnTheLearningEngine() throws IOException {
    List<String> forbidden = new ArrayList<>(INFRASTRUCTURE);
    forbidden.addAll(List.of("org.labelloop.store.", "org.labelloop.server.", "org.labelloop.app."));
    assertEquals(List.of(), violations("labelloop-core", forbidden));
  }

  @Test
  void storeAndServerDoNotKnowEachOtherOrTheApp() throws IOException {
    assertEquals(List.of(), violations("labelloop-store", List.of("org.labelloop.server.", "org.labelloop.app.", "io.javalin.")));
    assertEquals(List.of(), violations("labelloop-server", List.of("org.labelloop.store.", "org.labelloop.app.", "java.sql.", "org.jdbi.")));
  }

  /** "file: import" lines of a module's main sources that start with a forbidden prefix. */
  private static List<String> violations(String module, List<String> forbidden) throws IOException {
    Path sources = ROOT.resolve(module).resolve("src/main/java");
    assertTrue(Files.isDirectory(sources), "sources of " + module + " at " + sources);
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        for (String line : Files.readAllLines(file)) {
          String imported = line.strip().replaceFirst("^import (static )?", "");
          if (line.strip().startsWith("import ") && forbidden.stream().anyMatch(imported::startsWith)) {
            found.add(ROOT.relativize(file) + ": " + line.strip());
          }
        }
      }
    }
    return found;
  }
}
