package org.labelloop.core.io;

import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;

/** The first NER job and the first classification job of a TEXT project, for formats that hold texts with both. */
record TextJobs(Job ner, Job classes) {
  /** Refuses an image or audio project, and one with neither job, naming {@code format}. */
  static TextJobs of(Project project, String format) {
    if (ImportRecords.media(project)) {
      throw LabelloopException.invalid("format " + format + ": " + format + " files hold texts; this project's assets are " + project.inputType());
    }
    TextJobs jobs = new TextJobs(project.jsonInterface().firstJob(MlTask.NAMED_ENTITIES_RECOGNITION).orElse(null),
        project.jsonInterface().firstJob(MlTask.CLASSIFICATION).orElse(null));
    if (jobs.ner == null && jobs.classes == null) {
      throw LabelloopException.invalid("format " + format + ": needs a NAMED_ENTITIES_RECOGNITION or CLASSIFICATION job");
    }
    return jobs;
  }
}
