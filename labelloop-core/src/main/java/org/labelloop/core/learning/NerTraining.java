package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.learning.NerModelTrainer.PoolPrediction;
import org.labelloop.core.learning.NerModelTrainer.PossibleMiss;
import org.labelloop.core.learning.NerModelTrainer.PredictedSpan;
import org.labelloop.core.project.Job;
import org.labelloop.learn.feature.TextEmbedder;
import org.labelloop.learn.ner.Span;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.strategy.ItemUncertainty;

/**
 * A NAMED_ENTITIES_RECOGNITION job: CRF tagger, predicted spans (Kili's annotations, with the model's confidence per
 * span) per pool asset, queue score by the project's strategy on each sentence's reduced uncertainty
 * ({@link org.labelloop.learn.strategy.SequenceUncertainty}: least confidence of the Viterbi path, span margin, mean or
 * maximum token entropy).
 */
final class NerTraining implements TaskTraining {
  private final NerModelTrainer trainer;

  /** @param embedder gives the sentence embedder for word-cluster features, or null for none */
  NerTraining(Supplier<TextEmbedder> embedder) {
    this.trainer = new NerModelTrainer(embedder);
  }

  @Override
  public Outcome train(String projectId, Job job, List<AssetText> assets, List<HumanLabel> answers, LearningSettings settings, long seed) {
    Snapshot<List<Span>> snapshot = Snapshot.of(assets, answers, job.id(), NerModelTrainer.SPANS);
    Set<String> types = NerModelTrainer.entityTypes(snapshot);
    if (snapshot.labeledCount() < settings.minLabels() || types.isEmpty()) {
      return new Skipped(snapshot.labeledCount() + " labeled assets with " + types.size()
          + " entity types; the first model needs " + settings.minLabels() + " with at least one entity");
    }
    NerModelTrainer.Result model = trainer.train(projectId, snapshot, settings.timeBudgetSeconds() * 1000L, seed);
    double[] scores = QueueScores.of(settings, new Candidates(model.pool().size(),
        ItemUncertainty.sequences(model.pool().stream().map(PoolPrediction::uncertainty).toList()), null, null), seed);
    List<Prediction> predictions = new ArrayList<>(snapshot.poolRows().length);
    for (int i = 0; i < snapshot.poolRows().length; i++) {
      int row = snapshot.poolRows()[i];
      PoolPrediction p = model.pool().get(i);
      predictions.add(new Prediction(snapshot.assetIds().get(row), response(job.id(), snapshot.texts().get(row), p.spans(), p.missed()), scores[i]));
    }
    return new Trained(snapshot.labeledCount(), snapshot.maxLabelId(), snapshot.hash(), null, null, model.card(), model.bytes(),
        predictions);
  }

  /**
   * Kili's NER shape; a model span carries its probability as the category's confidence in percent, a dictionary
   * match has none and says where it came from; {@code missed} lists text the model may have missed, in percent:
   * {@code {"NER": {"annotations": [{"categories": [{"name": "PER", "confidence": 91}], "beginOffset": 0, "content": "Ann"}],
   * "missed": [{"beginOffset": 8, "content": "Bob", "confidence": 35}]}}}.
   */
  static JsonNode response(String jobId, String text, List<PredictedSpan> spans, List<PossibleMiss> missed) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ArrayNode annotations = root.putObject(jobId).putArray("annotations");
    for (PredictedSpan s : spans) {
      ObjectNode a = annotations.addObject();
      ObjectNode category = a.putArray("categories").addObject().put("name", s.span().label());
      if (s.confidence() != null) category.put("confidence", (int) Math.round(100 * s.confidence()));
      else a.put("source", "dictionary");
      a.put("beginOffset", s.span().begin()).put("content", s.span().content(text));
    }
    ArrayNode misses = ((ObjectNode) root.get(jobId)).putArray("missed");
    for (PossibleMiss m : missed) {
      misses.addObject().put("beginOffset", m.begin()).put("content", text.substring(m.begin(), m.end()))
          .put("confidence", (int) Math.round(100 * m.probability()));
    }
    return root;
  }
}
