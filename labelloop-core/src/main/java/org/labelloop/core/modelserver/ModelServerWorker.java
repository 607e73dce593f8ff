package org.labelloop.core.modelserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.labelloop.core.Ports;
import org.labelloop.core.learning.Threads;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.LabelStudioResults;
import org.labelloop.core.learning.LearningRepository;
import org.labelloop.core.learning.LearningRepository.AssetText;
import org.labelloop.core.outbound.Backoff;
import org.labelloop.core.project.Project;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches due predictions from model servers in the background: claims a project, sends its unlabeled assets to
 * {@code /predict} in batches, and publishes the answers as PREDICTION labels tagged with the server's model version
 * (replacing older predictions, like a model trained here; the queue then serves the least confident first). A
 * failure is recorded and retried after 5 s, doubling up to 10 minutes.
 */
public final class ModelServerWorker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelServerWorker.class);
  private static final int BATCH = 32;
  private static final Duration CLAIM = Duration.ofMinutes(10);
  private static final Backoff BACKOFF = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(10));

  private final Ports ports;
  private final Clock clock;
  private final ModelServerClient client;
  private final Duration poll;
  private final String workerId = "model-servers-" + UUID.randomUUID();
  private volatile boolean running;
  private Thread loop;

  public ModelServerWorker(Ports ports, Clock clock, ModelServerTransport transport, Duration poll) {
    this.ports = ports;
    this.clock = clock;
    this.client = new ModelServerClient(transport);
    this.poll = poll;
  }

  public ModelServerWorker start() {
    running = true;
    loop = Thread.ofPlatform().daemon().name("model-server-worker").start(() -> {
      while (running) {
        try {
          if (!runOnce()) Thread.sleep(poll);
        } catch (InterruptedException e) {
          return;
        } catch (RuntimeException e) {
          LOG.warn("model server worker failed; retrying in {}", poll, e);
        }
      }
    });
    return this;
  }

  /** Serves one due project; false when none was due. */
  boolean runOnce() {
    Instant now = clock.instant();
    Optional<ModelServer> due = ports.modelServers().claimDue(workerId, now, now.plus(CLAIM));
    if (due.isEmpty()) return false;
    ModelServer s = due.get();
    Optional<Project> project = ports.projects().find(s.projectId());
    if (project.isEmpty()) return true; // deleted meanwhile: its row went with it
    try {
      int n = fetch(project.get(), s);
      LOG.info("Project {}: {} predictions from model server {}", s.projectId(), n, s.url());
    } catch (IOException | LabelloopException e) {
      Instant retry = clock.instant().plus(BACKOFF.after(s.failures() + 1));
      ports.modelServers().failed(s.projectId(), e.getMessage(), retry, clock.instant());
      LOG.info("Project {}: model server {} failed ({}); next try at {}", s.projectId(), s.url(), e.getMessage(), retry);
    }
    return true;
  }

  private int fetch(Project p, ModelServer s) throws IOException {
    LearningRepository learning = ports.learning();
    Set<String> labeled = new HashSet<>();
    learning.humanLabels(p.id()).forEach(l -> labeled.add(l.assetId()));
    List<AssetText> pool = learning.assets(p.id()).stream().filter(a -> !labeled.contains(a.id())).toList();
    List<LearningRepository.Prediction> predictions = new ArrayList<>(pool.size());
    String version = s.modelVersion();
    for (int start = 0; start < pool.size(); start += BATCH) {
      List<AssetText> batch = pool.subList(start, Math.min(start + BATCH, pool.size()));
      JsonNode results = client.predict(s.url(), s.allowPrivate(), p, batch);
      for (int i = 0; i < batch.size(); i++) {
        JsonNode r = results.get(i);
        Double score = r.hasNonNull("score") ? Double.valueOf(r.get("score").asDouble()) : null;
        ObjectNode answer = LabelStudioResults.toJsonResponse(p.jsonInterface(), r.path("result"), batch.get(i).content(), score);
        if (answer.isEmpty()) continue;
        Double confidence = score != null ? score : LabelStudioResults.score(answer);
        predictions.add(new LearningRepository.Prediction(batch.get(i).id(), answer, confidence == null ? 0.5 : 1 - confidence));
        if (r.hasNonNull("model_version")) version = r.get("model_version").asText();
      }
    }
    String tag = version == null || version.isBlank() ? "model-server" : version;
    Instant now = clock.instant();
    ports.tx().inTransaction(() -> {
      learning.publish(p.id(), tag, predictions, now);
      ports.modelServers().predicted(p.id(), predictions.size(), tag, s.predictRequestedAt(), now);
    });
    return predictions.size();
  }

  @Override
  public void close() {
    running = false;
    Threads.stop(loop);
  }
}
