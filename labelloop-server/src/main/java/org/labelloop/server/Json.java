package org.labelloop.server;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.function.Function;
import org.labelloop.core.project.ProjectSummary;
import org.labelloop.core.asset.Asset;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.io.ImportReport;
import org.labelloop.core.label.Label;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.port.Page;
import org.labelloop.core.project.Project;
import org.labelloop.core.project.ProjectStats;
import org.labelloop.core.user.ApiKey;
import org.labelloop.core.user.Member;
import org.labelloop.core.user.User;

/** The API's JSON shapes: camelCase, ids as strings, instants as ISO-8601. Written by hand so the wire format is explicit. */
public final class Json {
  public static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static <T> ObjectNode page(Page<T> page, Function<T, JsonNode> view) {
    ObjectNode out = object();
    ArrayNode items = out.putArray("items");
    page.items().forEach(i -> items.add(view.apply(i)));
    out.put("nextCursor", page.nextCursor());
    return out;
  }

  private static String iso(Instant i) {
    return i == null ? null : i.toString();
  }

  static ObjectNode project(Project p) {
    ObjectNode o = object();
    o.put("id", p.id());
    o.put("title", p.title());
    o.put("description", p.description());
    o.put("instructions", p.instructions());
    o.put("inputType", p.inputType().name());
    o.set("jsonInterface", p.jsonInterface().json());
    o.put("createdAt", iso(p.createdAt()));
    o.put("updatedAt", iso(p.updatedAt()));
    return o;
  }

  static ObjectNode project(ProjectSummary s) {
    ObjectNode o = project(s.project());
    ProjectStats stats = s.stats();
    o.put("assetCount", stats == null ? 0 : stats.assetCount());
    ObjectNode byStatus = o.putObject("countsByStatus");
    for (AssetStatus st : AssetStatus.values()) {
      byStatus.put(st.name(), stats == null ? 0 : stats.assetsByStatus().getOrDefault(st, 0L));
    }
    ObjectNode byType = o.putObject("countsByLabelType");
    for (LabelType t : LabelType.values()) {
      byType.put(t.name(), stats == null ? 0 : stats.labelsByType().getOrDefault(t, 0L));
    }
    o.put("role", s.role() == null ? null : s.role().name());
    return o;
  }

  static ObjectNode asset(Asset a) {
    ObjectNode o = object();
    o.put("id", a.id());
    o.put("projectId", a.projectId());
    o.put("externalId", a.externalId());
    o.put("content", a.content());
    o.set("metadata", a.metadata() == null ? MAPPER.createObjectNode() : a.metadata());
    o.put("status", a.status().name());
    o.put("priority", a.priority());
    o.put("isHoneypot", a.honeypot());
    o.put("createdAt", iso(a.createdAt()));
    return o;
  }

  static ObjectNode label(Label l) {
    ObjectNode o = object();
    o.put("id", l.id());
    o.put("projectId", l.projectId());
    o.put("assetId", l.assetId());
    o.put("authorId", l.authorId());
    o.put("labelType", l.labelType().name());
    o.set("jsonResponse", l.jsonResponse());
    o.put("modelVersion", l.modelVersion());
    o.put("createdAt", iso(l.createdAt()));
    if (l.secondsToLabel() == null) {
      o.putNull("secondsToLabel");
    } else {
      o.put("secondsToLabel", l.secondsToLabel());
    }
    o.put("skipped", l.skipped());
    return o;
  }

  static ObjectNode user(User u) {
    ObjectNode o = object();
    o.put("id", u.id());
    o.put("email", u.email());
    o.put("name", u.name());
    o.put("admin", u.admin());
    o.put("canCreateProjects", u.canCreateProjects());
    o.put("active", u.active());
    o.put("createdAt", iso(u.createdAt()));
    return o;
  }

  static ObjectNode member(Member m) {
    ObjectNode o = object();
    o.put("projectId", m.projectId());
    o.put("userId", m.userId());
    o.put("email", m.email());
    o.put("name", m.name());
    o.put("role", m.role().name());
    o.put("active", m.active());
    return o;
  }

  static ObjectNode apiKey(ApiKey k) {
    ObjectNode o = object();
    o.put("id", k.id());
    o.put("userId", k.userId());
    o.put("name", k.name());
    o.put("prefix", k.prefix());
    o.put("createdAt", iso(k.createdAt()));
    o.put("revokedAt", iso(k.revokedAt()));
    return o;
  }

  static ObjectNode importReport(ImportReport r) {
    ObjectNode o = object();
    o.put("imported", r.imported());
    o.put("duplicates", r.duplicates());
    o.put("updated", r.updated());
    o.put("rejected", r.rejected());
    ArrayNode errors = o.putArray("errors");
    r.errors().forEach(e -> errors.addObject().put("line", e.line()).put("message", e.message()));
    return o;
  }
}
