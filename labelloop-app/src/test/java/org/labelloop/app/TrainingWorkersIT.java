package org.labelloop.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.labelloop.app.testing.Api;
import org.labelloop.store.testing.EmbeddedPostgresServer;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.label.LabelDraft;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.learning.TrainingJob;
import org.labelloop.core.learning.TrainingWorker;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.Project;
import org.labelloop.core.project.ProjectDraft;
import org.labelloop.store.Database;

/**
 * The training queue below HTTP: several workers (as several servers would) on one database, and recovery of a job
 * left RUNNING by a crashed worker. Workers here are driven by hand ({@link TrainingWorker#runOnce()}).
 */
class TrainingWorkersIT {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  static String sqliteUrl() throws java.io.IOException {
    return "jdbc:sqlite:" + Files.createTempDirectory("labelloop-workers-it-").resolve("labelloop.db");
  }

  /** A project with 40 assets, 12 of them labeled, learning at a 1 s budget. */
  static Project project(Ports ports) {
    Project p = ports.projects().create(new ProjectDraft("w", "", InputType.TEXT, JsonInterface.parse(Api.textInterface("SPORT", "TECH"))), NOW);
    ports.learning().saveSettings(p.id(), Api.object().put("timeBudgetSeconds", 1), NOW);
    List<String> texts = LearningLoopContract.texts(40, 7);
    List<AssetDraft> drafts = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) drafts.add(new AssetDraft("e" + i, texts.get(i), null, 0, false, null));
    ports.assets().insert(p.id(), drafts, NOW);
    for (int i = 0; i < 12; i++) {
      String asset = ports.assets().findByExternalId(p.id(), "e" + i).orElseThrow().id();
      JsonNode answer = LearningLoopContract.answer(i % 2 == 0 ? "SPORT" : "TECH");
      ports.labels().insert(p.id(), asset, null, new LabelDraft(asset, null, LabelType.DEFAULT, answer, null, null, false), NOW);
    }
    return p;
  }

  @Test
  void twoWorkersOnOnePostgresqlDatabaseNeverTrainTheSameJobTwice() throws Exception {
    String url = EmbeddedPostgresServer.get().newDatabaseUrl();
    try (Database a = Database.open(url); Database b = Database.open(url)) {
      Ports pa = a.ports();
      Ports pb = b.ports();
      List<String> jobs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Project p = project(pa);
        jobs.add(pa.learning().enqueue(p.id(), "test", 12, NOW).id());
      }
      ConcurrentHashMap<String, Integer> runs = new ConcurrentHashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(2);
      List<Future<?>> done = new ArrayList<>();
      for (Ports ports : List.of(pa, pb)) {
        TrainingWorker w = new TrainingWorker(ports, Clock.systemUTC(), "w-" + System.identityHashCode(ports));
        done.add(pool.submit(() -> {
          while (w.runOnce()) runs.merge(w.workerId(), 1, Integer::sum);
          return null;
        }));
      }
      for (Future<?> f : done) f.get();
      pool.shutdown();
      assertEquals(4, runs.values().stream().mapToInt(Integer::intValue).sum(), "four jobs, four runs: " + runs);
      for (String id : jobs) {
        TrainingJob job = pa.learning().job(id).orElseThrow();
        assertEquals(TrainingJob.Status.DONE, job.status(), String.valueOf(job.message()));
        assertEquals(1, job.attempts());
        assertEquals(1, pa.learning().versions(job.projectId()).size());
      }
    }
  }

  @Test
  void aJobLeftRunningByACrashedWorkerIsRequeuedAndTrainedOnSqlite() throws Exception {
    requeuesCrashedJob(sqliteUrl());
  }

  @Test
  void aJobLeftRunningByACrashedWorkerIsRequeuedAndTrainedOnPostgresql() {
    requeuesCrashedJob(EmbeddedPostgresServer.get().newDatabaseUrl());
  }

  private static void requeuesCrashedJob(String url) {
    try (Database db = Database.open(url)) {
      Ports ports = db.ports();
      Project p = project(ports);
      String id = ports.learning().enqueue(p.id(), "test", 12, NOW).id();
      Instant crashTime = Instant.now().minus(Duration.ofMinutes(5));
      assertEquals(id, ports.tx().inTransaction(() -> ports.learning().claim("crashed", crashTime)).orElseThrow().id());
      TrainingWorker fresh = new TrainingWorker(ports, Clock.systemUTC(), "fresh", Duration.ofMillis(100), Duration.ofSeconds(60), null);
      assertFalse(fresh.runOnce(), "the project's job is RUNNING elsewhere: nothing to claim");
      assertEquals(1, fresh.requeueStale());
      assertTrue(fresh.runOnce());
      TrainingJob job = ports.learning().job(id).orElseThrow();
      assertEquals(TrainingJob.Status.DONE, job.status(), String.valueOf(job.message()));
      assertEquals(2, job.attempts());
      assertEquals("fresh", job.workerId());
      assertEquals(28, ports.learning().predictions(p.id(), "v1").size());
    }
  }

  @Test
  void triggersDuringARunningTrainingCoalesceIntoOneFollowUp() throws Exception {
    try (Database db = Database.open(sqliteUrl())) {
      Ports ports = db.ports();
      Project p = project(ports);
      String first = ports.learning().enqueue(p.id(), "labels", 10, NOW).id();
      ports.tx().inTransaction(() -> ports.learning().claim("w", NOW));
      String second = ports.learning().enqueue(p.id(), "labels", 20, NOW).id();
      String third = ports.learning().enqueue(p.id(), "labels", 30, NOW).id();
      assertEquals(second, third);
      assertFalse(first.equals(second));
      assertEquals(30, ports.learning().job(second).orElseThrow().labelsAtTrigger());
      assertEquals(2, ports.learning().jobs(p.id(), 10).size());
    }
  }
}
