package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.labelloop.store.testing.TestDatabases.Kind;

class MigrationsIT {
  @ParameterizedTest
  @EnumSource(Kind.class)
  void migrationsCreateEveryTableAndReopeningIsANoOp(Kind kind) throws Exception {
    String url = kind.newUrl();
    try (Database db = Database.open(url)) {
      Set<String> tables = new HashSet<>();
      try (Connection c = db.dataSource().getConnection();
          ResultSet rs = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME").toLowerCase());
        }
      }
      assertTrue(
          tables.containsAll(Set.of("users", "api_keys", "sessions", "projects", "members", "assets", "labels")),
          "tables: " + tables);
      Fixtures.project(db);
    }
    try (Database again = Database.open(url)) {
      assertEquals(1, again.projects().list(null, null, 10).items().size());
    }
  }
}
