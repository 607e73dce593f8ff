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
 * Assets whose chosen label does not answer the job are neither trained on nor predicted.
 */
public record Snapshot(
    List<String> texts, List<String> assetIds, int[] labeledRows, String[] labels, int[] poolRows, long maxLabelId, String hash) {

  public static Snapshot of(List<AssetText> assets, List<HumanLabel> humanLabels, String jobId) {
    ChosenAnswers answers = ChosenAnswers.of(humanLabels);
    List<String> texts = new ArrayList<>(assets.size());
    List<String> ids = new ArrayList<>(assets.size());
    List<Integer> labeled = new ArrayList<>();
    List<String> classes = new ArrayList<>();
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
        String cls = cats.iterator().next(); // single-label view: multi-choice answers train on their first category
        labeled.add(row);
        classes.add(cls);
        forHash.add(LabeledText.of(a.id(), a.content(), cls));
      }
    }
    String hash = new TextDataset(forHash).snapshotHash();
    return new Snapshot(List.copyOf(texts), List.copyOf(ids), labeled.stream().mapToInt(i -> i).toArray(),
        classes.toArray(String[]::new), pool.stream().mapToInt(i -> i).toArray(), answers.maxLabelId(), hash);
  }

  public int labeledCount() {
    return labeledRows.length;
  }

  public int classCount() {
    return (int) java.util.Arrays.stream(labels).distinct().count();
  }
}
