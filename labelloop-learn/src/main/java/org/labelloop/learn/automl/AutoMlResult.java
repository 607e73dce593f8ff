package org.labelloop.learn.automl;

import java.util.List;
import org.labelloop.learn.model.TextModel;

/**
 * What a search returns: the leaderboard (best first) and the final model refit on all data.
 *
 * @param best the leaderboard entry of the returned model (an ensemble has its own entry)
 */
public record AutoMlResult(List<LeaderboardEntry> leaderboard, LeaderboardEntry best, TextModel model) {
  public AutoMlResult {
    leaderboard = List.copyOf(leaderboard);
  }
}
