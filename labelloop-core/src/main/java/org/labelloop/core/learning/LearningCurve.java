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
public record LearningCurve(List<Point> points, Hint hint) {
  static final int WINDOW = 3;
  static final double MAX_CHANGED = 0.03;
  static final double MAX_ACCURACY_SPREAD = 0.03;
  static final int MIN_FORWARD = 5;

  public record Point(
      int version, String modelVersion, Instant createdAt, int labelsUsed, Double cvAccuracy, Double cvMacroF1,
      Double cvEntityF1, Double forwardAccuracy, int forwardCount, Double changedShare) {}

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
          cvEntityF1(v), c[1] == 0 ? null : c[0] / c[1], (int) c[1], v.changedShare()));
    }
    return new LearningCurve(points, hint(points));
  }

  static Hint hint(List<Point> points) {
    if (points.size() < WINDOW + 1) {
      return new Hint(false, "Too few model versions to judge (" + points.size() + " of " + (WINDOW + 1) + " needed).");
    }
    List<Point> last = points.subList(points.size() - WINDOW, points.size());
    double maxChanged = 0;
    double lo = 1, hi = 0;
    int withForward = 0;
    for (Point p : last) {
      if (p.changedShare() == null) return new Hint(false, "No prediction changes recorded yet.");
      maxChanged = Math.max(maxChanged, p.changedShare());
      Double acc = p.forwardCount() >= MIN_FORWARD ? p.forwardAccuracy() : p.cvAccuracy() != null ? p.cvAccuracy() : p.cvEntityF1();
      if (p.forwardCount() >= MIN_FORWARD) withForward++;
      if (acc == null) return new Hint(false, "No accuracy measured yet.");
      lo = Math.min(lo, acc);
      hi = Math.max(hi, acc);
    }
    String kind = withForward == WINDOW ? "forward accuracy" : "accuracy (forward where measured, else cross-validated)";
    String numbers = String.format(Locale.ROOT, "over the last %d versions %s stayed within %.3f-%.3f and at most %.1f%% of"
        + " pool predictions changed between versions", WINDOW, kind, lo, hi, 100 * maxChanged);
    boolean stable = maxChanged <= MAX_CHANGED && hi - lo <= MAX_ACCURACY_SPREAD;
    return new Hint(stable, stable ? "More labels are unlikely to help much: " + numbers + "." : "Still improving: " + numbers + ".");
  }
}
