package org.labelloop.core.label;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.learning.LearningService;
import org.labelloop.core.learning.LearningTrigger;
import org.labelloop.core.port.AssetRepository;
import org.labelloop.core.port.Page;
import org.labelloop.core.project.Project;
import org.labelloop.core.quality.QualityService;
import org.labelloop.core.quality.QualityTrigger;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;
import org.labelloop.core.webhook.WebhookEvents;

/**
 * Submits and lists labels. A label and the asset's new status are written in one transaction: a DEFAULT label makes
 * the asset LABELED, a REVIEW label makes it REVIEWED, a skip puts it back in the queue for others.
 */
public final class LabelService {
  private final Ports ports;
  private final Access access;
  private final Clock clock;
  private final LearningTrigger learning;
  private final QualityTrigger quality;
  private final WebhookEvents events;

  public LabelService(Ports ports, Access access, Clock clock, LearningService learning, QualityService quality) {
    this.ports = ports;
    this.access = access;
    this.clock = clock;
    this.learning = new LearningTrigger(ports, clock, learning);
    this.quality = new QualityTrigger(ports, clock, quality);
    this.events = new WebhookEvents(ports, clock);
  }

  public Label submit(Caller caller, String projectId, LabelDraft draft) {
    return submitAll(caller, projectId, List.of(draft)).getFirst();
  }

  /** Submits every label or none. */
  public List<Label> submitAll(Caller caller, String projectId, List<LabelDraft> drafts) {
    Access.Granted granted = access.requireProject(caller, projectId, Role.LABELER);
    for (LabelDraft draft : drafts) {
      requireRoleFor(draft.labelType(), granted.role());
    }
    Project project = granted.project();
    return ports.tx().inTransaction(
        () -> {
          List<WebhookEvents.StoredLabel> stored = new ArrayList<>(drafts.size());
          Set<String> labeledBefore = new HashSet<>();
          for (LabelDraft draft : drafts) {
            stored.add(write(caller, project, draft, labeledBefore));
          }
          List<Label> saved = stored.stream().map(WebhookEvents.StoredLabel::label).toList();
          Map<String, Asset> written = new HashMap<>(); // each asset as this submit left it
          for (WebhookEvents.StoredLabel s : stored) {
            written.put(s.asset().id(), s.newStatus() == null ? s.asset() : s.asset().withStatus(s.newStatus()));
          }
          Map<String, List<Label>> labelsOfAssets = labelsOf(answeredAssets(saved), saved, labeledBefore);
          learning.afterLabels(project, saved, labelsOfAssets); // inference marks; queues a training at the threshold
          quality.afterLabels(project, saved, labelsOfAssets, written); // consensus/honeypot marks; consensus assets back to TODO
          events.labelsStored(project.id(), stored); // webhook outbox, committed with the labels
          return saved;
        });
  }

  /**
   * A labeler lists the labels they wrote; reviewers and admins every label. Others' answers would tell a labeler how a
   * consensus asset was answered, and REVIEW labels what a honeypot expects.
   */
  public Page<Label> list(Caller caller, String projectId, LabelType type, String assetId, String cursor, int limit) {
    Access.Granted granted = access.requireProject(caller, projectId, Role.LABELER);
    String author = granted.role().atLeast(Role.REVIEWER) ? null : caller.userId();
    return ports.labels().list(projectId, type, assetId, author, cursor, limit <= 0 ? 100 : Math.min(limit, 1000));
  }

  /** Records that the caller skipped the asset; it is not served to them again. */
  public Label skip(Caller caller, String projectId, String assetId) {
    LabelDraft draft = new LabelDraft(assetId, null, LabelType.DEFAULT, JsonNodeFactory.instance.objectNode(), null, null, true);
    return submit(caller, projectId, draft);
  }

  /** {@code labeledBefore}: gets the asset's id if it had labels before this one. */
  private WebhookEvents.StoredLabel write(Caller caller, Project project, LabelDraft draft, Set<String> labeledBefore) {
    AssetRepository.LabelTarget target = ports.assets().findToLabel(project.id(), draft.assetId(), draft.assetExternalId())
        .orElseThrow(() -> draft.assetId() != null && !draft.assetId().isBlank()
            ? LabelloopException.notFound("Asset " + draft.assetId() + " in this project")
            : LabelloopException.notFound("Asset with externalId '" + draft.assetExternalId() + "' in this project"));
    Asset asset = target.asset();
    if (target.labeled()) {
      labeledBefore.add(asset.id());
    }
    if (target.importing()) { // a label on it would go if the import fails: never acknowledge that
      throw LabelloopException.conflict("Asset '" + asset.externalId() + "' belongs to an import still running; label it once the import has finished");
    }
    if (!draft.skipped()) {
      ResponseValidator.validate(project.jsonInterface(), draft.jsonResponse(), asset.content(), draft.labelType().isHuman());
    }
    Label label = ports.labels().insert(project.id(), asset.id(), caller.userId(), draft, clock.instant());
    AssetStatus status = null;
    if (draft.labelType().isHuman()) {
      if (draft.skipped()) {
        ports.assets().release(asset.id(), caller.userId());
      } else { // never ONGOING, so this also drops the lock
        status = draft.labelType() == LabelType.REVIEW ? AssetStatus.REVIEWED : nextStatus(asset.status());
        ports.assets().setStatus(asset.id(), status);
      }
    }
    return new WebhookEvents.StoredLabel(label, asset, status);
  }

  /**
   * Every label of the answered assets, for both triggers: read once for those labeled before this submit; the others
   * (an asset's first label, the common case) have only this submit's labels, in creation order.
   */
  private Map<String, List<Label>> labelsOf(List<String> answered, List<Label> saved, Set<String> labeledBefore) {
    List<String> read = answered.stream().filter(labeledBefore::contains).toList();
    Map<String, List<Label>> labels = new HashMap<>(read.isEmpty() ? Map.of() : ports.labels().forAssets(read));
    for (String assetId : answered) {
      if (!labeledBefore.contains(assetId)) {
        labels.put(assetId, saved.stream().filter(l -> l.assetId().equals(assetId)).toList());
      }
    }
    return labels;
  }

  private static List<String> answeredAssets(List<Label> saved) {
    return saved.stream().filter(l -> !l.skipped()).map(Label::assetId).distinct().toList();
  }

  private static AssetStatus nextStatus(AssetStatus current) {
    return current == AssetStatus.TO_REVIEW || current == AssetStatus.REVIEWED ? current : AssetStatus.LABELED;
  }

  private static void requireRoleFor(LabelType type, Role role) {
    Role needed = switch (type) {
      case DEFAULT -> Role.LABELER;
      case REVIEW -> Role.REVIEWER;
      case PREDICTION, INFERENCE -> Role.ADMIN;
    };
    if (!role.atLeast(needed)) {
      throw LabelloopException.forbidden(type + " labels need the " + needed + " role; you are " + role);
    }
  }
}
