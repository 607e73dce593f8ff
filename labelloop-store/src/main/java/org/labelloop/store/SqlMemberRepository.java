package org.labelloop.store;

import java.util.List;
import java.util.Optional;
import org.labelloop.core.port.MemberRepository;
import org.labelloop.core.user.Member;
import org.labelloop.core.user.Role;

final class SqlMemberRepository implements MemberRepository {
  private final Tx tx;

  SqlMemberRepository(Tx tx) {
    this.tx = tx;
  }

  @Override
  public void put(String projectId, String userId, Role role) {
    tx.write(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO members (project_id, user_id, role) VALUES (:projectId, :userId, :role)
                    ON CONFLICT (project_id, user_id) DO UPDATE SET role = excluded.role""")
                .bind("projectId", Ids.parse(projectId))
                .bind("userId", Ids.parse(userId))
                .bind("role", role.name())
                .execute());
  }

  @Override
  public void remove(String projectId, String userId) {
    tx.write(
        h ->
            h.createUpdate("DELETE FROM members WHERE project_id = :projectId AND user_id = :userId")
                .bind("projectId", Ids.parse(projectId))
                .bind("userId", Ids.parse(userId))
                .execute());
  }

  @Override
  public Optional<Role> role(String projectId, String userId) {
    return tx.read(
        h ->
            h.createQuery("SELECT role FROM members WHERE project_id = :projectId AND user_id = :userId")
                .bind("projectId", Ids.parse(projectId))
                .bind("userId", Ids.parse(userId))
                .map((rs, ctx) -> Role.valueOf(rs.getString("role")))
                .findOne());
  }

  @Override
  public List<Member> list(String projectId) {
    return tx.read(
        h ->
            h.createQuery(
                    """
                    SELECT m.project_id, m.user_id, u.email, u.name, m.role, u.deactivated_at
                    FROM members m JOIN users u ON u.id = m.user_id
                    WHERE m.project_id = :projectId ORDER BY m.user_id""")
                .bind("projectId", Ids.parse(projectId))
                .map(
                    (rs, ctx) ->
                        new Member(
                            Long.toString(rs.getLong("project_id")),
                            Long.toString(rs.getLong("user_id")),
                            rs.getString("email"),
                            rs.getString("name"),
                            Role.valueOf(rs.getString("role")),
                            rs.getObject("deactivated_at") == null))
                .list());
  }

  @Override
  public boolean shareAProject(String userId, String otherUserId) {
    return tx.read(h -> h.createQuery("SELECT count(*) FROM members a JOIN members b ON b.project_id = a.project_id"
            + " WHERE a.user_id = :a AND b.user_id = :b")
        .bind("a", Ids.parse(userId))
        .bind("b", Ids.parse(otherUserId))
        .mapTo(Long.class)
        .one()) > 0;
  }
}
