package org.labelloop.core.user;

import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.port.MemberRepository;
import org.labelloop.core.port.ProjectRepository;
import org.labelloop.core.project.Project;

/**
 * Decides who may do what in a project. A project the caller is not a member of is reported as not found, so its
 * existence never leaks; a member whose role is too low gets a forbidden error naming the role needed.
 */
public final class Access {
  private final ProjectRepository projects;
  private final MemberRepository members;

  public Access(ProjectRepository projects, MemberRepository members) {
    this.projects = projects;
    this.members = members;
  }

  /** The caller's role in the project, if it is at least {@code minimum}. */
  public Role require(Caller caller, String projectId, Role minimum) {
    return requireProject(caller, projectId, minimum).role();
  }

  public Granted requireProject(Caller caller, String projectId, Role minimum) {
    Project project = projects.find(projectId).orElseThrow(() -> notFound(projectId));
    Role role =
        caller.admin() ? Role.ADMIN : members.role(projectId, caller.userId()).orElseThrow(() -> notFound(projectId));
    if (!role.atLeast(minimum)) {
      throw LabelloopException.forbidden("This needs the " + minimum + " role in the project; you are " + role);
    }
    return new Granted(project, role);
  }

  public static void requireAdmin(Caller caller) {
    if (!caller.admin()) {
      throw LabelloopException.forbidden("Only a server administrator can do this");
    }
  }

  private static LabelloopException notFound(String projectId) {
    return LabelloopException.notFound("Project " + projectId);
  }

  /** A project together with the caller's role in it. */
  public record Granted(Project project, Role role) {}
}
