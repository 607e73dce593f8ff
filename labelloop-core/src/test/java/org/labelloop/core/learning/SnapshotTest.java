package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.learn.data.LabeledText;
import org.labelloop.learn.data.TextDataset;

class SnapshotTest {
  private static final TextModelTrainer TEXT = new TextModelTrainer(null);

  private static HumanLabel label(String id, String asset, boolean review, String cat) {
    return new HumanLabel(id, asset, review, InferenceMarksTest.json("{\"JOB_0\": {\"categories\": [{\"name\": \"" + cat + "\"}]}}"));
  }

  @Test
  void reviewWinsOverANewerDefaultAndUnlabeledAssetsFormThePool() {
    List<AssetText> assets = List.of(new AssetText("1", "a"), new AssetText("2", "b"), new AssetText("3", "c"));
    List<HumanLabel> labels = List.of(label("10", "1", false, "X"), label("11", "1", true, "Y"), label("12", "1", false, "Z"),
        label("13", "2", false, "X"), label("14", "2", false, "W"));
    Snapshot<Set<String>> s = Snapshot.of(assets, labels, "JOB_0", TEXT);
    assertArrayEquals(new int[] {0, 1}, s.labeledRows());
    assertEquals(List.of(Set.of("Y"), Set.of("W")), s.answers());
    assertArrayEquals(new int[] {2}, s.poolRows());
    assertEquals(14, s.maxLabelId());
    assertNotEquals(s.hash(), Snapshot.of(assets, labels.subList(0, 4), "JOB_0", TEXT).hash());
    // the model card of the learn module hashes the same data the same way
    assertEquals(new TextDataset(List.of(LabeledText.of("1", "a", "Y"), LabeledText.of("2", "b", "W"))).snapshotHash(), s.hash());
  }

  @Test
  void multiChoiceAnswersKeepEveryCategory() {
    List<AssetText> assets = List.of(new AssetText("1", "a"), new AssetText("2", "b"));
    HumanLabel both = new HumanLabel("10", "1", false,
        InferenceMarksTest.json("{\"JOB_0\": {\"categories\": [{\"name\": \"X\"}, {\"name\": \"Y\"}]}}"));
    Snapshot<Set<String>> s = Snapshot.of(assets, List.of(both, label("11", "2", false, "Z")), "JOB_0", TEXT);
    assertEquals(List.of(Set.of("X", "Y"), Set.of("Z")), s.answers());
    assertEquals(3, ClassificationAnswers.classCount(s));
  }
}
