package org.labelloop.core.learning;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.labelloop.core.project.Job;

/** What learns in a project: its learned job and that job's task, or, when nothing does, why ({@code reason}). */
public record Learner(Job job, LearningTask task, String reason) {
  public Learner {
    if ((job == null) != (task == null) || (job == null) == (reason == null)) {
      throw new IllegalArgumentException("a learner has a job and a task, or a reason for none");
    }
  }

  static Learner of(Job job, LearningTask task) {
    return new Learner(job, task, null);
  }

  static Learner none(String reason) {
    return new Learner(null, null, reason);
  }

  public boolean learns() {
    return job != null;
  }

  /** {@code {"jobId": "JOB_0", "task": "text-classification"}} or {@code {"jobId": null, "task": null, "reason": "..."}}. */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    if (learns()) return o.put("jobId", job.id()).put("task", task.wireName());
    o.putNull("jobId").putNull("task");
    return o.put("reason", reason);
  }
}
