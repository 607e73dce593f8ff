package org.labelloop.core.quality;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.Project;

/**
 * What a written human label sets off for quality, inside the label's transaction: the asset's consensus mark (mean
 * pairwise {@link Agreement} of its labelers' newest answers), its honeypot marks (each labeler's answer against the
 * trusted REVIEW answer of a honeypot), and the consensus workflow: an asset that needs k labelers goes back to TODO
 * until k distinct labelers answered (the queue never serves it twice to one labeler), then to TO_REVIEW when its
 * consensus mark is below the threshold. Answering an asset a reviewer sent back closes the send-back.
 */
public final class QualityTrigger {
  private final Ports ports;
  private final Clock clock;
  private final QualityService service;

  public QualityTrigger(Ports ports, Clock clock, QualityService service) {
    this.ports = ports;
    this.clock = clock;
    this.service = service;
  }

  /**
   * {@code labelsOfAssets}: every label of the assets that {@code saved} answered (not skipped), by asset id;
   * {@code assets}: those assets as the labels' transaction left them (no second read of each).
   */
  public void afterLabels(Project project, List<Label> saved, Map<String, List<Label>> labelsOfAssets, Map<String, Asset> assets) {
    Set<String> assetIds = new LinkedHashSet<>();
    Set<String> answered = new LinkedHashSet<>();
    for (Label l : saved) {
      if (l.labelType().isHuman() && !l.skipped()) {
        assetIds.add(l.assetId());
        if (l.labelType() == LabelType.DEFAULT) {
          answered.add(l.assetId());
          if (l.authorId() != null && service.mayHaveSendBack(project.id(), l.authorId())) {
            ports.quality().resolveSendBacks(l.assetId(), l.authorId(), clock.instant());
          }
        }
      }
    }
    if (assetIds.isEmpty()) {
      return;
    }
    QualitySettings settings = service.settings(project.id());
    Instant now = clock.instant();
    for (String assetId : assetIds) {
      update(project.jsonInterface(), settings, assets.get(assetId), labelsOfAssets.getOrDefault(assetId, List.of()), answered.contains(assetId), now);
    }
  }

  private void update(JsonInterface iface, QualitySettings settings, Asset asset, List<Label> labels, boolean answered, Instant now) {
    List<Label> answers = newestAnswerPerLabeler(labels);
    Double consensus = meanPairwise(iface, answers);
    Double honeypot = null;
    if (asset.honeypot()) {
      Label trusted = trustedAnswer(labels);
      List<QualityRepository.HoneypotMark> marks = new ArrayList<>();
      if (trusted != null) {
        double sum = 0;
        for (Label a : answers) {
          Double m = Agreement.mark(iface, trusted.jsonResponse(), a.jsonResponse());
          double mark = m == null ? 1 : m; // both left every job empty: they agree
          marks.add(new QualityRepository.HoneypotMark(a.id(), asset.id(), a.authorId(), mark, a.createdAt()));
          sum += mark;
        }
        honeypot = marks.isEmpty() ? null : sum / marks.size();
      }
      ports.quality().replaceHoneypotMarks(asset.projectId(), asset.id(), marks);
    }
    if (answers.size() >= 2 || asset.honeypot()) { // one answer has no mark: skip the write on the common path
      ports.quality().saveAssetMarks(asset.projectId(), asset.id(), answers.size(), consensus, honeypot, now);
    }
    if (answered && !asset.honeypot() && settings.needsConsensus(asset.id()) && asset.status() == AssetStatus.LABELED) {
      if (answers.size() < settings.consensusLabelers()) {
        ports.assets().setStatus(asset.id(), AssetStatus.TODO);
      } else if (consensus != null && consensus < settings.consensusThreshold()) {
        ports.assets().setStatus(asset.id(), AssetStatus.TO_REVIEW);
      }
    }
  }

  /** Each labeler's newest non-skipped DEFAULT label (labels come in creation order), in order of first answer. */
  public static List<Label> newestAnswerPerLabeler(List<Label> labels) {
    Map<String, Label> newest = new LinkedHashMap<>();
    for (Label l : labels) {
      if (l.labelType() == LabelType.DEFAULT && !l.skipped() && l.authorId() != null) {
        newest.put(l.authorId(), l);
      }
    }
    return new ArrayList<>(newest.values());
  }

  /** The newest REVIEW label: a honeypot's trusted answer. */
  public static Label trustedAnswer(List<Label> labels) {
    Label trusted = null;
    for (Label l : labels) {
      if (l.labelType() == LabelType.REVIEW && !l.skipped()) {
        trusted = l;
      }
    }
    return trusted;
  }

  /** Mean agreement over all pairs of answers; null with fewer than two. */
  public static Double meanPairwise(JsonInterface iface, List<Label> answers) {
    if (answers.size() < 2) {
      return null;
    }
    double sum = 0;
    int pairs = 0;
    for (int i = 0; i < answers.size(); i++) {
      for (int j = i + 1; j < answers.size(); j++) {
        Double m = Agreement.mark(iface, answers.get(i).jsonResponse(), answers.get(j).jsonResponse());
        sum += m == null ? 1 : m;
        pairs++;
      }
    }
    return sum / pairs;
  }
}
