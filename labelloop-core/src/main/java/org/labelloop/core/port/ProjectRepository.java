package org.labelloop.core.port;

import java.time.Instant;
import java.util.Optional;
import org.labelloop.core.project.Project;
import org.labelloop.core.project.ProjectDraft;
import org.labelloop.core.project.ProjectStats;

/** Stores projects. */
public interface ProjectRepository {
  Project create(ProjectDraft draft, Instant now);

  Optional<Project> find(String projectId);

  /** Projects in id order; {@code memberUserId} null lists all, otherwise only projects that user is a member of. */
  Page<Project> list(String memberUserId, String cursor, int limit);

  /** Saves title, description, input type and interface; returns the stored project. */
  Project update(Project project, Instant now);

  /** Deletes the project with its assets, labels and members. */
  void delete(String projectId);

  ProjectStats stats(String projectId);
}
