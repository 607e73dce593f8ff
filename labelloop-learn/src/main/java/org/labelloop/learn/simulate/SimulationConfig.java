package org.labelloop.learn.simulate;

import java.util.List;

/**
 * Settings of an active-learning replay: strategies, seed, labels to start with, labels per round, total labels,
 * repeats (each with its own initial set; all strategies share it).
 */
public record SimulationConfig(List<String> strategies, long seed, int initial, int batch, int budget, int repeats) {
  public SimulationConfig {
    strategies = List.copyOf(strategies);
    if (strategies.isEmpty()) throw new IllegalArgumentException("no strategy");
    if (initial < 1 || batch < 1 || repeats < 1) throw new IllegalArgumentException("initial, batch and repeats must be >= 1");
    if (budget < initial) throw new IllegalArgumentException("budget must be >= initial");
  }
}
