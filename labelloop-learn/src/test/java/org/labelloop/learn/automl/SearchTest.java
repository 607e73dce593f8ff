package org.labelloop.learn.automl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SearchTest {
  /** An arm with fixed fold scores and a fixed cost in ticks of a manual clock. */
  private record Fixed(String name, double complexity, double[] scores, long millis, AtomicLong now)
      implements Search.Arm {
    @Override public double evaluate(int fold, long deadlineMillis) {
      now.addAndGet(millis);
      return scores[fold];
    }
  }

  private static Clock clock(AtomicLong now) {
    return new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return Instant.ofEpochMilli(now.get()); }
    };
  }

  @Test
  void prefersTheSimplestArmWithinOneStandardErrorOfTheBest() {
    AtomicLong now = new AtomicLong();
    // best mean 0.91, standard error sqrt(0.001 / 4 / 5) = 0.0071: 0.905 is within it, 0.90 is not
    Fixed best = new Fixed("best", 100, new double[] {0.93, 0.89, 0.91, 0.92, 0.90}, 1, now);
    Fixed close = new Fixed("close", 10, new double[] {0.905, 0.905, 0.905, 0.905, 0.905}, 1, now);
    Fixed worse = new Fixed("worse", 5, new double[] {0.90, 0.90, 0.90, 0.90, 0.90}, 1, now);
    Search.Outcome o = new Search(5, 1, clock(now)).run(List.of(best, close, worse), Long.MAX_VALUE, Progress.NONE);
    assertEquals(0.0071, o.ranked().get(0).standardError(), 1e-4);
    assertEquals(List.of(close, best, worse), o.preferred().stream().map(Search.Trial::arm).toList());
    assertEquals(List.of(best, close, worse), o.ranked().stream().map(Search.Trial::arm).toList());
  }

  @Test
  void takesEnoughArmsToEveryFoldBeforeTrustingOneFold() {
    AtomicLong now = new AtomicLong();
    List<Fixed> arms = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      double s = 0.5 + i / 100.0;
      arms.add(new Fixed("a" + i, i, new double[] {s, s, s, s, s}, 10, now));
    }
    // time for the first two rungs only: 12 first folds, then MID_SIZE arms on two more folds
    long deadline = 10L * (12 + 2 * Search.MID_SIZE);
    Search.Outcome o = new Search(5, 1, clock(now)).run(arms, deadline, Progress.NONE);
    assertEquals(12, o.ranked().size());
    assertEquals(Search.MID_SIZE, o.ranked().stream().filter(t -> t.folds() == 3).count());
    assertTrue(o.ranked().stream().filter(t -> t.folds() == 3).allMatch(t -> t.meanScore() >= 0.5 + (12 - Search.MID_SIZE) / 100.0));
    assertTrue(o.complete().isEmpty(), "no arm saw every fold, and none claims to");
    assertEquals("a11", o.chosen().arm().name());
  }

  @Test
  void startsNoFoldExpectedToEndAfterTheDeadline() {
    AtomicLong now = new AtomicLong();
    Fixed cheap = new Fixed("cheap", 0, new double[] {0.8, 0.8, 0.8}, 10, now);
    Fixed slow = new Fixed("slow", 0, new double[] {0.9, 0.9, 0.9}, 1000, now);
    Search.Outcome o = new Search(3, 1, clock(now)).run(List.of(cheap, slow), 1500, Progress.NONE);
    assertTrue(now.get() <= 1500 + 10, "ran to " + now.get());
    assertEquals(1, o.ranked().stream().filter(t -> t.arm() == slow).findFirst().orElseThrow().folds());
    assertEquals(cheap, o.chosen().arm());
  }

  @Test
  void anArmThatCannotFinishAFoldDoesNotCountIt() {
    AtomicLong now = new AtomicLong();
    Fixed ok = new Fixed("ok", 0, new double[] {0.7, 0.7}, 1, now);
    Fixed cut = new Fixed("cut", 0, new double[] {Double.NaN, Double.NaN}, 1, now);
    Search.Outcome o = new Search(2, 1, clock(now)).run(List.of(cut, ok), Long.MAX_VALUE, Progress.NONE);
    assertEquals(List.of(ok), o.ranked().stream().map(Search.Trial::arm).toList());
  }
}
