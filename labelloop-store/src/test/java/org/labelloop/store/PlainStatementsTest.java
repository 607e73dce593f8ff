package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PlainStatementsTest {
  @Test
  void namedParametersBecomeJdbcPlaceholdersAndARepeatedNameKeepsEveryPosition() {
    var parsed = PlainStatements.Parsed.of("SELECT id FROM assets WHERE locked_by = :userId AND project_id = :projectId"
        + " AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.author_id = :userId)");

    assertEquals("SELECT id FROM assets WHERE locked_by = ? AND project_id = ?"
        + " AND NOT EXISTS (SELECT 1 FROM labels l WHERE l.author_id = ?)", parsed.jdbcSql());
    assertArrayEquals(new int[] {1, 3}, parsed.positions().get("userId"));
    assertArrayEquals(new int[] {2}, parsed.positions().get("projectId"));
  }

  @Test
  void colonsInLiteralsCommentsAndCastsAreNotParameters() {
    var parsed = PlainStatements.Parsed.of("""
        -- the user's next asset: :notAParameter
        SELECT ':literal', a.id::text FROM assets a WHERE a.id = :id""");

    assertEquals("""
        -- the user's next asset: :notAParameter
        SELECT ':literal', a.id::text FROM assets a WHERE a.id = ?""", parsed.jdbcSql());
    assertEquals(java.util.Set.of("id"), parsed.positions().keySet());
  }
}
