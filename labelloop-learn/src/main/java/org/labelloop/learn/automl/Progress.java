package org.labelloop.learn.automl;

/** Receives progress of long operations (the CLI draws a bar). Called from worker threads. */
@FunctionalInterface
public interface Progress {
  Progress NONE = (done, total, what) -> { };

  void update(int done, int total, String what);
}
