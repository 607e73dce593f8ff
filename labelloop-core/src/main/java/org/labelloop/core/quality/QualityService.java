package org.labelloop.core.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.labelloop.core.ExpiringCache;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.Label;
import org.labelloop.core.port.Page;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;

/**
 * Quality management of a project: settings, marks and reports (reviewers), the review send-back, and what the queue
 * serves before ordinary assets (an asset sent back to the caller, then a honeypot at the project's rate).
 */
public final class QualityService {
  /** How long an asset sent back to a labeler stays reserved for them. */
  static final Duration SEND_BACK_HOLD = Duration.ofDays(7);

  private final Ports ports;
  private final Access access;
  private final Clock clock;
  private final RandomGenerator random;
  private final ExpiringCache<String, QualitySettings> settings;
  private final ExpiringCache<String, Set<String>> sendBackUsers;

  public QualityService(Ports ports, Access access, Clock clock, RandomGenerator random) {
    this.ports = ports;
    this.access = access;
    this.clock = clock;
    this.random = random;
    this.settings = new ExpiringCache<>("quality-settings", ports.invalidations(), clock);
    this.sendBackUsers = new ExpiringCache<>("send-back-users", ports.invalidations(), clock);
  }

  public QualitySettings settings(Caller caller, String projectId) {
    access.require(caller, projectId, Role.LABELER);
    return settings(projectId);
  }

  /** The project's settings; every queue/next and label reads them, so they are cached ({@link ExpiringCache}). */
  QualitySettings settings(String projectId) {
    return settings.get(projectId, () -> Optional.of(stored(projectId))).orElseThrow();
  }

  private QualitySettings stored(String projectId) {
    return QualitySettings.fromJson(ports.quality().settings(projectId).orElse(null));
  }

  /** Changes the fields present in {@code patch}; admins only. Read-modify-write in one transaction. */
  public QualitySettings patchSettings(Caller caller, String projectId, JsonNode patch) {
    access.require(caller, projectId, Role.ADMIN);
    QualitySettings saved = ports.tx().inTransaction(() -> {
      QualitySettings next = stored(projectId).patch(patch);
      ports.quality().saveSettings(projectId, next.toJson(), clock.instant());
      return next;
    });
    settings.invalidateAll();
    return saved;
  }

  public Page<QualityRepository.AssetMarks> assets(
      Caller caller, String projectId, Double consensusLt, Double honeypotLt, Double inferenceLt, String cursor, int limit) {
    access.require(caller, projectId, Role.REVIEWER);
    return ports.quality().assetMarks(projectId, consensusLt, honeypotLt, inferenceLt, cursor, limit <= 0 ? 100 : Math.min(limit, 1000));
  }

  public List<QualityReports.LabelerQuality> labelers(Caller caller, String projectId) {
    Project project = access.requireProject(caller, projectId, Role.REVIEWER).project();
    return QualityReports.labelers(project.jsonInterface(), allLabels(projectId), ports.quality().honeypotMarks(projectId));
  }

  public List<QualityReports.JobCategories> categories(Caller caller, String projectId) {
    Project project = access.requireProject(caller, projectId, Role.REVIEWER).project();
    return QualityReports.categories(project.jsonInterface(), allLabels(projectId));
  }

  public List<QualityReports.JobKappa> kappa(Caller caller, String projectId) {
    Project project = access.requireProject(caller, projectId, Role.REVIEWER).project();
    return QualityReports.kappa(project.jsonInterface(), allLabels(projectId));
  }

  /** Marks assets (by external id) as honeypots; their trusted answer is their newest REVIEW label. Admins only. */
  public int setHoneypot(Caller caller, String projectId, List<String> externalIds, boolean honeypot) {
    access.require(caller, projectId, Role.ADMIN);
    return ports.tx().inTransaction(() -> ports.quality().setHoneypot(projectId, externalIds, honeypot));
  }

  /**
   * A reviewer sends an asset back to a labeler (by default the author of its newest answer) with a comment: the asset
   * is reserved for that labeler, served to them first, and the send-back closes when they answer again.
   */
  public QualityRepository.ReviewComment sendBack(Caller caller, String projectId, String assetId, String comment, String toUserId) {
    access.require(caller, projectId, Role.REVIEWER);
    if (comment == null || comment.isBlank()) {
      throw LabelloopException.invalid("comment: required");
    }
    Asset asset = ports.assets().find(projectId, assetId).orElseThrow(() -> LabelloopException.notFound("Asset " + assetId + " in this project"));
    if (asset.status() == AssetStatus.TODO) {
      throw LabelloopException.conflict("Asset " + assetId + " has no answer yet: there is nothing to send back");
    }
    String target = toUserId;
    if (target == null || target.isBlank()) {
      List<Label> answers = QualityTrigger.newestAnswerPerLabeler(ports.labels().forAssets(List.of(asset.id())).getOrDefault(asset.id(), List.of()));
      if (answers.isEmpty()) {
        throw LabelloopException.invalid("toUserId: required, the asset has no labeler's answer");
      }
      target = answers.getLast().authorId();
    } else if (ports.members().role(projectId, target).isEmpty()) {
      throw LabelloopException.invalid("toUserId: user " + target + " is not a member of this project");
    }
    String to = target;
    Instant now = clock.instant();
    QualityRepository.ReviewComment sent = ports.tx().inTransaction(() -> {
      ports.quality().lockTo(asset.id(), to, now.plus(SEND_BACK_HOLD));
      return ports.quality().addComment(projectId, asset.id(), caller.userId(), to, comment.strip(), now);
    });
    sendBackUsers.invalidateAll();
    return sent;
  }

  /**
   * Whether the user may have an open send-back in the project (cached: the queue and every label would otherwise
   * look for one). A send-back just made elsewhere is seen once the other server's announcement arrives; one closed
   * since only costs a look that finds nothing.
   */
  boolean mayHaveSendBack(String projectId, String userId) {
    return sendBackUsers.get(projectId, () -> Optional.of(ports.quality().openSendBackUsers(projectId))).orElseThrow()
        .contains(userId);
  }

  public List<QualityRepository.ReviewComment> comments(Caller caller, String projectId, String assetId) {
    access.require(caller, projectId, Role.LABELER);
    ports.assets().find(projectId, assetId).orElseThrow(() -> LabelloopException.notFound("Asset " + assetId + " in this project"));
    return ports.quality().comments(assetId);
  }

  /**
   * What the queue serves before ordinary assets: an asset sent back to the user (locked to them), else, with the
   * project's honeypot rate as probability, a honeypot they have not answered (not locked: every labeler answers it).
   * Runs inside the queue's transaction, so the send-back's lock and read are one step.
   */
  public Optional<Asset> servedFirst(String projectId, String userId, Instant now) {
    Optional<String> sentBack =
        mayHaveSendBack(projectId, userId) ? ports.quality().openSendBack(projectId, userId) : Optional.empty();
    if (sentBack.isPresent()) {
      ports.quality().lockTo(sentBack.get(), userId, now.plus(SEND_BACK_HOLD));
      return ports.assets().find(projectId, sentBack.get());
    }
    double rate = settings(projectId).honeypotRate();
    if (rate > 0 && random.nextDouble() < rate) {
      return ports.quality().nextHoneypot(projectId, userId).flatMap(id -> ports.assets().find(projectId, id));
    }
    return Optional.empty();
  }

  /** Every label of the project in creation order (pages of 1,000). */
  List<Label> allLabels(String projectId) {
    List<Label> all = new ArrayList<>();
    String cursor = null;
    do {
      Page<Label> page = ports.labels().list(projectId, null, null, null, cursor, 1000);
      all.addAll(page.items());
      cursor = page.nextCursor();
    } while (cursor != null);
    return all;
  }
}
