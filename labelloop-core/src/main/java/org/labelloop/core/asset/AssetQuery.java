package org.labelloop.core.asset;

import java.util.TreeSet;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.label.LabelType;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.Project;

/** Filters for listing assets; null fields do not filter. {@code cursor} is the last id of the previous page. */
public record AssetQuery(
    String projectId, AssetStatus status, LabelType labelType, String externalId, Match match, String cursor, int limit) {
  public static final int MAX_LIMIT = 1000;

  public AssetQuery {
    limit = limit <= 0 ? 100 : Math.min(limit, MAX_LIMIT);
  }

  public AssetQuery(String projectId, AssetStatus status, LabelType labelType, String externalId, String cursor, int limit) {
    this(projectId, status, labelType, externalId, null, cursor, limit);
  }

  /**
   * What a person looks for; null fields do not filter. {@code text}: in the external id, and in the content where the
   * content is the data (a text, a table's row; not where a stored file's key is), ignoring case. {@code category}: a
   * category id that the asset's chosen answer (its newest REVIEW label, else its newest DEFAULT one) names, in any
   * job. {@code labeledBy}: a user id with a DEFAULT label on the asset that is not a skip.
   */
  public record Match(String text, boolean textInContent, String category, String labeledBy) {
    public Match {
      text = blankToNull(text);
      category = blankToNull(category);
      labeledBy = blankToNull(labeledBy);
    }

    /** The filters of a request, or null when it names none. */
    public static Match of(String text, String category, String labeledBy) {
      Match m = new Match(text, true, category, labeledBy);
      return m.text == null && m.category == null && m.labeledBy == null ? null : m;
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.strip();
    }
  }

  /** The same filters from another cursor, {@code limit} at a time. */
  public AssetQuery page(String cursor, int limit) {
    return new AssetQuery(projectId, status, labelType, externalId, match, cursor, limit);
  }

  /**
   * These filters checked against the project: a category it does not have is refused, and text is not looked for in
   * the content of an image or audio project, which is where its file is stored.
   */
  public AssetQuery forProject(Project project) {
    if (match == null) {
      return this;
    }
    if (match.category() != null
        && project.jsonInterface().jobs().values().stream().noneMatch(j -> j.hasCategory(match.category()))) {
      TreeSet<String> known = new TreeSet<>();
      project.jsonInterface().jobs().values().stream().map(Job::categories).forEach(c -> known.addAll(c.keySet()));
      throw LabelloopException.invalid("category: '" + match.category() + "' is not a category of this project (its categories: "
          + String.join(", ", known) + ")");
    }
    if (match.labeledBy() != null && !match.labeledBy().matches("[0-9]{1,18}")) {
      throw LabelloopException.invalid("labeledBy: a user's id, not '" + match.labeledBy() + "'");
    }
    boolean inContent = project.inputType() == InputType.TEXT || project.inputType() == InputType.TABULAR;
    Match checked = new Match(match.text(), inContent, match.category(), match.labeledBy());
    return new AssetQuery(projectId, status, labelType, externalId, checked, cursor, limit);
  }
}
