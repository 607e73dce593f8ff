package org.labelloop.core.project;

import java.util.List;
import org.labelloop.core.Ports;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Member;
import org.labelloop.core.user.Role;

/** Who belongs to a project. Only the project's admins change it. */
public final class MemberService {
  private final Ports ports;
  private final Access access;

  public MemberService(Ports ports, Access access) {
    this.ports = ports;
    this.access = access;
  }

  public void put(Caller caller, String projectId, String userId, Role role) {
    access.require(caller, projectId, Role.ADMIN);
    if (role == null) {
      throw LabelloopException.invalid("role: one of " + java.util.Arrays.toString(Role.values()));
    }
    // one answer for "no such user" and "not one you may add": a project admin must not learn which user ids exist
    boolean mayAdd = caller.admin() ? ports.users().find(userId).isPresent() : ports.members().shareAProject(caller.userId(), userId);
    if (!mayAdd) {
      throw LabelloopException.notFound("User " + userId + " among the users you can add (a project admin adds people who"
          + " share a project with them; a server administrator adds anyone)");
    }
    ports.members().put(projectId, userId, role);
    access.invalidate();
  }

  public void remove(Caller caller, String projectId, String userId) {
    access.require(caller, projectId, Role.ADMIN);
    ports.members().remove(projectId, userId);
    access.invalidate();
  }

  public List<Member> list(Caller caller, String projectId) {
    access.require(caller, projectId, Role.LABELER);
    return ports.members().list(projectId);
  }
}
