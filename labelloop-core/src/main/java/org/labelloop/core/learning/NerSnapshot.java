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
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.learning.LearningRepository.HumanLabel;
import org.labelloop.learn.ner.Span;

/**
 * An immutable training snapshot of one NAMED_ENTITIES_RECOGNITION job: the texts, for every asset whose chosen human
 * label answers the job its entity spans (possibly none: "no entity here" is an answer too), and the other assets as
 * the pool. Spans whose offsets do not fit the text are dropped here; spans off token boundaries are the tagger's to
 * skip. The hash is SHA-256 over ids, texts and spans, in order.
 */
record NerSnapshot(List<String> texts, List<String> assetIds, int[] labeledRows, List<List<Span>> spans, int[] poolRows,
    long maxLabelId, String hash) {

  static NerSnapshot of(List<AssetText> assets, List<HumanLabel> humanLabels, String jobId) {
    ChosenAnswers answers = ChosenAnswers.of(humanLabels);
    List<String> texts = new ArrayList<>(assets.size());
    List<String> ids = new ArrayList<>(assets.size());
    List<Integer> labeled = new ArrayList<>();
    List<List<Span>> spans = new ArrayList<>();
    List<Integer> pool = new ArrayList<>();
    MessageDigest hash = sha256();
    Set<String> seen = new HashSet<>();
    for (AssetText a : assets) {
      if (!seen.add(a.id())) continue;
      int row = texts.size();
      String text = a.content() == null ? "" : a.content();
      texts.add(text);
      ids.add(a.id());
      HumanLabel l = answers.byAsset().get(a.id());
      JsonNode answer = l == null ? null : l.jsonResponse().get(jobId);
      if (l == null) {
        pool.add(row);
      } else if (answer != null && !answer.isNull()) {
        List<Span> s = EntitySpans.of(answer, text.length());
        labeled.add(row);
        spans.add(s);
        String line = a.id() + '\0' + text + '\0' + s.stream().map(x -> x.begin() + "-" + x.end() + ":" + x.label()).collect(Collectors.joining(";")) + '\n';
        hash.update(line.getBytes(StandardCharsets.UTF_8));
      }
    }
    return new NerSnapshot(List.copyOf(texts), List.copyOf(ids), labeled.stream().mapToInt(i -> i).toArray(), List.copyOf(spans),
        pool.stream().mapToInt(i -> i).toArray(), answers.maxLabelId(), HexFormat.of().formatHex(hash.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }


  int labeledCount() {
    return labeledRows.length;
  }

  /** The entity types the labels use. */
  Set<String> entityTypes() {
    Set<String> types = new TreeSet<>();
    spans.forEach(list -> list.forEach(s -> types.add(s.label())));
    return types;
  }
}
