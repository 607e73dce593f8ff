package org.labelloop.app;

import java.util.function.Supplier;
import org.labelloop.learn.feature.SentenceEmbedder;
import org.labelloop.learn.feature.TextEmbedder;

/**
 * The sentence embedder behind the NER tagger's word clusters: words are short (16 tokens), and one thread leaves the
 * other core to labeling. Loaded on first use, so a server without NER jobs never pays for it; closed with the app.
 */
final class WordEmbedder implements Supplier<TextEmbedder>, AutoCloseable {
  private SentenceEmbedder embedder;

  @Override
  public synchronized TextEmbedder get() {
    if (embedder == null) embedder = SentenceEmbedder.miniLm(16, 256, 1);
    return embedder;
  }

  @Override
  public synchronized void close() {
    if (embedder != null) embedder.close();
  }
}
