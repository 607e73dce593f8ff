package org.labelloop.learn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LibraryVersionsTest {
  @Test
  void readsEveryLearningLibrarysVersionFromWhatIsPackaged() {
    Map<String, String> v = LibraryVersions.packaged();
    for (String lib : new String[] {"java", "os", "liblinear", "onnxruntime", "xgboost4j", "langchain4j-all-minilm-l6-v2-q"}) {
      assertTrue(v.containsKey(lib) && !v.get(lib).isBlank(), lib + " in " + v);
    }
    int liblinear = de.bwaldvogel.liblinear.Linear.getVersion();
    assertEquals(liblinear / 100 + "." + String.format("%02d", liblinear % 100), v.get("liblinear"), "what liblinear reports itself");
    assertEquals(System.getProperty("java.version"), v.get("java"));
  }
}
