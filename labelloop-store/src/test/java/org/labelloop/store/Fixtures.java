package org.labelloop.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.label.LabelDraft;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.Project;
import org.labelloop.core.project.ProjectDraft;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.User;

/** Small builders shared by the repository tests. */
final class Fixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Instant NOW = Instant.parse("2026-01-02T03:04:05.678Z");
  private static final AtomicInteger USERS = new AtomicInteger();

  private Fixtures() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static JsonInterface classification() {
    return JsonInterface.parse(
        json(
            """
            {"jobs": {"JOB_0": {"mlTask": "CLASSIFICATION", "instruction": "Topic", "required": 1,
              "content": {"input": "radio", "categories": {"SPORT": {"name": "Sport"}, "POLITICS": {"name": "Politics"}}}}}}"""));
  }

  static Project project(Database db) {
    return db.projects().create(new ProjectDraft("Topics", "news", InputType.TEXT, classification()), NOW);
  }

  static User user(Database db) {
    int n = USERS.incrementAndGet();
    return db.users().create("User" + n + "-" + System.nanoTime() + "@Example.org", "User " + n, "hash", false, NOW);
  }

  /** A caller acting as a new administrator. */
  static Caller admin(Database db) {
    return new Caller(db.users().create("admin-" + System.nanoTime() + "@example.org", "Admin", "x", true, NOW));
  }

  static AssetDraft draft(String externalId) {
    return new AssetDraft(externalId, "text of " + externalId, null, 0, false, null);
  }

  static AssetDraft draft(String externalId, int priority) {
    return new AssetDraft(externalId, "text of " + externalId, null, priority, false, null);
  }

  static List<AssetDraft> drafts(String prefix, int n) {
    List<AssetDraft> drafts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      drafts.add(draft(prefix + i));
    }
    return drafts;
  }

  static LabelDraft label(String assetId, LabelType type, String category) {
    String model = type.isModel() ? "model-1" : null;
    return new LabelDraft(
        assetId, null, type, json("{\"JOB_0\": {\"categories\": [{\"name\": \"" + category + "\"}]}}"), model, 3.5, false);
  }

  /** Plain-text "hashing": bcrypt would only slow the tests down. */
  static final org.labelloop.core.PasswordHasher PLAIN = new org.labelloop.core.PasswordHasher() {
    @Override
    public String hash(String password) {
      return "plain:" + password;
    }

    @Override
    public boolean verify(String password, String hash) {
      return hash.equals("plain:" + password);
    }
  };

  /** The use cases over {@code db}, with the {@link #PLAIN} hasher and a fixed clock. */
  static org.labelloop.core.Labelloop useCases(Database db) {
    return org.labelloop.core.Labelloop.create(db.ports(), PLAIN, java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
  }

  static LabelDraft skip(String assetId) {
    return new LabelDraft(assetId, null, LabelType.DEFAULT, json("{}"), null, null, true);
  }
}
