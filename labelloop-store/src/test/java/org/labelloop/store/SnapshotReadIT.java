package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.labelloop.store.Fixtures.NOW;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.project.Project;

class SnapshotReadIT extends OnBothDatabases {
  @Test
  void aWriteCommitsWhileAnExportPageIsBeingRead() throws Exception {
    Project p = Fixtures.project(db);
    db.assets().insert(p.id(), List.of(Fixtures.draft("a"), Fixtures.draft("b")), NOW);
    List<String> read = new ArrayList<>();
    db.assets().forEachStored(new AssetQuery(p.id(), null, null, null, null, 0), asset -> {
      if (read.isEmpty()) { // inside the page's transaction: another thread's write must not wait for it to end
        CompletableFuture.runAsync(() -> db.assets().insert(p.id(), List.of(Fixtures.draft("late")), NOW))
            .orTimeout(10, TimeUnit.SECONDS).join();
      }
      read.add(new String(asset.externalId(), java.nio.charset.StandardCharsets.UTF_8));
    });
    assertEquals(List.of("a", "b"), read, "the page reads what was there when it began");
    assertEquals(3, db.assets().list(new AssetQuery(p.id(), null, null, null, null, 10)).items().size());
  }
}
