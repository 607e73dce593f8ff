package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labelloop.core.learning.LearningRepository.ForwardPair;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.quality.Agreement;
import org.labelloop.learn.metrics.LabelForecast;

/**
 * The learning curve of a project: per model version, the labels it learned from, its cross-validated quality, its
 * <em>forward</em> accuracy (how well its prediction matched the label a human gave afterwards: the agreement of
 * {@link org.labelloop.core.quality.Agreement}, so the exact class for a single-choice job and span F1 for NER —
 * measured on data the model never saw, like prequential evaluation, Dawid 1984) and the share of pool predictions
 * that changed from the previous version. When both are stable over the last {@link #WINDOW} versions, more labels are unlikely to help.
 *
 * <p>Caveat: under an uncertainty strategy the assets humans label next are the ones the model is least sure of, so
 * the forward accuracy is a pessimistic estimate of the accuracy on the whole pool (with the "random" strategy it is
 * unbiased). It is still measured on data the model never saw, which cross-validation on the training set is not.
 */
public record LearningCurve(List<Point> points, Hint hint, LabelForecast forecast) {
  static final int WINDOW = 3;
  static final double MAX_CHANGED = 0.03;
  static final double MAX_ACCURACY_SPREAD = 0.03;
  static final int MIN_FORWARD = 5;

  /**
   * {@code cvItems}: the labels the cross-validated figures were measured on (the out-of-fold predictions of the model
   * card's confusion matrix; fewer than {@code labelsUsed} when the search ran out of time after some folds), or null.
   */
  public record Point(
      int version, String modelVersion, Instant createdAt, int labelsUsed, Double cvAccuracy, Double cvMacroF1,
      Double cvEntityF1, Integer cvItems, Double forwardAccuracy, int forwardCount, Double changedShare) {}

  private static Integer cvItems(ModelVersion v) {
    JsonNode matrix = v.card() == null ? null : v.card().path("confusionMatrix").get("matrix");
    if (matrix == null || !matrix.isArray()) return null;
    int n = 0;
    for (JsonNode row : matrix) for (JsonNode cell : row) n += cell.asInt();
    return n;
  }

  private static Double cvEntityF1(ModelVersion v) {
    JsonNode f1 = v.card() == null ? null : v.card().get("cvEntityF1");
    return f1 == null || !f1.isNumber() ? null : f1.asDouble();
  }

  /** {@code stable}: whether to show "more labels are unlikely to help much"; {@code message} says why, with numbers. */
  public record Hint(boolean stable, String message) {}

  public static LearningCurve of(JsonInterface iface, List<ModelVersion> versions, List<ForwardPair> pairs) {
    Map<String, double[]> forward = new HashMap<>(); // modelVersion -> {sum of agreement, count}
    Map<String, Job> jobOf = new HashMap<>();
    versions.forEach(v -> {
      Job job = iface.job(v.learnedJob());
      if (job != null) jobOf.put(v.modelVersion(), job);
    });
    for (ForwardPair p : pairs) {
      Job job = jobOf.get(p.modelVersion());
      JsonNode human = job == null ? null : p.human().get(job.id());
      if (human == null || human.isNull() || job.mlTask() == MlTask.CLASSIFICATION && InferenceMarks.categories(human).isEmpty()) {
        continue;
      }
      Double agreement = Agreement.job(job, human, p.predicted().get(job.id()), false);
      double[] c = forward.computeIfAbsent(p.modelVersion(), k -> new double[2]);
      c[0] += agreement == null ? 0 : agreement;
      c[1]++;
    }
    List<Point> points = new ArrayList<>();
    for (ModelVersion v : versions) {
      double[] c = forward.getOrDefault(v.modelVersion(), new double[2]);
      points.add(new Point(v.version(), v.modelVersion(), v.createdAt(), v.labelsUsed(), v.cvAccuracy(), v.cvMacroF1(),
          cvEntityF1(v), cvItems(v), c[1] == 0 ? null : c[0] / c[1], (int) c[1], v.changedShare()));
    }
    return new LearningCurve(points, hint(points), forecast(points));
  }

  /**
   * "How many more labels?": a saturating curve through every accuracy measured at a label count, forward
   * (from {@link #MIN_FORWARD} later labels) and cross-validated alike, so one biased estimate does not decide alone,
   * each weighted by the items it was measured on; null below three label counts. Seeded by the label count, so a page
   * reload shows the same interval.
   */
  static LabelForecast forecast(List<Point> versions) {
    List<double[]> measured = new ArrayList<>(); // {labels, accuracy, items}
    for (Point p : newestPerLabelCount(versions)) {
      if (p.labelsUsed() < 1) continue;
      if (p.forwardCount() >= MIN_FORWARD) measured.add(new double[] {p.labelsUsed(), p.forwardAccuracy(), p.forwardCount()});
      Double cv = p.cvAccuracy() != null ? p.cvAccuracy() : p.cvEntityF1();
      int cvItems = p.cvItems() != null && p.cvItems() > 0 ? p.cvItems() : p.labelsUsed();
      if (cv != null && Double.isFinite(cv)) measured.add(new double[] {p.labelsUsed(), cv, cvItems});
    }
    double[] labels = measured.stream().mapToDouble(m -> m[0]).toArray();
    double[] accuracy = measured.stream().mapToDouble(m -> m[1]).toArray();
    int[] items = measured.stream().mapToInt(m -> (int) m[2]).toArray();
    return LabelForecast.of(labels, accuracy, items, labels.length == 0 ? 0 : (long) labels[labels.length - 1]);
  }

  /**
   * The hint reads the curve as the dashboard draws it: one point per label count (the newest version trained on that
   * many labels), and it names the direction of the accuracy over the last {@link #WINDOW} of them, so a drop is never
   * called "still improving".
   */
  static Hint hint(List<Point> versions) {
    List<Point> points = newestPerLabelCount(versions);
    if (points.size() < WINDOW + 1) {
      return new Hint(false, "Too few label counts with a model to judge (" + points.size() + " of " + (WINDOW + 1) + " needed).");
    }
    List<Point> last = points.subList(points.size() - WINDOW, points.size());
    double maxChanged = 0;
    double lo = 1, hi = 0;
    double[] acc = new double[WINDOW];
    int withForward = 0;
    for (int i = 0; i < WINDOW; i++) {
      Point p = last.get(i);
      if (p.changedShare() == null) return new Hint(false, "No prediction changes recorded yet.");
      maxChanged = Math.max(maxChanged, p.changedShare());
      Double a = p.forwardCount() >= MIN_FORWARD ? p.forwardAccuracy() : p.cvAccuracy() != null ? p.cvAccuracy() : p.cvEntityF1();
      if (p.forwardCount() >= MIN_FORWARD) withForward++;
      if (a == null) return new Hint(false, "No accuracy measured yet.");
      acc[i] = a;
      lo = Math.min(lo, a);
      hi = Math.max(hi, a);
    }
    String kind = withForward == WINDOW ? "forward accuracy" : "accuracy (forward where measured, else cross-validated)";
    String range = String.format(Locale.ROOT, "%s went from %.0f %% at %d labels to %.0f %% at %d labels and at most %.1f %% of"
        + " pool predictions changed between versions", kind, 100 * acc[0], last.getFirst().labelsUsed(), 100 * acc[WINDOW - 1],
        last.getLast().labelsUsed(), 100 * maxChanged);
    if (maxChanged <= MAX_CHANGED && hi - lo <= MAX_ACCURACY_SPREAD) {
      return new Hint(true, "More labels are unlikely to help much: " + range + ".");
    }
    double trend = acc[WINDOW - 1] - acc[0];
    if (trend > MAX_ACCURACY_SPREAD) return new Hint(false, "Still improving: " + range + ".");
    if (trend < -MAX_ACCURACY_SPREAD) {
      return new Hint(false, "Accuracy dropped: " + range + ". The newest labels disagree with the model (common while"
          + " labels are few or when the queue serves the hardest items first); keep labeling and check the disagreements.");
    }
    return new Hint(false, "Not settled yet: " + range + ".");
  }

  /** The newest version of each label count, in order of label count. */
  static List<Point> newestPerLabelCount(List<Point> versions) {
    Map<Integer, Point> byCount = new java.util.TreeMap<>();
    for (Point p : versions) byCount.merge(p.labelsUsed(), p, (a, b) -> b.version() > a.version() ? b : a);
    return List.copyOf(byCount.values());
  }
}
