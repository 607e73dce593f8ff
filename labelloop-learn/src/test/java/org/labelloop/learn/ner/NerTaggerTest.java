package org.labelloop.learn.ner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.strategy.ItemUncertainty;
import org.labelloop.learn.strategy.SequenceUncertainty;
import org.labelloop.learn.strategy.Strategies;

class NerTaggerTest {
  private static NerModel model;
  private static List<NerSentence> test;

  @BeforeAll
  static void train() {
    model = NerTrainer.train(SyntheticData.corpus(200, 1), NerTrainingConfig.defaults(7).withEpochs(15));
    test = SyntheticData.corpus(100, 2);
  }

  @Test
  void learnsCapitalisedWordAfterMrIsPerson() {
    EntityScores scores = EntityScores.evaluate(model, test);
    assertTrue(scores.overall().f1() > 0.95, "f1 " + scores.overall().f1());
    assertTrue(scores.perType().get("PER").f1() > 0.95);
    NerSentence unseen = NerSentence.ofTokens("u", List.of("yesterday", "Mr", "Zebedee", "said"), List.of());
    assertEquals(List.of(new Span(13, 20, "PER")), model.predict(unseen));
  }

  @Test
  void tokenMarginalsSumToOne() {
    for (NerSentence s : test.subList(0, 10)) {
      NerPrediction p = model.analyse(s);
      assertEquals(s.size(), p.tokenMarginals().length);
      for (double[] row : p.tokenMarginals()) {
        double sum = 0;
        for (double v : row) { assertTrue(v >= 0); sum += v; }
        assertEquals(1.0, sum, 1e-9);
      }
      for (ScoredSpan sp : p.spans()) assertTrue(sp.probability() > 0 && sp.probability() <= 1);
    }
  }

  @Test
  void leastConfidenceRanksAmbiguousSentenceAboveClearOne() {
    NerSentence clear = NerSentence.ofTokens("clear", List.of("the", "meeting", "was", "long"), List.of());
    NerSentence ambiguous = NerSentence.ofTokens("amb", List.of("the", "Qwertyuiop", "Zxcvbnm", "Asdfgh"), List.of());
    SequenceUncertainty c = model.analyse(clear).uncertainty();
    SequenceUncertainty a = model.analyse(ambiguous).uncertainty();
    assertTrue(a.leastConfidence() > c.leastConfidence(), a + " vs " + c);
    assertTrue(a.meanEntropy() > c.meanEntropy());
    Candidates both = new Candidates(2, ItemUncertainty.sequences(List.of(c, a)), null, null);
    for (String strategy : List.of("least-confidence", "token-entropy", "max-entropy", "span-margin")) {
      int[] picked = Strategies.named(strategy).select(both, 1, new java.util.Random(1));
      org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {1}, picked, strategy);
    }
  }

  @Test
  void savedModelLoadsAndTagsExactlyLikeTheOriginal() {
    NerModel loaded = NerModel.load(model.save());
    for (NerSentence s : test.subList(0, 20)) {
      assertEquals(model.predict(s), loaded.predict(s));
      assertEquals(model.analyse(s).uncertainty(), loaded.analyse(s).uncertainty());
    }
    assertEquals(model.labels(), loaded.labels());
  }

  @Test
  void loadRejectsBytesThatAreNotAModel() {
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> NerModel.load(new byte[] {1, 2, 3}));
  }


  @Test
  void aKeptModelTrainsFiveEpochsPastItsDeadlineAndAFoldOne() {
    List<NerSentence> data = SyntheticData.corpus(60, 4);
    NerTrainingConfig config = NerTrainingConfig.defaults(3).withEpochs(20);
    assertEquals(uncertainties(NerTrainer.train(data, config.withEpochs(NerTrainer.MIN_EPOCHS_KEPT))),
        uncertainties(NerTrainer.trainAtLeast(data, config, null, 0)));
    assertEquals(uncertainties(NerTrainer.train(data, config.withEpochs(1))), uncertainties(NerTrainer.train(data, config, 0)));
  }

  /** What a model says of the test sentences: equal for two models with equal weights. */
  private static List<SequenceUncertainty> uncertainties(NerModel m) {
    return test.stream().map(s -> m.analyse(s).uncertainty()).toList();
  }

  @Test
  void bilouTrainingAlsoLearnsThePattern() {
    NerModel bilou = NerTrainer.train(SyntheticData.corpus(150, 3),
        new NerTrainingConfig(FeatureConfig.compact(), TagScheme.BILOU, 1.0, 10, 0.1, 3));
    assertTrue(EntityScores.evaluate(bilou, test).overall().f1() > 0.9);
  }
}
