package org.labelloop.core.modelserver;

import java.io.IOException;
import java.time.Clock;
import org.labelloop.core.Ports;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.outbound.Targets;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;

/**
 * Connects a project to an external model server (Label Studio ML-backend protocol) and asks it for predictions:
 * when connected, after every import, after it was asked to train, and on demand. Predictions are fetched in the
 * background ({@link ModelServerWorker}), so a slow or dead server never holds up labeling; its state is visible.
 */
public final class ModelServerService {
  private final Ports ports;
  private final Access access;
  private final Clock clock;
  private final ModelServerClient client;

  public ModelServerService(Ports ports, Access access, Clock clock, ModelServerTransport transport) {
    this.ports = ports;
    this.access = access;
    this.clock = clock;
    this.client = new ModelServerClient(transport);
  }

  /** Saves the server, checks it (/health, /setup) and asks for predictions of every unlabeled asset. */
  public ModelServer connect(Caller caller, String projectId, String url, boolean allowPrivate) {
    Project p = access.requireProject(caller, projectId, Role.ADMIN).project();
    if (allowPrivate && !caller.admin()) {
      throw LabelloopException.forbidden("allowPrivate: only a server administrator may point a model server at a private or loopback address");
    }
    if (p.inputType() == InputType.IMAGE || p.inputType() == InputType.AUDIO) {
      throw LabelloopException.invalid("model servers are asked about text projects only: a model server cannot fetch this project's files");
    }
    Targets.requirePublic(Targets.parse(url), allowPrivate);
    ports.tx().inTransaction(() -> ports.modelServers().save(projectId, url.strip(), allowPrivate, clock.instant()));
    check(p, url.strip(), allowPrivate);
    ports.tx().inTransaction(() -> ports.modelServers().requestPredictions(projectId, clock.instant()));
    return found(projectId);
  }

  public ModelServer get(Caller caller, String projectId) {
    access.require(caller, projectId, Role.LABELER);
    return found(projectId);
  }

  public void disconnect(Caller caller, String projectId) {
    access.require(caller, projectId, Role.ADMIN);
    if (!ports.tx().inTransaction(() -> ports.modelServers().delete(projectId))) {
      throw LabelloopException.notFound("A model server of project " + projectId);
    }
  }

  /** Asks for predictions of every unlabeled asset now (they arrive in the background). */
  public ModelServer predict(Caller caller, String projectId) {
    access.require(caller, projectId, Role.ADMIN);
    found(projectId);
    ports.tx().inTransaction(() -> ports.modelServers().requestPredictions(projectId, clock.instant()));
    return found(projectId);
  }

  /** Asks the server to train, then for new predictions; a failure is recorded in the state, not thrown. */
  public ModelServer train(Caller caller, String projectId) {
    Project p = access.requireProject(caller, projectId, Role.ADMIN).project();
    ModelServer s = found(projectId);
    try {
      client.train(s.url(), s.allowPrivate(), p);
      check(p, s.url(), s.allowPrivate());
      ports.tx().inTransaction(() -> ports.modelServers().requestPredictions(projectId, clock.instant()));
    } catch (IOException | LabelloopException e) {
      ports.modelServers().checked(projectId, ModelServer.Status.ERROR, s.modelVersion(), "train: " + e.getMessage(), clock.instant());
    }
    return found(projectId);
  }

  private void check(Project p, String url, boolean allowPrivate) {
    try {
      client.health(url, allowPrivate);
      String version = client.setup(url, allowPrivate, p);
      ports.modelServers().checked(p.id(), ModelServer.Status.READY, version, null, clock.instant());
    } catch (IOException | LabelloopException e) {
      ports.modelServers().checked(p.id(), ModelServer.Status.ERROR, null, e.getMessage(), clock.instant());
    }
  }

  private ModelServer found(String projectId) {
    return ports.modelServers().find(projectId).orElseThrow(() -> LabelloopException.notFound("A model server of project " + projectId));
  }
}
