package org.labelloop.store;

import java.io.StringReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labelloop.core.asset.AssetDraft;
import org.postgresql.PGConnection;

/**
 * PostgreSQL's bulk insert of assets: the drafts go to a per-connection staging table through COPY, then one
 * INSERT … SELECT keeps the first draft of each external id and skips those already stored; what it returns tells
 * which drafts were inserted, so duplicates are still reported row by row.
 */
final class AssetCopy {
  private static final String STAGING =
      """
      CREATE TEMP TABLE IF NOT EXISTS asset_staging (
        seq INTEGER, external_id TEXT, content TEXT, metadata TEXT, priority INTEGER, is_honeypot BOOLEAN
      ) ON COMMIT DELETE ROWS""";
  private static final String MOVE =
      """
      INSERT INTO assets (project_id, external_id, content, metadata, status, priority, is_honeypot, created_at, import_id)
      SELECT * FROM (
        SELECT DISTINCT ON (external_id) ?::BIGINT, external_id, content, metadata, 'TODO', priority, is_honeypot,
          ?::BIGINT, ?::BIGINT
        FROM asset_staging ORDER BY external_id, seq) first
      ON CONFLICT (project_id, external_id) DO NOTHING
      RETURNING external_id""";

  private AssetCopy() {}

  static boolean[] insert(Connection c, long project, Long importKey, long created, List<AssetDraft> drafts)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(STAGING);
      st.execute("DELETE FROM asset_staging"); // empty unless an earlier insert in this transaction left rows
    }
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY asset_staging FROM STDIN", new StringReader(rows(drafts)));
    } catch (IOException e) {
      throw new SQLException("COPY of assets failed", e);
    }
    Set<String> inserted = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(MOVE)) {
      ps.setLong(1, project);
      ps.setLong(2, created);
      if (importKey == null) {
        ps.setNull(3, Types.BIGINT);
      } else {
        ps.setLong(3, importKey);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          inserted.add(rs.getString(1));
        }
      }
    }
    boolean[] flags = new boolean[drafts.size()];
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < flags.length; i++) {
      String id = drafts.get(i).externalId();
      flags[i] = inserted.contains(id) && first.putIfAbsent(id, i) == null;
    }
    return flags;
  }

  /** The drafts in COPY's text format: tab-separated, \N for null, backslash escapes. */
  private static String rows(List<AssetDraft> drafts) {
    StringBuilder out = new StringBuilder(drafts.size() * 96);
    int seq = 0;
    for (AssetDraft d : drafts) {
      out.append(seq++).append('\t');
      field(out, d.externalId());
      out.append('\t');
      field(out, d.content());
      out.append('\t');
      field(out, Json.write(d.metadata()));
      out.append('\t').append(d.priority()).append('\t').append(d.honeypot() ? 't' : 'f').append('\n');
    }
    return out.toString();
  }

  private static void field(StringBuilder out, String value) {
    if (value == null) {
      out.append("\\N");
      return;
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
  }
}
