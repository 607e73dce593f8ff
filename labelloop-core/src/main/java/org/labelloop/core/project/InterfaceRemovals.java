package org.labelloop.core.project;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a new interface takes away that a stored answer may use: whole jobs (also a job whose task changed, as its
 * answers have another shape) and categories of the jobs that stay. Renaming a category keeps its id, so it takes
 * nothing away.
 */
public record InterfaceRemovals(Set<String> jobs, Map<String, Set<String>> categories) {
  public static InterfaceRemovals between(JsonInterface before, JsonInterface after) {
    Set<String> jobs = new LinkedHashSet<>();
    Map<String, Set<String>> categories = new LinkedHashMap<>();
    for (Job old : before.jobs().values()) {
      Job kept = after.job(old.id());
      if (kept == null || kept.mlTask() != old.mlTask()) {
        jobs.add(old.id());
        continue;
      }
      Set<String> gone = new LinkedHashSet<>(old.categories().keySet());
      gone.removeAll(kept.categories().keySet());
      if (!gone.isEmpty()) categories.put(old.id(), gone);
    }
    return new InterfaceRemovals(jobs, categories);
  }

  public boolean isEmpty() {
    return jobs.isEmpty() && categories.isEmpty();
  }

  /** Text every answer that uses a removal contains (job and category ids): a store's cheap first filter. */
  public List<String> fragments() {
    List<String> out = new ArrayList<>(jobs);
    categories.values().forEach(out::addAll);
    return out;
  }

  /** The removals {@code response} uses, in words: "job NER", "category 'white' of job COLOR". */
  public Set<String> usedBy(JsonNode response) {
    Set<String> used = new LinkedHashSet<>();
    for (String job : jobs) {
      JsonNode answer = response.get(job);
      if (answer != null && !answer.isNull() && !answer.isEmpty()) used.add("job " + job);
    }
    categories.forEach((job, gone) -> {
      JsonNode answer = response.path(job);
      List<JsonNode> named = new ArrayList<>();
      answer.path("categories").forEach(named::add);
      answer.path("annotations").forEach(a -> a.path("categories").forEach(named::add));
      for (JsonNode c : named) {
        String id = c.path("name").asText();
        if (gone.contains(id)) used.add("category '" + id + "' of job " + job);
      }
    });
    return used;
  }
}
