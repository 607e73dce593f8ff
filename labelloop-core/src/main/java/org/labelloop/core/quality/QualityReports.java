package org.labelloop.core.quality;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.MlTask;

/**
 * The quality reports of a project, computed from its labels (no I/O): per labeler, per category of each
 * classification job, and chance-corrected kappa. "Answers" are each labeler's newest DEFAULT label per asset.
 */
public final class QualityReports {
  private QualityReports() {}

  /** A day's honeypot score of a labeler. */
  public record ScorePoint(String day, double mean, int count) {}

  public record LabelerQuality(
      String userId, int labels, int skipped, Double medianSecondsPerLabel, Double agreement, int agreementPairs,
      Double honeypotScore, int honeypotAnswers, List<ScorePoint> honeypotSeries) {}

  public record CategoryAgreement(String category, Double agreement, int answers) {}

  /** Per category specific agreement and the labeler-vs-labeler confusion matrix (rows/columns in {@code categories} order). */
  public record JobCategories(String jobId, List<CategoryAgreement> agreement, List<String> categories, int[][] confusion) {}

  public record PairKappa(String labelerA, String labelerB, int items, Double kappa) {}

  /**
   * Cohen's kappa per pair of labelers on their shared items and its mean (Light's kappa, Light 1971); Fleiss' kappa
   * over the assets with the most common number of labelers (Fleiss needs the same number per item).
   */
  public record JobKappa(String jobId, Double cohen, List<PairKappa> pairs, Double fleiss, int fleissItems, int fleissLabelers) {}

  /** Per labeler figures. {@code labels} is every label of the project in creation order. */
  public static List<LabelerQuality> labelers(
      JsonInterface iface, List<Label> labels, List<QualityRepository.HoneypotMark> honeypot) {
    Map<String, int[]> counts = new LinkedHashMap<>(); // [labels, skipped]
    Map<String, List<Double>> seconds = new HashMap<>();
    for (Label l : labels) {
      if (l.labelType() != LabelType.DEFAULT || l.authorId() == null) continue;
      int[] c = counts.computeIfAbsent(l.authorId(), k -> new int[2]);
      c[l.skipped() ? 1 : 0]++;
      if (!l.skipped() && l.secondsToLabel() != null) {
        seconds.computeIfAbsent(l.authorId(), k -> new ArrayList<>()).add(l.secondsToLabel());
      }
    }
    Map<String, double[]> agreement = new HashMap<>(); // [sum, pairs]
    for (List<Label> answers : answersByAsset(labels).values()) {
      for (int i = 0; i < answers.size(); i++) {
        for (int j = i + 1; j < answers.size(); j++) {
          Double m = Agreement.mark(iface, answers.get(i).jsonResponse(), answers.get(j).jsonResponse());
          double v = m == null ? 1 : m;
          for (Label side : List.of(answers.get(i), answers.get(j))) {
            double[] a = agreement.computeIfAbsent(side.authorId(), k -> new double[2]);
            a[0] += v;
            a[1]++;
          }
        }
      }
    }
    Map<String, TreeMap<String, double[]>> days = new HashMap<>();
    for (QualityRepository.HoneypotMark m : honeypot) {
      if (m.authorId() == null) continue;
      counts.computeIfAbsent(m.authorId(), k -> new int[2]);
      String day = LocalDate.ofInstant(m.createdAt(), ZoneOffset.UTC).toString();
      double[] d = days.computeIfAbsent(m.authorId(), k -> new TreeMap<>()).computeIfAbsent(day, k -> new double[2]);
      d[0] += m.mark();
      d[1]++;
    }
    List<LabelerQuality> out = new ArrayList<>();
    for (var e : counts.entrySet()) {
      String user = e.getKey();
      double[] a = agreement.get(user);
      List<ScorePoint> series = new ArrayList<>();
      double hpSum = 0;
      int hpCount = 0;
      for (var d : days.getOrDefault(user, new TreeMap<>()).entrySet()) {
        series.add(new ScorePoint(d.getKey(), d.getValue()[0] / d.getValue()[1], (int) d.getValue()[1]));
        hpSum += d.getValue()[0];
        hpCount += (int) d.getValue()[1];
      }
      out.add(new LabelerQuality(user, e.getValue()[0], e.getValue()[1], median(seconds.get(user)),
          a == null ? null : a[0] / a[1], a == null ? 0 : (int) a[1], hpCount == 0 ? null : hpSum / hpCount, hpCount, series));
    }
    return out;
  }

  /** Per category agreement and confusion for each classification job. */
  public static List<JobCategories> categories(JsonInterface iface, List<Label> labels) {
    Map<String, List<Label>> byAsset = answersByAsset(labels);
    List<JobCategories> out = new ArrayList<>();
    for (Job job : iface.jobs().values()) {
      if (job.mlTask() != MlTask.CLASSIFICATION) continue;
      List<String> cats = new ArrayList<>(job.categories().keySet());
      Map<String, Integer> index = new HashMap<>();
      for (String c : cats) index.put(c, index.size());
      int[][] confusion = new int[cats.size()][cats.size()];
      int[] both = new int[cats.size()];
      int[] either = new int[cats.size()]; // sum over pairs of (in A) + (in B)
      int[] answers = new int[cats.size()];
      for (List<Label> as : byAsset.values()) {
        List<java.util.Set<String>> sets = as.stream().map(l -> Agreement.categories(l.jsonResponse().get(job.id()))).toList();
        for (var s : sets) for (String c : s) if (index.containsKey(c)) answers[index.get(c)]++;
        for (int i = 0; i < sets.size(); i++) {
          for (int j = i + 1; j < sets.size(); j++) {
            var a = sets.get(i);
            var b = sets.get(j);
            for (String x : a) for (String y : b) {
              if (index.containsKey(x) && index.containsKey(y)) {
                confusion[index.get(x)][index.get(y)]++;
                if (!x.equals(y)) confusion[index.get(y)][index.get(x)]++;
              }
            }
            for (String c : cats) {
              int k = index.get(c);
              boolean inA = a.contains(c), inB = b.contains(c);
              if (inA && inB) both[k]++;
              either[k] += (inA ? 1 : 0) + (inB ? 1 : 0);
            }
          }
        }
      }
      List<CategoryAgreement> agreement = new ArrayList<>();
      for (String c : cats) {
        int k = index.get(c);
        // specific (positive) agreement: 2·both / (times A chose it + times B chose it), over labeler pairs
        agreement.add(new CategoryAgreement(c, either[k] == 0 ? null : 2.0 * both[k] / either[k], answers[k]));
      }
      out.add(new JobCategories(job.id(), agreement, cats, confusion));
    }
    return out;
  }

  /** Kappa for each classification job; an answer is its sorted category set (one category for single choice). */
  public static List<JobKappa> kappa(JsonInterface iface, List<Label> labels) {
    Map<String, List<Label>> byAsset = answersByAsset(labels);
    List<JobKappa> out = new ArrayList<>();
    for (Job job : iface.jobs().values()) {
      if (job.mlTask() != MlTask.CLASSIFICATION) continue;
      // asset -> labeler -> answer
      Map<String, Map<String, String>> answers = new LinkedHashMap<>();
      for (var e : byAsset.entrySet()) {
        for (Label l : e.getValue()) {
          var cats = Agreement.categories(l.jsonResponse().get(job.id()));
          if (!cats.isEmpty()) {
            answers.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(l.authorId(), String.join("+", cats));
          }
        }
      }
      out.add(fleiss(new JobKappa(job.id(), null, pairs(answers), null, 0, 0), answers));
    }
    return out;
  }

  private static List<PairKappa> pairs(Map<String, Map<String, String>> answers) {
    Map<String, List<String[]>> shared = new TreeMap<>();
    for (Map<String, String> byLabeler : answers.values()) {
      List<String> users = new ArrayList<>(byLabeler.keySet());
      users.sort(null);
      for (int i = 0; i < users.size(); i++) {
        for (int j = i + 1; j < users.size(); j++) {
          shared.computeIfAbsent(users.get(i) + "\u0000" + users.get(j), k -> new ArrayList<>())
              .add(new String[] {byLabeler.get(users.get(i)), byLabeler.get(users.get(j))});
        }
      }
    }
    List<PairKappa> out = new ArrayList<>();
    for (var e : shared.entrySet()) {
      String[] users = e.getKey().split("\u0000");
      List<String> a = e.getValue().stream().map(p -> p[0]).toList();
      List<String> b = e.getValue().stream().map(p -> p[1]).toList();
      double k = Kappa.cohen(a, b);
      out.add(new PairKappa(users[0], users[1], a.size(), Double.isNaN(k) ? null : k));
    }
    return out;
  }

  private static Double median(List<Double> values) {
    if (values == null || values.isEmpty()) return null;
    double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** Asset id -> each labeler's newest answer, for assets with at least one answer. */
  static Map<String, List<Label>> answersByAsset(List<Label> labels) {
    Map<String, List<Label>> byAsset = new LinkedHashMap<>();
    for (Label l : labels) {
      byAsset.computeIfAbsent(l.assetId(), k -> new ArrayList<>()).add(l);
    }
    Map<String, List<Label>> out = new LinkedHashMap<>();
    for (var e : byAsset.entrySet()) {
      List<Label> answers = QualityTrigger.newestAnswerPerLabeler(e.getValue());
      if (!answers.isEmpty()) out.put(e.getKey(), answers);
    }
    return out;
  }

  static JobKappa fleiss(JobKappa base, Map<String, Map<String, String>> answers) {
    Map<Integer, Integer> byCount = new HashMap<>();
    for (var m : answers.values()) if (m.size() >= 2) byCount.merge(m.size(), 1, Integer::sum);
    Double cohen = null;
    List<Double> ks = base.pairs().stream().map(PairKappa::kappa).filter(k -> k != null).toList();
    if (!ks.isEmpty()) cohen = ks.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    if (byCount.isEmpty()) {
      return new JobKappa(base.jobId(), cohen, base.pairs(), null, 0, 0);
    }
    int raters = byCount.entrySet().stream()
        .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Map<String, String>> items = answers.values().stream().filter(m -> m.size() == raters).toList();
    for (var m : items) for (String a : m.values()) index.putIfAbsent(a, index.size());
    int[][] counts = new int[items.size()][index.size()];
    for (int i = 0; i < items.size(); i++) for (String a : items.get(i).values()) counts[i][index.get(a)]++;
    double f = Kappa.fleiss(counts);
    return new JobKappa(base.jobId(), cohen, base.pairs(), Double.isNaN(f) ? null : f, items.size(), raters);
  }
}
