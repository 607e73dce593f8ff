package org.labelloop.core.project;

import org.labelloop.core.user.Role;

/** A project as a caller sees it: with its counts and the caller's role. */
public record ProjectSummary(Project project, ProjectStats stats, Role role) {}
