package org.labelloop.core.version;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.core.Ports;
import org.labelloop.core.asset.AssetQuery;
import org.labelloop.core.asset.AssetStatus;
import org.labelloop.core.asset.LabeledAssets;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.ChosenLabel;
import org.labelloop.core.learning.ModelVersion;
import org.labelloop.core.port.DatasetVersionRepository;
import org.labelloop.core.user.Access;
import org.labelloop.core.user.Caller;
import org.labelloop.core.user.Role;

/**
 * Dataset versions: snapshot the labeled dataset under a name, diff two snapshots, send what changed to review, export
 * a snapshot. The seed recipe diffed two exports by hand to find mislabeled assets after a dataset update; this makes
 * it one call.
 */
public final class DatasetVersionService {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final int PAGE = 1000;

  private final Ports ports;
  private final DatasetVersionRepository versions;
  private final Access access;
  private final Clock clock;

  public DatasetVersionService(Ports ports, Access access, Clock clock) {
    this.ports = ports;
    this.versions = ports.versions();
    this.access = access;
    this.clock = clock;
  }

  /** Snapshots every asset that has an answer now, in one transaction. */
  public DatasetVersion create(Caller caller, String projectId, String name) {
    access.require(caller, projectId, Role.REVIEWER);
    String trimmed = name == null ? "" : name.trim();
    if (trimmed.isEmpty() || trimmed.length() > 100) {
      throw LabelloopException.invalid("name: 1 to 100 characters");
    }
    if (versions.findByName(projectId, trimmed).isPresent()) {
      throw LabelloopException.conflict("A version named '" + trimmed + "' already exists in this project");
    }
    return ports.tx().inTransaction(
        () -> {
          List<ModelVersion> models = ports.learning().versions(projectId);
          String model = models.isEmpty() ? null : models.getLast().modelVersion();
          DatasetVersion version = versions.create(projectId, trimmed, caller.userId(), model, clock.instant());
          try {
            LabeledAssets.forEachPage(ports, new AssetQuery(projectId, null, null, null, null, PAGE), (assets, labels) -> {
              List<VersionItem> items = new ArrayList<>();
              for (var asset : assets) {
                ChosenLabel.of(labels.getOrDefault(asset.id(), List.of()))
                    .ifPresent(l -> items.add(new VersionItem(asset.id(), asset.externalId(), l.id(), l.jsonResponse())));
              }
              versions.addItems(version.id(), items);
            });
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return versions.find(projectId, version.id()).orElseThrow();
        });
  }

  public List<DatasetVersion> list(Caller caller, String projectId) {
    access.require(caller, projectId, Role.LABELER);
    return versions.list(projectId);
  }

  /** What changed from version {@code a} to version {@code b}, by a merge of both in externalId order. */
  public VersionDiff diff(Caller caller, String projectId, String a, String b) {
    access.require(caller, projectId, Role.REVIEWER); // it shows the answers, as an export does
    Cursor before = new Cursor(version(projectId, a).id());
    Cursor after = new Cursor(version(projectId, b).id());
    List<String> added = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<VersionDiff.Change> changed = new ArrayList<>();
    while (before.current() != null || after.current() != null) {
      int order = compare(before.current(), after.current());
      if (order < 0) {
        removed.add(before.current().externalId());
        before.advance();
      } else if (order > 0) {
        added.add(after.current().externalId());
        after.advance();
      } else {
        VersionItem x = before.current();
        VersionItem y = after.current();
        if (!x.answer().equals(y.answer())) {
          changed.add(new VersionDiff.Change(y.assetId(), y.externalId(), x.answer(), y.answer()));
        }
        before.advance();
        after.advance();
      }
    }
    return new VersionDiff(added, removed, changed);
  }

  /** Moves the assets whose answer changed between the two versions to TO_REVIEW; returns how many moved. */
  public int sendChangedToReview(Caller caller, String projectId, String a, String b) {
    access.require(caller, projectId, Role.REVIEWER);
    List<String> externalIds = diff(caller, projectId, a, b).changed().stream().map(VersionDiff.Change::externalId).toList();
    if (externalIds.isEmpty()) {
      return 0;
    }
    return ports.tx().inTransaction(() -> ports.assets().update(projectId, externalIds, AssetStatus.TO_REVIEW, null));
  }

  /** Writes the version as JSON Lines: {@code {"externalId", "assetId", "labelId", "jsonResponse"}} per asset. */
  public void export(Caller caller, String projectId, String versionId, OutputStream out) {
    access.require(caller, projectId, Role.REVIEWER);
    Cursor items = new Cursor(version(projectId, versionId).id());
    try (JsonGenerator json = MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
      json.setRootValueSeparator(null);
      for (; items.current() != null; items.advance()) {
        VersionItem item = items.current();
        json.writeStartObject();
        json.writeStringField("externalId", item.externalId());
        json.writeStringField("assetId", item.assetId());
        json.writeStringField("labelId", item.labelId());
        json.writeFieldName("jsonResponse");
        json.writeTree(item.answer());
        json.writeEndObject();
        json.writeRaw('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private DatasetVersion version(String projectId, String versionId) {
    return versions.find(projectId, versionId).orElseThrow(() -> LabelloopException.notFound("Dataset version " + versionId));
  }

  private static int compare(VersionItem x, VersionItem y) {
    if (x == null) {
      return 1;
    }
    if (y == null) {
      return -1;
    }
    return compareCodePoints(x.externalId(), y.externalId());
  }

  /** Code point order, which is the byte order the database sorts external ids in (UTF-8 in SQLite, "C" in PostgreSQL). */
  static int compareCodePoints(String x, String y) {
    return java.util.Arrays.compare(x.codePoints().toArray(), y.codePoints().toArray());
  }

  /** Reads a version's items in externalId order, a page at a time. */
  private final class Cursor {
    private final String versionId;
    private List<VersionItem> page;
    private int index;

    Cursor(String versionId) {
      this.versionId = versionId;
      this.page = versions.items(versionId, null, PAGE);
    }

    VersionItem current() {
      return index < page.size() ? page.get(index) : null;
    }

    void advance() {
      index++;
      if (index == page.size() && page.size() == PAGE) {
        page = versions.items(versionId, page.getLast().externalId(), PAGE);
        index = 0;
      }
    }
  }
}
