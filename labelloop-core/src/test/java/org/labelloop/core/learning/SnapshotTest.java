package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;

class SnapshotTest {
  private static HumanLabel label(String id, String asset, boolean review, String cat) {
    return new HumanLabel(id, asset, review, InferenceMarksTest.json("{\"JOB_0\": {\"categories\": [{\"name\": \"" + cat + "\"}]}}"));
  }

  @Test
  void reviewWinsOverANewerDefaultAndUnlabeledAssetsFormThePool() {
    List<AssetText> assets = List.of(new AssetText("1", "a"), new AssetText("2", "b"), new AssetText("3", "c"));
    List<HumanLabel> labels = List.of(label("10", "1", false, "X"), label("11", "1", true, "Y"), label("12", "1", false, "Z"),
        label("13", "2", false, "X"), label("14", "2", false, "W"));
    Snapshot s = Snapshot.of(assets, labels, "JOB_0");
    assertArrayEquals(new int[] {0, 1}, s.labeledRows());
    assertArrayEquals(new String[] {"Y", "W"}, s.labels());
    assertArrayEquals(new int[] {2}, s.poolRows());
    assertEquals(14, s.maxLabelId());
    assertNotEquals(s.hash(), Snapshot.of(assets, labels.subList(0, 4), "JOB_0").hash());
  }

  @Test
  void multiChoiceAnswersKeepEveryCategory() {
    List<AssetText> assets = List.of(new AssetText("1", "a"), new AssetText("2", "b"));
    HumanLabel both = new HumanLabel("10", "1", false,
        InferenceMarksTest.json("{\"JOB_0\": {\"categories\": [{\"name\": \"X\"}, {\"name\": \"Y\"}]}}"));
    Snapshot s = Snapshot.of(assets, List.of(both, label("11", "2", false, "Z")), "JOB_0");
    assertEquals(List.of(java.util.Set.of("X", "Y"), java.util.Set.of("Z")), s.labelSets());
    assertEquals(3, s.classCount());
  }
}
