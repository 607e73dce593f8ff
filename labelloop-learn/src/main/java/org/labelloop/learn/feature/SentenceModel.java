package org.labelloop.learn.feature;

import java.util.Arrays;
import java.util.Locale;

/**
 * The sentence-embedding models Labelloop ships: quantized ONNX files with their tokenizers, taken from LangChain4j's
 * in-process embedding jars (Maven Central), so nothing is downloaded at run time.
 *
 * <p>MiniLM-L6 (6 layers) is the fast default for short texts and the server's pool. e5-small-v2 (12 layers, same
 * width) costs about twice as much per token and separates topics better: on BBC News its embeddings alone reach the
 * accuracy of TF-IDF (see BENCHMARKS.md). e5 expects the prefix {@code "query: "} on every text for classification.
 * bge-small-en-v1.5 (12 layers, same width) was trained to summarise a text in its first ([CLS]) token, not in the mean.
 */
public enum SentenceModel {
  MINILM_L6("minilm", "all-minilm-l6-v2-q", "", 256, false),
  E5_SMALL("e5-small", "e5-small-v2-q", "query: ", 256, false),
  BGE_SMALL("bge-small", "bge-small-en-v1.5-q", "", 256, true);

  private final String cliName;
  private final String file;
  private final String prefix;
  private final int defaultMaxTokens;
  private final boolean clsPooling;

  SentenceModel(String cliName, String file, String prefix, int defaultMaxTokens, boolean clsPooling) {
    this.cliName = cliName;
    this.file = file;
    this.prefix = prefix;
    this.defaultMaxTokens = defaultMaxTokens;
    this.clsPooling = clsPooling;
  }

  /** The name used on the command line, e.g. {@code e5-small}. */
  public String cliName() { return cliName; }

  /** Base name of the {@code .onnx} and {@code -tokenizer.json} resources. */
  String file() { return file; }

  /** Prepended to every text before tokenizing. */
  String prefix() { return prefix; }

  public int defaultMaxTokens() { return defaultMaxTokens; }

  /** Whether a text's vector is its first token's rather than the mean of its tokens. */
  boolean clsPooling() { return clsPooling; }

  public static SentenceModel byCliName(String name) {
    return Arrays.stream(values()).filter(m -> m.cliName.equals(name.toLowerCase(Locale.ROOT))).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown embedder '" + name + "' (known: "
            + String.join(", ", Arrays.stream(values()).map(SentenceModel::cliName).toList()) + ")"));
  }
}
