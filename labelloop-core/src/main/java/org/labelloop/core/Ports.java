package org.labelloop.core;

import java.util.Objects;
import org.labelloop.core.learning.EmbeddingRepository;
import org.labelloop.core.learning.LearningRepository;
import org.labelloop.core.port.ApiKeyRepository;
import org.labelloop.core.port.AssetRepository;
import org.labelloop.core.port.DatasetVersionRepository;
import org.labelloop.core.port.ImportRepository;
import org.labelloop.core.port.Invalidations;
import org.labelloop.core.port.LabelRepository;
import org.labelloop.core.port.LoginFailureRepository;
import org.labelloop.core.port.MemberRepository;
import org.labelloop.core.port.ProjectRepository;
import org.labelloop.core.port.SessionRepository;
import org.labelloop.core.port.TableSchemaRepository;
import org.labelloop.core.port.Transactor;
import org.labelloop.core.port.UserRepository;
import org.labelloop.core.modelserver.ModelServerRepository;
import org.labelloop.core.quality.QualityRepository;
import org.labelloop.core.webhook.WebhookRepository;

/** Everything the use cases need from storage. */
public record Ports(
    Transactor tx,
    ProjectRepository projects,
    AssetRepository assets,
    LabelRepository labels,
    UserRepository users,
    ApiKeyRepository apiKeys,
    MemberRepository members,
    SessionRepository sessions,
    DatasetVersionRepository versions,
    LearningRepository learning,
    QualityRepository quality,
    EmbeddingRepository embeddings,
    ImportRepository imports,
    WebhookRepository webhooks,
    ModelServerRepository modelServers,
    TableSchemaRepository tableSchemas,
    Invalidations invalidations,
    LoginFailureRepository loginFailures) {
  public Ports {
    Objects.requireNonNull(tx);
    Objects.requireNonNull(projects);
    Objects.requireNonNull(assets);
    Objects.requireNonNull(labels);
    Objects.requireNonNull(users);
    Objects.requireNonNull(apiKeys);
    Objects.requireNonNull(members);
    Objects.requireNonNull(sessions);
    Objects.requireNonNull(versions);
    Objects.requireNonNull(learning);
    Objects.requireNonNull(quality);
    Objects.requireNonNull(embeddings);
    Objects.requireNonNull(imports);
    Objects.requireNonNull(webhooks);
    Objects.requireNonNull(modelServers);
    Objects.requireNonNull(tableSchemas);
    Objects.requireNonNull(invalidations);
    Objects.requireNonNull(loginFailures);
  }
}
