package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.labelloop.core.MutableClock;

class HumanLabelTallyTest {
  private final MutableClock clock = new MutableClock();
  private final HumanLabelTally tally = new HumanLabelTally(clock);
  private final AtomicInteger counts = new AtomicInteger();
  private long stored = 100;

  private final LongSupplier count = () -> {
    counts.incrementAndGet();
    return stored;
  };

  @Test
  void countsOnceAndThenAddsTheLabelsThisServerStores() {
    assertEquals(100, tally.estimate("p", 1, count));
    stored += 2; // two more labels, each estimated without a count
    assertEquals(101, tally.estimate("p", 1, count));
    assertEquals(102, tally.estimate("p", 1, count));
    assertEquals(1, counts.get());
  }

  @Test
  void countsAgainOnceTheLastCountIsOlderThanTheCachesTimeToLive() {
    tally.estimate("p", 1, count);
    stored = 150; // labels another server stored, unseen until the next count
    clock.now = clock.now.plusSeconds(4);
    assertEquals(101, tally.estimate("p", 1, count));
    clock.now = clock.now.plusSeconds(1);
    assertEquals(150, tally.estimate("p", 1, count));
    assertEquals(2, counts.get());
  }

  @Test
  void anExactCountRestartsTheEstimate() {
    tally.estimate("p", 1, count);
    tally.estimate("p", 5, count);
    stored = 103; // two of those five were rolled back
    assertEquals(103, tally.exact("p", count));
    assertEquals(104, tally.estimate("p", 1, count));
  }

  @Test
  void keepsEachProjectApart() {
    tally.estimate("p", 1, count);
    stored = 7;
    assertEquals(7, tally.estimate("q", 1, count));
    assertEquals(101, tally.estimate("p", 1, count));
  }
}
