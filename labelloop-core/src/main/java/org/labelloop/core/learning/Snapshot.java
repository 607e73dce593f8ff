package org.labelloop.core.learning;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;

/**
 * An immutable training snapshot of one project and job: for every asset with a human label, the chosen label (a REVIEW
 * wins over DEFAULT; the newest wins within a type) and its class; every other asset is in the pool to predict.
 * Assets whose chosen label does not answer the job are neither trained on nor predicted. {@code labels} is the
 * single-label view (an answer's first category); {@code labelSets} keeps every category, for multi-choice jobs.
 */
public record Snapshot(
    List<String> texts, List<String> assetIds, int[] labeledRows, String[] labels, List<Set<String>> labelSets, int[] poolRows,
    long maxLabelId, String hash) {

  public static Snapshot of(List<AssetText> assets, List<HumanLabel> humanLabels, String jobId) {
    ChosenAnswers answers = ChosenAnswers.of(humanLabels);
    List<String> texts = new ArrayList<>(assets.size());
    List<String> ids = new ArrayList<>(assets.size());
    List<Integer> labeled = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    List<Set<String>> sets = new ArrayList<>();
    List<Integer> pool = new ArrayList<>();
    List<LabeledText> forHash = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (AssetText a : assets) {
      if (!seen.add(a.id())) continue;
      int row = texts.size();
      texts.add(a.content());
      ids.add(a.id());
      HumanLabel l = answers.byAsset().get(a.id());
      if (l == null) {
        pool.add(row);
        continue;
      }
      Set<String> cats = InferenceMarks.categories(l.jsonResponse().get(jobId));
      if (!cats.isEmpty()) {
        labeled.add(row);
        classes.add(cats.iterator().next());
        sets.add(Set.copyOf(cats));
        forHash.add(new LabeledText(a.id(), a.content(), cats));
      }
    }
    String hash = new TextDataset(forHash).snapshotHash();
    return new Snapshot(List.copyOf(texts), List.copyOf(ids), labeled.stream().mapToInt(i -> i).toArray(),
        classes.toArray(String[]::new), List.copyOf(sets), pool.stream().mapToInt(i -> i).toArray(), answers.maxLabelId(), hash);
  }

  public int labeledCount() {
    return labeledRows.length;
  }

  /** Distinct categories over all answers. */
  public int classCount() {
    return (int) labelSets.stream().flatMap(Set::stream).distinct().count();
  }
}
