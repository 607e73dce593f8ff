package org.labelloop.core;

import java.time.Clock;
import org.labelloop.core.asset.AssetService;
import org.labelloop.core.asset.SimilarAssets;
import org.labelloop.core.asset.TableSchemaService;
import org.labelloop.core.io.ExportService;
import org.labelloop.core.label.LabelService;
import org.labelloop.core.labelstudio.LabelStudioBackend;
import org.labelloop.core.learning.LearningService;
import org.labelloop.core.modelserver.ModelServerService;
import org.labelloop.core.modelserver.ModelServerTransport;
import org.labelloop.core.project.MemberService;
import org.labelloop.core.project.ProjectCounts;
import org.labelloop.core.project.ProjectService;
import org.labelloop.core.quality.QualityService;
import org.labelloop.core.quality.SuspectService;
import org.labelloop.core.queue.QueueService;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.UserService;
import org.labelloop.core.version.DatasetVersionService;
import org.labelloop.core.webhook.WebhookService;

/** The use cases of Labelloop, wired over storage ports. */
public record Labelloop(
    ProjectService projects,
    MemberService members,
    UserService users,
    AssetService assets,
    SimilarAssets similar,
    LabelService labels,
    QueueService queue,
    ExportService exports,
    DatasetVersionService versions,
    LearningService learning,
    QualityService quality,
    SuspectService suspects,
    WebhookService webhooks,
    LabelStudioBackend labelStudio,
    ModelServerService modelServers,
    TableSchemaService tableSchemas) {

  public static Labelloop create(Ports ports, PasswordHasher hasher, Clock clock) {
    return create(ports, hasher, clock, org.labelloop.core.port.FileStore.NONE, org.labelloop.core.io.ImportLimits.DEFAULT, null);
  }

  /** The use cases, with a file store, the caps on imports and a directory for imports' temporary files (null: the system's). */
  public static Labelloop create(Ports ports, PasswordHasher hasher, Clock clock, org.labelloop.core.port.FileStore files,
      org.labelloop.core.io.ImportLimits limits, java.nio.file.Path spoolDir) {
    return create(ports, hasher, clock, files, limits, spoolDir, ModelServerTransport.UNAVAILABLE);
  }

  /** The same, with a way to call external model servers. */
  public static Labelloop create(Ports ports, PasswordHasher hasher, Clock clock, org.labelloop.core.port.FileStore files,
      org.labelloop.core.io.ImportLimits limits, java.nio.file.Path spoolDir, ModelServerTransport modelServers) {
    Access access = new Access(ports.projects(), ports.members(), ports.invalidations(), clock);
    QualityService quality = new QualityService(ports, access, clock, new java.util.SplittableRandom());
    LearningService learning = new LearningService(ports, access, clock);
    LabelService labels = new LabelService(ports, access, clock, learning, quality);
    ProjectCounts counts = new ProjectCounts(ports.projects(), clock);
    AssetService assets = new AssetService(ports, access, clock, files, learning, limits, spoolDir, counts);
    return new Labelloop(
        new ProjectService(ports, access, clock, files, counts),
        new MemberService(ports, access),
        new UserService(ports, hasher, clock),
        assets,
        new SimilarAssets(ports, access),
        labels,
        new QueueService(ports, access, clock, labels, quality),
        new ExportService(ports, access, files),
        new DatasetVersionService(ports, access, clock),
        learning,
        quality,
        new SuspectService(ports, access),
        new WebhookService(ports, access, clock),
        new LabelStudioBackend(ports, access, assets, labels, learning),
        new ModelServerService(ports, access, clock, modelServers),
        new TableSchemaService(ports, access, clock, limits));
  }
}
