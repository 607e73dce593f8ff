package org.labelloop.learn.automl;

import java.util.List;
import java.util.Locale;
import org.labelloop.learn.feature.FeatureSpec;
import org.labelloop.learn.learner.ComplementNbLearner;
import org.labelloop.learn.learner.LiblinearLrLearner;
import org.labelloop.learn.learner.LinearSvmLearner;
import org.labelloop.learn.learner.SoftmaxLearner;
import org.labelloop.learn.learner.XgboostLearner;

/** Named search spaces for the CLI's {@code --learner}: {@code auto} or one fixed configuration. */
public final class LearnerCatalog {
  private LearnerCatalog() {}

  public static List<String> names() {
    return List.of("auto", "svm", "svm-emb", "cnb", "lr", "softmax-emb", "xgb-emb");
  }

  /** The candidates for {@code name}; embedding-based names need {@code embeddings}. */
  public static List<Candidate> space(String name, boolean embeddings) {
    FeatureSpec wc = FeatureSpec.sparseDefault();
    List<Candidate> c = switch (name.toLowerCase(Locale.ROOT)) {
      case "auto" -> AutoMlConfig.defaultSpace(embeddings);
      case "svm" -> List.of(new Candidate(wc, new LinearSvmLearner(3)));
      case "svm-emb" -> List.of(new Candidate(wc.withEmbeddings(1), new LinearSvmLearner(3)));
      case "cnb" -> List.of(new Candidate(FeatureSpec.words(), new ComplementNbLearner(0.3)));
      case "lr" -> List.of(new Candidate(FeatureSpec.words(), new LiblinearLrLearner(10)));
      case "softmax-emb" -> List.of(new Candidate(FeatureSpec.embeddingsOnly(), new SoftmaxLearner(10)));
      case "xgb-emb" -> List.of(new Candidate(FeatureSpec.embeddingsOnly(), new XgboostLearner(100, 4)));
      default -> throw new IllegalArgumentException(
          "unknown learner '" + name + "' (known: " + String.join(", ", names()) + ")");
    };
    if (!embeddings && c.stream().anyMatch(x -> x.spec().usesEmbeddings())) {
      throw new IllegalArgumentException("learner '" + name + "' needs embeddings");
    }
    return c;
  }
}
