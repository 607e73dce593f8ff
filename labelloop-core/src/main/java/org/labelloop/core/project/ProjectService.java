package org.labelloop.core.project;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.labelloop.core.Ports;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.port.Page;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.ProjectCreators;
import org.labelloop.core.user.Role;
import org.labelloop.core.user.User;

/** Creates, lists, changes and deletes projects. Only a project's admins change it. */
public final class ProjectService {
  private final Ports ports;
  private final Access access;
  private final Clock clock;
  private final FileStore files;
  private final ProjectCounts counts;

  public ProjectService(Ports ports, Access access, Clock clock, FileStore files, ProjectCounts counts) {
    this.ports = ports;
    this.access = access;
    this.clock = clock;
    this.files = files;
    this.counts = counts;
  }

  /** Whether this user may create projects: a server administrator, or as the instance setting {@link ProjectCreators} says. */
  public boolean mayCreate(User user) {
    return user.admin() || user.canCreateProjects() || ports.users().projectCreators() == ProjectCreators.EVERYONE;
  }

  /** Creates the project; its creator becomes its admin. Who may: {@link #mayCreate}. */
  public Project create(Caller caller, ProjectDraft draft) {
    if (!mayCreate(caller.user())) {
      throw LabelloopException.forbidden("Only server administrators and the users they allow can create projects");
    }
    return ports.tx().inTransaction(
        () -> {
          Project project = ports.projects().create(draft, clock.instant());
          ports.members().put(project.id(), caller.userId(), Role.ADMIN);
          return project;
        });
  }

  public ProjectSummary get(Caller caller, String projectId) {
    Access.Granted granted = access.requireProject(caller, projectId, Role.LABELER);
    return new ProjectSummary(granted.project(), counts.of(projectId), granted.role());
  }

  /** The projects the caller can see: all for an administrator, otherwise those they are a member of. */
  public Page<ProjectSummary> list(Caller caller, String cursor, int limit) {
    Page<Project> page = ports.projects().list(caller.admin() ? null : caller.userId(), cursor, limit <= 0 ? 100 : limit);
    List<ProjectSummary> items =
        page.items().stream()
            .map(p -> new ProjectSummary(p, counts.of(p.id()), roleOf(caller, p.id())))
            .toList();
    return new Page<>(items, page.nextCursor());
  }

  public Project update(Caller caller, String projectId, ProjectPatch patch) {
    access.require(caller, projectId, Role.ADMIN);
    // read fresh, not Access's cached copy: another instance may have changed it within the last seconds
    Project current = ports.projects().find(projectId).orElseThrow(() -> LabelloopException.notFound("Project " + projectId));
    if (patch.inputType() != null && patch.inputType() != current.inputType()) {
      throw LabelloopException.invalid("inputType: a project's input type cannot change (its assets are "
          + current.inputType() + "); create a new project for " + patch.inputType() + " assets");
    }
    if (patch.jsonInterface() != null) {
      current.inputType().check(patch.jsonInterface());
      refuseRemovingAnswers(current, patch.jsonInterface());
    }
    Project changed =
        new Project(
            current.id(),
            patch.title() == null ? current.title() : patch.title(),
            patch.description() == null ? current.description() : patch.description(),
            patch.instructions() == null ? current.instructions() : patch.instructions(),
            current.inputType(),
            patch.jsonInterface() == null ? current.jsonInterface() : patch.jsonInterface(),
            current.createdAt(),
            clock.instant());
    Project updated = ports.projects().update(changed, clock.instant());
    access.invalidate();
    return updated;
  }

  /**
   * A job or category that human labels answer with stays: without it those labels would turn invalid (the model
   * would still learn and predict the category, an export would name it). A category's name may change; its id stays.
   */
  private void refuseRemovingAnswers(Project current, JsonInterface next) {
    InterfaceRemovals removed = InterfaceRemovals.between(current.jsonInterface(), next);
    if (removed.isEmpty()) return;
    Map<String, Integer> uses = new TreeMap<>();
    ports.labels().humanAnswersContaining(current.id(), removed.fragments(),
        answer -> removed.usedBy(answer).forEach(what -> uses.merge(what, 1, Integer::sum)));
    if (uses.isEmpty()) return;
    List<String> details = uses.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + (e.getValue() == 1 ? " label" : " labels")).toList();
    throw LabelloopException.conflict("jsonInterface: labels answer with what it removes (" + String.join("; ", details)
        + "); correct those labels first, or keep it (a category can be renamed: its id stays)");
  }

  public void delete(Caller caller, String projectId) {
    access.require(caller, projectId, Role.ADMIN);
    ports.projects().delete(projectId);
    access.invalidate();
    counts.forget(projectId);
    files.delete(projectId); // after the commit: a failed delete must not lose the files of a project that stays
  }

  private Role roleOf(Caller caller, String projectId) {
    return caller.admin() ? Role.ADMIN : ports.members().role(projectId, caller.userId()).orElse(Role.LABELER);
  }
}
