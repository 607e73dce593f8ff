package org.labelloop.store;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.labelloop.core.Labelloop;
import org.labelloop.store.testing.TestDatabases.Kind;

/**
 * Runs a test class once per dialect, each time on a fresh migrated database: a temp SQLite file, then a new database
 * on the shared embedded PostgreSQL. Subclasses use {@link #db} for repositories and {@link #app} for use cases.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Kind.class)
abstract class OnBothDatabases {
  private static final List<Database> OPENED = new ArrayList<>();
  static Database db;
  static Labelloop app;

  @Parameter Kind kind;

  @BeforeParameterizedClassInvocation
  static void open(Kind kind) {
    db = kind.open();
    OPENED.add(db);
    app = Fixtures.useCases(db);
  }

  @AfterAll
  static void closeAll() {
    OPENED.forEach(Database::close);
    OPENED.clear();
  }
}
