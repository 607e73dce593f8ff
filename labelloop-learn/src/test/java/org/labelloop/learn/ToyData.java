package org.labelloop.learn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;
import org.labelloop.learn.feature.TextEmbedder;

/** Small synthetic topic-classification data: each class has its own vocabulary plus shared filler words. */
public final class ToyData {
  private static final String[][] TOPICS = {
      {"goal", "match", "team", "coach", "league", "striker", "referee", "stadium"},
      {"software", "computer", "chip", "network", "laptop", "server", "code", "internet"},
      {"election", "minister", "party", "vote", "parliament", "policy", "campaign", "senate"}};
  private static final String[] FILLER = {"the", "a", "of", "and", "today", "new", "said", "report", "people", "year"};
  public static final List<String> CLASSES = List.of("politics", "sport", "tech");

  private ToyData() {}

  /** Which topic's vocabulary {@code word} is in (in the order sport, tech, politics), or -1 for filler. */
  public static int topicOf(String word) {
    for (int t = 0; t < TOPICS.length; t++) if (List.of(TOPICS[t]).contains(word)) return t;
    return -1;
  }

  /** {@code perClass} examples per class; {@code noise} = share of filler words. */
  public static TextDataset topics(int perClass, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] names = {"sport", "tech", "politics"};
    List<LabeledText> items = new ArrayList<>();
    for (int i = 0; i < perClass; i++) {
      for (int c = 0; c < 3; c++) {
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < 12; w++) {
          b.append(r.nextDouble() < noise ? FILLER[r.nextInt(FILLER.length)] : TOPICS[c][r.nextInt(TOPICS[c].length)]);
          b.append(' ');
        }
        items.add(LabeledText.of(names[c] + i, b.toString().strip(), names[c]));
      }
    }
    return new TextDataset(items);
  }

  /** Each text's L2-normalised counts of words from each toy topic's vocabulary. */
  public record TopicEmbedder() implements TextEmbedder {
    @Override public String name() { return "topic-share"; }

    @Override public int dimension() { return 3; }

    @Override public float[][] embed(List<String> texts) {
      return texts.stream().map(TopicEmbedder::share).toArray(float[][]::new);
    }

    private static float[] share(String text) {
      float[] v = new float[3];
      for (String w : text.split(" ")) if (ToyData.topicOf(w) >= 0) v[ToyData.topicOf(w)]++;
      double norm = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
      for (int t = 0; t < 3; t++) v[t] /= (float) Math.max(norm, 1);
      return v;
    }
  }
}
