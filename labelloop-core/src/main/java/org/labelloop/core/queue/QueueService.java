package org.labelloop.core.queue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelDraft;
import org.labelloop.core.label.LabelService;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.quality.QualityService;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;

/**
 * Serves each labeler the next asset. The served asset is locked to that labeler for {@link #LOCK} so two labelers
 * never get the same one; an expired lock returns the asset to the queue. A consensus asset (issue 7) returns to the
 * queue after each answer until k distinct labelers answered; the claim never serves an asset to a labeler twice.
 */
public final class QueueService {
  static final Duration LOCK = Duration.ofMinutes(5);

  private final Ports ports;
  private final Access access;
  private final Clock clock;
  private final LabelService labels;
  private final QualityService quality;

  public QueueService(Ports ports, Access access, Clock clock, LabelService labels, QualityService quality) {
    this.ports = ports;
    this.access = access;
    this.clock = clock;
    this.labels = labels;
    this.quality = quality;
  }

  public Optional<QueuedAsset> next(Caller caller, String projectId) {
    access.require(caller, projectId, Role.LABELER);
    Instant now = clock.instant();
    // one transaction, so one connection for the round's reads and claim (BENCHMARKS.md "Labels per core")
    return ports.tx().inTransaction(() -> {
      // quality first: an asset a reviewer sent back to the caller, or a honeypot at the project's rate (issue 7)
      Optional<Asset> claimed = quality.servedFirst(projectId, caller.userId(), now);
      if (claimed.isEmpty()) {
        claimed = ports.assets().claimNext(projectId, caller.userId(), now, now.plus(LOCK));
      }
      return claimed.map(asset -> new QueuedAsset(asset, latestPrediction(asset.id())));
    });
  }

  /**
   * Stores the caller's label and serves their next asset in one transaction: one round trip a labeled asset instead of
   * two. The label is kept only with the claim, and neither without the other.
   */
  public Answered answer(Caller caller, String projectId, LabelDraft draft) {
    return ports.tx().inTransaction(() -> new Answered(labels.submit(caller, projectId, draft), next(caller, projectId)));
  }

  /** The label an answer stored and the asset served after it (empty when the caller's queue is done). */
  public record Answered(Label label, Optional<QueuedAsset> next) {}

  /** Skips the asset for the caller: it goes back to the queue for others and is not served to the caller again. */
  public void skip(Caller caller, String projectId, String assetId) {
    labels.skip(caller, projectId, assetId);
  }

  /** The newest PREDICTION label of the asset (labels come in creation order). */
  private Label latestPrediction(String assetId) {
    List<Label> all = ports.labels().forAssets(List.of(assetId)).getOrDefault(assetId, List.of());
    return all.stream().filter(l -> l.labelType() == LabelType.PREDICTION).reduce((a, b) -> b).orElse(null);
  }
}
