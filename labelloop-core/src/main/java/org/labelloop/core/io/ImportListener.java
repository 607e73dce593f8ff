package org.labelloop.core.io;

import org.labelloop.core.project.Project;

/**
 * What follows a finished import (retraining, webhook events): called inside the transaction that makes the import
 * final, so it happens exactly when the import's rows are kept, and never for an import that is refused or undone.
 */
@FunctionalInterface
public interface ImportListener {
  ImportListener NONE = (project, report) -> {};

  void finished(Project project, ImportReport report);
}
