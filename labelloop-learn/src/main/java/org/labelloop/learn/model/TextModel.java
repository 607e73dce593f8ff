package org.labelloop.learn.model;

import java.io.Serializable;
import java.util.List;
import org.labelloop.learn.feature.FeatureCache;
import org.labelloop.learn.feature.Featurizer;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.learner.Scorer;
import org.labelloop.learn.metrics.Calibration;

/**
 * A weighted average of calibrated members, each a fitted featurizer + scorer + temperature. One member is a plain
 * model; several are an ensemble chosen by greedy ensemble selection. Saved with Java serialisation (gzip); the
 * embedder is not saved and must be supplied on load when a member uses embeddings.
 */
public final class TextModel implements Model, Serializable {
  // the value computed for the class before the expert existed: models saved then still load (expert = null)
  private static final long serialVersionUID = -3599254797912772147L;
  /** Model-card hyperparameter naming the embedder the members were trained on, when any uses embeddings. */
  public static final String EMBEDDER = "embedder";

  /** One calibrated member: {@code weight * softmax(scorer(featurizer(x)) / temperature)}. */
  public record Member(Featurizer featurizer, Scorer scorer, double temperature, double weight) implements Serializable {
    public Member {
      if (!(temperature > 0) || !(weight > 0)) throw new IllegalArgumentException("temperature and weight must be > 0");
    }
  }

  private final List<String> classes;
  private final List<Member> members;
  private final ModelCard card;
  /**
   * A second opinion multiplied into the members' average and renormalised (a product of experts), or null. An average
   * with a model that is unsure pulls a sure one's probabilities towards the middle; a product leaves them where the
   * other is flat and sharpens them where both agree (BENCHMARKS "Few labels, text: the pool's clusters as a second
   * opinion").
   */
  private final Member expert;
  private transient TextEmbedder embedder;

  public TextModel(List<String> classes, List<Member> members, ModelCard card, TextEmbedder embedder) {
    this(classes, members, null, card, embedder);
  }

  private TextModel(List<String> classes, List<Member> members, Member expert, ModelCard card, TextEmbedder embedder) {
    if (members.isEmpty()) throw new IllegalArgumentException("no members");
    this.classes = List.copyOf(classes);
    this.members = List.copyOf(members);
    this.expert = expert;
    this.card = card;
    this.embedder = embedder;
  }

  /** This model's members joined by {@code expert} (replacing any), described by {@code card}. */
  public TextModel withExpert(Member expert, ModelCard card) {
    return new TextModel(classes, members, expert, card, embedder);
  }

  /** The product of two distributions over the same classes, renormalised; no class certain ({@link Calibration#softmax}). */
  public static double[] product(double[] p, double[] q) {
    double[] logs = new double[p.length];
    for (int c = 0; c < p.length; c++) logs[c] = Math.log(p[c]) + Math.log(q[c]);
    return Calibration.softmax(logs, 1);
  }

  @Override public List<String> classes() { return classes; }

  @Override public ModelCard card() { return card; }

  public List<Member> members() { return members; }

  @Override public double[][] predictProba(List<String> texts) {
    boolean needsEmbeddings = expert != null || members.stream().anyMatch(m -> m.featurizer().spec().usesEmbeddings());
    if (needsEmbeddings && embedder == null) throw new IllegalStateException("model needs an embedder");
    return predictProba(new FeatureCache(texts, embedder));
  }

  @Override public double[][] predictProba(FeatureCache cache) {
    int n = cache.size(), k = classes.size();
    double[][] out = new double[n][k];
    double total = members.stream().mapToDouble(Member::weight).sum();
    for (Member m : members) {
      double[][] s = m.scorer().scores(m.featurizer().transform(cache));
      for (int i = 0; i < n; i++) {
        double[] p = Calibration.softmax(s[i], m.temperature());
        for (int c = 0; c < k; c++) out[i][c] += p[c] * m.weight() / total;
      }
    }
    if (expert != null) {
      double[][] s = expert.scorer().scores(expert.featurizer().transform(cache));
      for (int i = 0; i < n; i++) out[i] = product(out[i], Calibration.softmax(s[i], expert.temperature()));
    }
    return out;
  }

  @Override public byte[] save() {
    return ModelBytes.write(this);
  }

  /**
   * Reads a model written by {@link #save()}; {@code embedder} may be {@code null} if no member uses embeddings, and
   * must otherwise be the one the model was trained on (vectors of another model would be silently meaningless).
   */
  public static TextModel load(byte[] bytes, TextEmbedder embedder) {
    TextModel m = ModelBytes.read(bytes, TextModel.class);
    String trainedOn = m.card.hyperparameters().get(EMBEDDER);
    if (trainedOn != null && embedder != null && !trainedOn.equals(embedder.name())) {
      throw new IllegalArgumentException("model was trained on " + trainedOn + " embeddings, got " + embedder.name());
    }
    m.embedder = embedder;
    return m;
  }
}
