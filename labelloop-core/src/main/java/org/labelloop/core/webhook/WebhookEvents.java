package org.labelloop.core.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.io.ImportReport;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.learning.ModelVersion;

/**
 * Writes events to the webhook outbox, inside the transaction that causes them (the transactional-outbox pattern):
 * the event exists exactly when its cause was committed. Each event is an envelope {@code {id, event, projectId,
 * createdAt, data}} whose {@code id} is the idempotency id receivers see on every attempt.
 */
public final class WebhookEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Ports ports;
  private final Clock clock;

  public WebhookEvents(Ports ports, Clock clock) {
    this.ports = ports;
    this.clock = clock;
  }

  /** LABEL_CREATED for each label, REVIEW_DONE for each review, ASSET_STATUS_CHANGED where a label moved its asset. */
  public void labelsStored(String projectId, List<StoredLabel> stored) {
    Set<WebhookEvent> wanted = ports.webhooks().subscriptions(projectId);
    if (wanted.isEmpty()) return;
    List<WebhookRepository.OutboxEvent> events = new ArrayList<>();
    for (StoredLabel s : stored) {
      Label l = s.label();
      ObjectNode data = JSON.createObjectNode();
      data.put("labelId", l.id()).put("assetId", l.assetId()).put("externalId", s.asset().externalId())
          .put("labelType", l.labelType().name()).put("authorId", l.authorId()).put("modelVersion", l.modelVersion())
          .put("skipped", l.skipped());
      data.set("jsonResponse", l.jsonResponse());
      if (wanted.contains(WebhookEvent.LABEL_CREATED)) {
        events.add(event(projectId, WebhookEvent.LABEL_CREATED, data));
      }
      if (wanted.contains(WebhookEvent.REVIEW_DONE) && l.labelType() == LabelType.REVIEW && !l.skipped()) {
        events.add(event(projectId, WebhookEvent.REVIEW_DONE, data.deepCopy()));
      }
      if (wanted.contains(WebhookEvent.ASSET_STATUS_CHANGED) && s.newStatus() != null && s.newStatus() != s.asset().status()) {
        events.add(statusEvent(projectId, l.assetId(), s.asset().externalId(), s.asset().status(), s.newStatus()));
      }
    }
    ports.webhooks().enqueue(projectId, events, clock.instant());
  }

  /** A label as stored, with its asset before the label and the asset's status after it (null: unchanged). */
  public record StoredLabel(Label label, Asset asset, AssetStatus newStatus) {}

  /** ASSET_STATUS_CHANGED for the assets a bulk update is about to move to {@code status}; call it before the update. */
  public void statusesSet(String projectId, List<String> externalIds, AssetStatus status) {
    if (!ports.webhooks().subscriptions(projectId).contains(WebhookEvent.ASSET_STATUS_CHANGED)) return;
    List<WebhookRepository.OutboxEvent> events = new ArrayList<>();
    for (String externalId : externalIds) {
      ports.assets().findByExternalId(projectId, externalId).filter(a -> a.status() != status)
          .ifPresent(a -> events.add(statusEvent(projectId, a.id(), externalId, a.status(), status)));
    }
    ports.webhooks().enqueue(projectId, events, clock.instant());
  }

  public void importFinished(String projectId, ImportReport report) {
    if (!ports.webhooks().subscriptions(projectId).contains(WebhookEvent.IMPORT_FINISHED)) return;
    ObjectNode data = JSON.createObjectNode();
    data.put("imported", report.imported()).put("duplicates", report.duplicates()).put("updated", report.updated())
        .put("rejected", report.rejected());
    ports.webhooks().enqueue(projectId, List.of(event(projectId, WebhookEvent.IMPORT_FINISHED, data)), clock.instant());
  }

  public void modelTrained(ModelVersion model) {
    if (!ports.webhooks().subscriptions(model.projectId()).contains(WebhookEvent.MODEL_TRAINED)) return;
    ObjectNode data = JSON.createObjectNode();
    data.put("version", model.version()).put("modelVersion", model.modelVersion()).put("jobId", model.learnedJob())
        .put("labelsUsed", model.labelsUsed()).put("cvAccuracy", model.cvAccuracy()).put("cvMacroF1", model.cvMacroF1())
        .put("predictions", model.predictions());
    ports.webhooks().enqueue(model.projectId(), List.of(event(model.projectId(), WebhookEvent.MODEL_TRAINED, data)), clock.instant());
  }

  private WebhookRepository.OutboxEvent statusEvent(String projectId, String assetId, String externalId, AssetStatus from,
      AssetStatus to) {
    ObjectNode data = JSON.createObjectNode();
    data.put("assetId", assetId).put("externalId", externalId).put("from", from == null ? null : from.name()).put("to", to.name());
    return event(projectId, WebhookEvent.ASSET_STATUS_CHANGED, data);
  }

  private WebhookRepository.OutboxEvent event(String projectId, WebhookEvent type, ObjectNode data) {
    String id = UUID.randomUUID().toString();
    Instant now = clock.instant();
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("id", id).put("event", type.name()).put("projectId", projectId).put("createdAt", now.toString());
    envelope.set("data", data);
    try {
      return new WebhookRepository.OutboxEvent(id, type, JSON.writeValueAsString(envelope));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
