package org.labelloop.store;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.labelloop.core.Ports;
import org.labelloop.core.learning.LearningRepository;
import org.labelloop.core.port.ApiKeyRepository;
import org.labelloop.core.port.AssetRepository;
import org.labelloop.core.port.DatasetVersionRepository;
import org.labelloop.core.port.Invalidations;
import org.labelloop.core.port.LabelRepository;
import org.labelloop.core.port.MemberRepository;
import org.labelloop.core.port.ProjectRepository;
import org.labelloop.core.port.SessionRepository;
import org.labelloop.core.port.Transactor;
import org.labelloop.core.port.UserRepository;

/**
 * Labelloop's database: a connection pool, the schema brought up to date by Flyway, every repository and the
 * {@link Transactor} that groups their calls into one transaction.
 *
 * <p>{@code Database.open("jdbc:sqlite:labelloop-data/labelloop.db")} for the embedded default, or
 * {@code Database.open("jdbc:postgresql://host:5432/labelloop?user=u&password=p")} for teams. Open one per process and
 * close it on shutdown; all repositories are thread-safe.
 */
public final class Database implements AutoCloseable {
  private final Dialect dialect;
  private final HikariDataSource dataSource;
  private final Connections connections;
  private final Tx tx;
  private final AutoCloseable maintenance;
  private final ProjectRepository projects;
  private final AssetRepository assets;
  private final LabelRepository labels;
  private final UserRepository users;
  private final ApiKeyRepository apiKeys;
  private final SessionRepository sessions;
  private final MemberRepository members;
  private final DatasetVersionRepository versions;
  private final org.labelloop.core.learning.LearningRepository learning;
  private final SqlQualityRepository quality;
  private final SqlEmbeddingRepository embeddings;
  private final SqlImportRepository imports;
  private final SqlWebhookRepository webhooks;
  private final SqlModelServerRepository modelServers;
  private final SqlTableSchemaRepository tableSchemas;
  private final Invalidations invalidations;

  private Database(Dialect dialect, HikariDataSource dataSource, HikariDataSource writer, String jdbcUrl) {
    this.dialect = dialect;
    this.dataSource = dataSource;
    WriterLock writerLock = dialect.newWriterLock();
    this.connections = new Connections(dataSource, writer, writerLock);
    Jdbi jdbi = Jdbi.create(connections);
    jdbi.setTemplateEngine(TemplateEngine.NOP); // plain SQL: no <attribute> templating surprises
    dialect.configure(jdbi);
    this.tx = new Tx(jdbi, writerLock, writer != null);
    this.maintenance = dialect.startMaintenance(dataSource);
    this.projects = new SqlProjectRepository(tx);
    this.assets = new SqlAssetRepository(tx, dialect);
    this.labels = new SqlLabelRepository(tx);
    this.users = new SqlUserRepository(tx);
    this.apiKeys = new SqlApiKeyRepository(tx);
    this.sessions = new SqlSessionRepository(tx);
    this.members = new SqlMemberRepository(tx);
    this.versions = new SqlDatasetVersionRepository(tx);
    this.learning = new SqlLearningRepository(tx, dialect);
    this.quality = new SqlQualityRepository(tx);
    this.embeddings = new SqlEmbeddingRepository(tx);
    this.imports = new SqlImportRepository(tx);
    this.webhooks = new SqlWebhookRepository(tx, dialect);
    this.modelServers = new SqlModelServerRepository(tx);
    this.tableSchemas = new SqlTableSchemaRepository(tx);
    this.invalidations = dialect == Dialect.POSTGRESQL ? new PostgresInvalidations(jdbcUrl, tx) : Invalidations.LOCAL;
  }

  /** For tests that count the statements a use case runs (a Jdbi {@code SqlLogger}). */
  org.jdbi.v3.core.Jdbi jdbi() {
    return tx.jdbi();
  }

  Dialect dialect() {
    return dialect;
  }

  /**
   * Opens a pool on {@code jdbcUrl} ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://...}) and applies pending
   * migrations. For SQLite the file's directory is created if missing.
   */
  public static Database open(String jdbcUrl) {
    Dialect dialect = Dialect.of(jdbcUrl);
    HikariDataSource dataSource = new HikariDataSource(dialect.poolConfig(jdbcUrl));
    HikariDataSource writer = null;
    try {
      Flyway.configure()
          .dataSource(dataSource)
          .locations(dialect.migrations())
          .failOnMissingLocations(true)
          .load()
          .migrate();
      writer = dialect.writerPoolConfig(jdbcUrl).map(HikariDataSource::new).orElse(null);
      return new Database(dialect, dataSource, writer, jdbcUrl);
    } catch (RuntimeException e) {
      if (writer != null) {
        writer.close();
      }
      dataSource.close();
      throw e;
    }
  }

  public Transactor transactor() {
    return tx;
  }

  public ProjectRepository projects() {
    return projects;
  }

  public AssetRepository assets() {
    return assets;
  }

  public LabelRepository labels() {
    return labels;
  }

  public UserRepository users() {
    return users;
  }

  public ApiKeyRepository apiKeys() {
    return apiKeys;
  }

  public SessionRepository sessions() {
    return sessions;
  }

  public MemberRepository members() {
    return members;
  }

  public DatasetVersionRepository versions() {
    return versions;
  }

  /** Learning loop settings, training jobs, model versions and predictions (issue 4). */
  public LearningRepository learning() {
    return learning;
  }

  /** Quality settings, marks, honeypot scores and review comments (issue 7). */
  public org.labelloop.core.quality.QualityRepository quality() {
    return quality;
  }

  /** Imports being written, batch by batch (issue 17). */
  public org.labelloop.core.port.ImportRepository imports() {
    return imports;
  }

  /** Every repository, as the use cases take them. */
  public Ports ports() {
    return new Ports(
        tx, projects, assets, labels, users, apiKeys, members, sessions, versions, learning(), quality, embeddings, imports,
        webhooks, modelServers, tableSchemas, invalidations, new SqlLoginFailureRepository(tx));
  }

  /**
   * The moment before which a running import with no heartbeat was abandoned: on SQLite (one server per file) every
   * import found at start-up is; on PostgreSQL another server may be writing one, so only those silent for 5 minutes.
   */
  public java.time.Instant abandonedImportCutoff(java.time.Instant now) {
    return dialect == Dialect.SQLITE ? now.plusMillis(1) : now.minus(java.time.Duration.ofMinutes(5));
  }

  /**
   * A file store in the database itself, which every server on it reaches (PostgreSQL: large objects); empty for
   * SQLite, whose files stay on disk beside the database file.
   */
  public java.util.Optional<org.labelloop.core.port.FileStore> sharedFileStore(java.time.Clock clock) {
    return dialect == Dialect.POSTGRESQL
        ? java.util.Optional.of(new PostgresFileStore(dataSource, tx, clock))
        : java.util.Optional.empty();
  }

  /** "sqlite" or "postgresql". */
  public String dialectName() {
    return dialect.name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The readers' pool, for later stores in this module (jobs, models) and for tests; not for SQL outside this module. */
  DataSource dataSource() {
    return dataSource;
  }

  Tx tx() {
    return tx;
  }

  @Override
  public void close() {
    try {
      if (invalidations instanceof AutoCloseable listener) {
        listener.close();
      }
      maintenance.close();
      tx.closeWriterHandle();
    } catch (Exception e) {
      throw new IllegalStateException("Stopping database upkeep failed", e);
    } finally {
      connections.close();
    }
  }
}
