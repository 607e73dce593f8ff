package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.labelloop.store.Fixtures.NOW;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.Project;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;

/**
 * How many SQL statements one labeling round trip costs the server, on the path every labeler repeats: the figure
 * behind server CPU per label (BENCHMARKS.md "Labels per core"). A change that adds a statement to it shows here.
 * queue/next's three: the claim candidate (an asset the labeler still holds first), the claim, the asset's labels (for
 * its prediction). The submit's five, learning on: find the asset (with whether an import is writing it and whether it
 * has labels: its first label needs no read of them), insert the label, set the status, the latest training job (the
 * retrain trigger, which counts the project's human labels only once a time to live or at its threshold), webhook
 * subscriptions. Open send-backs are looked for only for a labeler who has one (a cached set).
 */
class LabelStatementsIT extends OnBothDatabases {
  @Test
  void aQueueNextRunsThreeStatementsAndAnAssetsFirstLabelFive() {
    Project p = Fixtures.project(db);
    Caller labeler = new Caller(Fixtures.user(db));
    db.members().put(p.id(), labeler.userId(), Role.LABELER);
    db.assets().insert(p.id(), Fixtures.drafts("a", 4), NOW);
    round(labeler, p); // fills the caches of access, settings and webhooks as a labeler's first label does

    List<String> next = counted(() -> app.queue().next(labeler, p.id()));
    String assetId = app.queue().next(labeler, p.id()).orElseThrow().asset().id();
    List<String> submit = counted(() -> app.labels().submit(labeler, p.id(), Fixtures.label(assetId, LabelType.DEFAULT, "SPORT")));

    assertEquals(3, next.size(), "queue/next ran " + next);
    assertEquals(5, submit.size(), "a label submit ran " + submit);
  }

  private void round(Caller labeler, Project p) {
    String id = app.queue().next(labeler, p.id()).orElseThrow().asset().id();
    app.labels().submit(labeler, p.id(), Fixtures.label(id, LabelType.DEFAULT, "SPORT"));
  }

  /**
   * The statements {@code work} ran on this thread (background workers run theirs on their own), through Jdbi or on
   * plain JDBC.
   */
  private static List<String> counted(Runnable work) {
    Thread self = Thread.currentThread();
    List<String> statements = new ArrayList<>();
    db.tx().plain().observe(sql -> {
      if (Thread.currentThread() == self) {
        statements.add(sql.strip().lines().findFirst().orElse(""));
      }
    });
    db.jdbi().setSqlLogger(new SqlLogger() {
      @Override
      public void logAfterExecution(StatementContext context) {
        if (Thread.currentThread() == self) {
          statements.add(context.getRawSql().strip().lines().findFirst().orElse(""));
        }
      }

      @Override
      public void logException(StatementContext context, SQLException ex) {
        logAfterExecution(context);
      }
    });
    db.tx().closeWriterHandle(); // the writer's handle copied the Jdbi configuration before the logger was set
    try {
      work.run();
    } finally {
      db.jdbi().setSqlLogger(SqlLogger.NOP_SQL_LOGGER);
      db.tx().closeWriterHandle();
      db.tx().plain().observe(sql -> {});
    }
    return statements;
  }
}
