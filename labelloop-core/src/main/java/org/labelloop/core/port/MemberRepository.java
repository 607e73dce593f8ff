package org.labelloop.core.port;

import java.util.List;
import java.util.Optional;
import org.labelloop.core.user.Member;
import org.labelloop.core.user.Role;

/** Stores who is a member of which project, with which role. */
public interface MemberRepository {
  /** Adds the member or changes their role. */
  void put(String projectId, String userId, Role role);

  void remove(String projectId, String userId);

  Optional<Role> role(String projectId, String userId);

  List<Member> list(String projectId);

  /** Whether both users are members of at least one same project. */
  boolean shareAProject(String userId, String otherUserId);
}
