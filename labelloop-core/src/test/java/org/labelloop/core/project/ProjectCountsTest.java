package org.labelloop.core.project;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.labelloop.core.MutableClock;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.port.Page;
import org.labelloop.core.port.ProjectRepository;

class ProjectCountsTest {
  private final MutableClock clock = new MutableClock();
  private final CountingProjects projects = new CountingProjects();
  private final ProjectCounts counts = new ProjectCounts(projects, clock);

  @Test
  void aSmallProjectIsCountedAfreshEveryTime() {
    projects.takes = Duration.ofMillis(5);
    assertEquals(1, counts.of("1").assetCount());
    assertEquals(2, counts.of("1").assetCount());
    assertEquals(2, projects.readings);
  }

  @Test
  void aSlowReadingIsReusedForTwentyTimesAsLongAsItTook() {
    projects.takes = Duration.ofMillis(200); // reused for 4 s from its start
    assertEquals(1, counts.of("1").assetCount());
    clock.now = clock.now.plusMillis(3_500);
    assertEquals(1, counts.of("1").assetCount());
    assertEquals(1, projects.readings);
    clock.now = clock.now.plusMillis(400);
    assertEquals(2, counts.of("1").assetCount());
    assertEquals(1, counts.of("2").assetCount(), "each project has its own reading");
  }

  @Test
  void noReadingIsReusedForMoreThanAMinute() {
    projects.takes = Duration.ofSeconds(10);
    counts.of("1");
    clock.now = clock.now.plusSeconds(51); // 61 s after the reading began
    counts.of("1");
    assertEquals(2, projects.readings);
  }

  @Test
  void anImportOrAStatusChangeEndsTheReuse() {
    projects.takes = Duration.ofMillis(200);
    counts.of("1");
    counts.forget("1");
    assertEquals(2, counts.of("1").assetCount());
  }

  @Test
  void requestsWhileTheProjectIsCountedShareThatCount() throws Exception {
    projects.gate = new CountDownLatch(1);
    var first = CompletableFuture.supplyAsync(() -> counts.of("1"));
    projects.entered.await();
    var second = new CompletableFuture<ProjectStats>();
    Thread asker = Thread.ofPlatform().start(() -> second.complete(counts.of("1")));
    while (asker.getState() != Thread.State.WAITING) { // waiting for the first's count (or, wrongly, at the gate)
      Thread.sleep(1);
    }
    projects.gate.countDown();
    assertEquals(1, first.get().assetCount());
    assertEquals(1, second.get().assetCount());
    assertEquals(1, projects.readings);
  }

  /** Counts one more asset at each reading, which moves the clock on by {@link #takes}. */
  private final class CountingProjects implements ProjectRepository {
    Duration takes = Duration.ZERO;
    int readings;
    CountDownLatch gate = new CountDownLatch(0);
    final CountDownLatch entered = new CountDownLatch(1);
    private final Map<String, Integer> perProject = new java.util.HashMap<>();

    @Override
    public ProjectStats stats(String projectId) {
      readings++;
      entered.countDown();
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      clock.now = clock.now.plus(takes);
      int n = perProject.merge(projectId, 1, Integer::sum);
      return new ProjectStats(n, Map.of(AssetStatus.TODO, (long) n), Map.of());
    }

    @Override
    public Project create(ProjectDraft draft, Instant now) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Project> find(String projectId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Page<Project> list(String memberUserId, String cursor, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Project update(Project project, Instant now) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String projectId) {
      throw new UnsupportedOperationException();
    }
  }
}
