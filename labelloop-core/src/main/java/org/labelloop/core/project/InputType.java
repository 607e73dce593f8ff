package org.labelloop.core.project;

import java.util.EnumSet;
import java.util.Set;
import org.labelloop.core.error.LabelloopException;

/** What an asset's content is, and the kinds of job that can answer it. */
public enum InputType {
  TEXT(EnumSet.of(MlTask.CLASSIFICATION, MlTask.NAMED_ENTITIES_RECOGNITION)),
  IMAGE(EnumSet.of(MlTask.CLASSIFICATION, MlTask.OBJECT_DETECTION)),
  AUDIO(EnumSet.of(MlTask.CLASSIFICATION)),
  TABULAR(EnumSet.of(MlTask.CLASSIFICATION));

  private final Set<MlTask> tasks;

  InputType(Set<MlTask> tasks) {
    this.tasks = tasks;
  }

  /** Refuses an interface with a job no asset of this type can be answered by (boxes on a text, spans on a photo). */
  public void check(JsonInterface jsonInterface) {
    for (Job job : jsonInterface.jobs().values()) {
      if (!tasks.contains(job.mlTask())) {
        throw LabelloopException.invalid("jsonInterface: job " + job.id() + " is " + job.mlTask() + ", which " + this
            + " projects do not have (their jobs: " + tasks.stream().map(Enum::name).sorted().toList() + ")");
      }
    }
  }
}
