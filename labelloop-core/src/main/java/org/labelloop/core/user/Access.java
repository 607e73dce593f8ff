package org.labelloop.core.user;

import java.time.Clock;
import java.util.Optional;
import org.labelloop.core.ExpiringCache;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.port.Invalidations;
import org.labelloop.core.port.MemberRepository;
import org.labelloop.core.port.ProjectRepository;
import org.labelloop.core.project.Project;

/**
 * Decides who may do what in a project. A project the caller is not a member of is reported as not found, so its
 * existence never leaks; a member whose role is too low gets a forbidden error naming the role needed.
 *
 * <p>Every API request asks this, so a caller's project and role are cached for a few seconds
 * ({@link ExpiringCache#TIME_TO_LIVE}); {@link #invalidate} after a change of members or projects makes every instance
 * see it at once (other instances within that time at worst).
 */
public final class Access {
  private final ProjectRepository projects;
  private final MemberRepository members;
  private final ExpiringCache<GrantKey, Granted> grants;

  private record GrantKey(String projectId, String userId) {}

  public Access(ProjectRepository projects, MemberRepository members, Invalidations invalidations, Clock clock) {
    this.projects = projects;
    this.members = members;
    this.grants = new ExpiringCache<>("grants", invalidations, clock);
  }

  /** The caller's role in the project, if it is at least {@code minimum}. */
  public Role require(Caller caller, String projectId, Role minimum) {
    return requireProject(caller, projectId, minimum).role();
  }

  public Granted requireProject(Caller caller, String projectId, Role minimum) {
    Granted granted =
        grants.get(new GrantKey(projectId, caller.userId()), () -> grant(caller, projectId)).orElseThrow(() -> notFound(projectId));
    if (!granted.role().atLeast(minimum)) {
      throw LabelloopException.forbidden("This needs the " + minimum + " role in the project; you are " + granted.role());
    }
    return granted;
  }

  /** Call after a change to a project or its members has committed. */
  public void invalidate() {
    grants.invalidateAll();
  }

  private Optional<Granted> grant(Caller caller, String projectId) {
    return projects.find(projectId)
        .flatMap(p -> (caller.admin() ? Optional.of(Role.ADMIN) : members.role(projectId, caller.userId())).map(r -> new Granted(p, r)));
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
