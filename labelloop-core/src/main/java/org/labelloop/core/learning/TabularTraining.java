package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.labelloop.core.io.TableRows;
import org.labelloop.core.port.TableSchemaRepository;
import org.labelloop.core.project.Job;
import org.labelloop.learn.automl.Progress;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.metrics.Metrics;
import org.labelloop.learn.strategy.Candidates;
import org.labelloop.learn.tabular.Column;
import org.labelloop.learn.tabular.Table;
import org.labelloop.learn.tabular.TableEncoder;
import org.labelloop.learn.tabular.TableSchema;
import org.labelloop.learn.tabular.TabularAutoMl;
import org.labelloop.learn.tabular.TabularModel;
import org.labelloop.learn.tabular.TabularReplay;

/**
 * A CLASSIFICATION job over table rows: the project's typed columns encoded (fitted on every row, which involves no
 * label), boosted trees and logistic regression searched by {@link TabularAutoMl} within the time budget, calibrated
 * class distributions for the pool, the queue ordered by the project's strategy. Each prediction carries the three
 * columns that pushed it most ({@code reasons}), so the labeling screen shows them without asking the model.
 */
final class TabularTraining implements ClassificationAnswers {
  static final int REASONS = 3;

  private final TableSchemaRepository schemas;

  TabularTraining(TableSchemaRepository schemas) {
    this.schemas = schemas;
  }

  @Override
  public String notEnough(String projectId, Snapshot<Set<String>> snapshot, int minLabels) {
    String few = ClassificationAnswers.super.notEnough(projectId, snapshot, minLabels);
    if (few != null) return few;
    return schema(projectId, () -> cells(snapshot)).features().isEmpty() ? "the table has no feature column to learn from" : null;
  }

  @Override
  public PoolModel train(String projectId, Job job, Snapshot<Set<String>> snapshot, long budgetMillis, long seed) {
    List<Map<String, String>> rows = cells(snapshot);
    TableSchema schema = schema(projectId, () -> rows);
    Table table = TableRows.table(schema.columns().stream().map(Column::name).toList(), rows);
    int[] all = IntStream.range(0, table.size()).toArray();
    TableEncoder encoder = TableEncoder.fit(table, schema, all, TableEncoder.MAX_CATEGORIES);
    SparseMatrix encoded = encoder.transform(table);
    TabularAutoMl.Config config = new TabularAutoMl.Config(5, Duration.ofMillis(budgetMillis), seed,
        Math.max(1, Runtime.getRuntime().availableProcessors() / 2), TabularAutoMl.defaultSpace(seed));
    List<String> labels = snapshot.answers().stream().map(a -> a.iterator().next()).toList();
    TabularAutoMl.Result result = new TabularAutoMl(config, Clock.systemUTC())
        .fit(table, encoder, encoded, snapshot.labeledRows(), labels, snapshot.poolRows(), Progress.NONE);
    TabularModel model = result.model();
    int[] pool = snapshot.poolRows();
    double[][] proba = model.predictProba(encoded.rows(pool));
    float[][] vectors = TabularReplay.vectors(encoded);
    float[][] poolVectors = vectors == null ? null : Arrays.stream(pool).mapToObj(i -> vectors[i]).toArray(float[][]::new);
    List<JsonNode> responses = new ArrayList<>(pool.length);
    for (int i = 0; i < pool.length; i++) {
      String best = model.classes().get(Metrics.argmax(proba[i]));
      ObjectNode response = (ObjectNode) TextModelTrainer.response(job.id(), model.classes(), proba[i], Set.of(best));
      ArrayNode reasons = ((ObjectNode) response.get(job.id())).putArray("reasons");
      for (TabularModel.Reason r : model.reasons(table, pool[i], REASONS)) {
        reasons.addObject().put("column", r.column()).put("value", r.value()).put("weight", Math.round(r.weight() * 10_000) / 10_000.0);
      }
      responses.add(response);
    }
    ObjectNode card = ModelCards.json(model.card(), result.leaderboard(), model.classes(), LearningTask.TABULAR_CLASSIFICATION.wireName());
    card.put("featurizer", encoder.shortName());
    card.put("learner", model.card().config().substring(encoder.shortName().length() + 1)); // config is featurizer/learner
    return new PoolModel(model.save(), card, TextModelTrainer.finite(model.card().cvAccuracy()),
        TextModelTrainer.finite(model.card().cvMacroF1()), responses, Candidates.of(proba).withVectors(poolVectors));
  }

  private static List<Map<String, String>> cells(Snapshot<Set<String>> snapshot) {
    return snapshot.texts().stream().map(TableRows::storedCells).toList();
  }

  /** The stored schema; a project imported before it had one is typed by the same inference its import would have run. */
  private TableSchema schema(String projectId, Supplier<List<Map<String, String>>> rows) {
    return schemas.find(projectId).orElseGet(() -> TableRows.infer(rows.get(), null));
  }
}
