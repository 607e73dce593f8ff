package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.port.TableSchemaRepository;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.learn.tabular.Column;
import org.labelloop.learn.tabular.ColumnRole;
import org.labelloop.learn.tabular.ColumnType;
import org.labelloop.learn.tabular.TableSchema;

class TabularTrainingTest {
  private static final JsonInterface IFACE = JsonInterface.parse(InferenceMarksTest.json("""
      {"jobs": {"JOB_0": {"mlTask": "CLASSIFICATION", "content": {"input": "radio", "categories": {"RED": {}, "WHITE": {}}}}}}"""));
  private static final Job JOB = IFACE.job("JOB_0");
  /** No stored schema: training infers the one the import would have. */
  private static final TableSchemaRepository NONE = new TableSchemaRepository() {
    @Override public Optional<TableSchema> find(String projectId) { return Optional.empty(); }

    @Override public void save(String projectId, TableSchema schema, Instant now) { throw new AssertionError(); }
  };

  private final List<AssetText> assets = new ArrayList<>();
  private final List<HumanLabel> labels = new ArrayList<>();

  @Test
  void learnsFromTypedColumnsAndExplainsEveryPoolPredictionByItsColumns() {
    wines();
    LearningSettings settings = LearningSettings.DEFAULTS.patch(InferenceMarksTest.json("{\"timeBudgetSeconds\": 5}"));

    TaskTraining.Trained t = assertInstanceOf(TaskTraining.Trained.class,
        new SnapshotTraining<>(new TabularTraining(NONE)).train("p", JOB, assets, labels, settings, 7));

    assertEquals(30, t.labeledCount());
    assertEquals(50, t.predictions().size());
    int right = 0;
    for (Prediction p : t.predictions()) {
      JsonNode job = p.jsonResponse().path("JOB_0");
      String predicted = job.path("categories").get(0).path("name").asText();
      int i = Integer.parseInt(p.assetId().substring(1));
      if (predicted.equals(i % 2 == 0 ? "RED" : "WHITE")) right++;
      double sum = job.path("probabilities").path("RED").asDouble() + job.path("probabilities").path("WHITE").asDouble();
      assertEquals(1.0, sum, 1e-3);
      JsonNode reasons = job.path("reasons");
      assertTrue(reasons.size() >= 1 && reasons.size() <= 3, reasons.toString());
      assertTrue(reasons.get(0).path("weight").asDouble() > 0, reasons.toString());
    }
    assertTrue(right >= 45, right + " of 50 right");
    long bySulphates = t.predictions().stream()
        .filter(p -> p.jsonResponse().path("JOB_0").path("reasons").get(0).path("column").asText().equals("sulphates")).count();
    assertTrue(bySulphates >= 40, "sulphates pushed " + bySulphates + " of 50 most");
    assertEquals("tabular-classification", t.card().path("task").asText());
    assertTrue(t.card().path("featurizer").asText().startsWith("tab("), t.card().toString());
    assertTrue(t.card().path("learner").asText().matches("(lr|xgb|sslda).*"), t.card().toString());
  }

  @Test
  void skipsATableWhoseSchemaLeavesNoFeatureColumn() {
    wines();
    TableSchemaRepository allIgnored = new TableSchemaRepository() {
      @Override public Optional<TableSchema> find(String projectId) {
        return Optional.of(new TableSchema(List.of(new Column("sulphates", ColumnType.NUMERIC, ColumnRole.IGNORE))));
      }

      @Override public void save(String projectId, TableSchema schema, Instant now) { throw new AssertionError(); }
    };

    TaskTraining.Outcome o = new SnapshotTraining<>(new TabularTraining(allIgnored))
        .train("p", JOB, assets, labels, LearningSettings.DEFAULTS, 7);

    assertEquals("the table has no feature column to learn from", assertInstanceOf(TaskTraining.Skipped.class, o).why());
  }

  /** 80 rows whose colour follows sulphates, the first 30 labeled. */
  private void wines() {
    Random r = new Random(5);
    for (int i = 0; i < 80; i++) {
      boolean red = i % 2 == 0;
      double sulphates = (red ? 0.8 : 0.4) + r.nextGaussian() * 0.05;
      String content = "{\"sulphates\":" + sulphates + ",\"noise\":" + r.nextGaussian() + ",\"region\":\"" + (r.nextBoolean() ? "north" : "south")
          + "\",\"organic\":" + (i % 7 == 0 ? "null" : String.valueOf(r.nextBoolean())) + "}";
      assets.add(new AssetText("a" + i, content));
      if (i < 30) {
        labels.add(new HumanLabel(String.valueOf(i + 1), "a" + i, false,
            InferenceMarksTest.json("{\"JOB_0\": {\"categories\": [{\"name\": \"" + (red ? "RED" : "WHITE") + "\"}]}}")));
      }
    }
  }
}
