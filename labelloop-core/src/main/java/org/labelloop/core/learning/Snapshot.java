package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;

/**
 * An immutable training snapshot of one project and job, for every task: for every asset with a human label, the
 * chosen label (a REVIEW wins over DEFAULT; the newest wins within a type) read as the task's answer; every other asset
 * is in the pool to predict. Assets whose chosen label does not answer the job are neither trained on nor predicted.
 * The hash is SHA-256 over the labeled assets' ids, texts and answers, in order (for categories the same as
 * {@link org.labelloop.learn.data.TextDataset#snapshotHash()}, which the learn module's model card records).
 *
 * @param <A> the task's answer: a classification's categories, an NER job's entity spans
 * @param answers the answer of each labeled row, in the order of {@code labeledRows}
 */
public record Snapshot<A>(List<String> texts, List<String> assetIds, int[] labeledRows, List<A> answers, int[] poolRows,
    long maxLabelId, String hash) {

  /** How a task reads a human label. */
  public interface Answers<A> {
    /** The job's answer about {@code text}, or null where the label does not answer the job. */
    A read(JsonNode jobAnswer, String text);

    /** The answer as text for the hash: equal answers, equal text. */
    String fingerprint(A answer);
  }

  /** @param humanLabels in id order */
  public static <A> Snapshot<A> of(List<AssetText> assets, List<HumanLabel> humanLabels, String jobId, Answers<A> task) {
    ChosenAnswers chosen = ChosenAnswers.of(humanLabels);
    List<String> texts = new ArrayList<>(assets.size());
    List<String> ids = new ArrayList<>(assets.size());
    List<Integer> labeled = new ArrayList<>();
    List<A> answers = new ArrayList<>();
    List<Integer> pool = new ArrayList<>();
    MessageDigest hash = sha256();
    Set<String> seen = new HashSet<>();
    for (AssetText a : assets) {
      if (!seen.add(a.id())) continue;
      int row = texts.size();
      String text = a.content() == null ? "" : a.content();
      texts.add(text);
      ids.add(a.id());
      HumanLabel l = chosen.byAsset().get(a.id());
      if (l == null) {
        pool.add(row);
        continue;
      }
      A answer = task.read(l.jsonResponse().get(jobId), text);
      if (answer != null) {
        labeled.add(row);
        answers.add(answer);
        String line = a.id() + '\0' + text + '\0' + task.fingerprint(answer) + '\u001e';
        hash.update(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    return new Snapshot<>(List.copyOf(texts), List.copyOf(ids), labeled.stream().mapToInt(i -> i).toArray(),
        List.copyOf(answers), pool.stream().mapToInt(i -> i).toArray(), chosen.maxLabelId(),
        HexFormat.of().formatHex(hash.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public int labeledCount() {
    return labeledRows.length;
  }
}
