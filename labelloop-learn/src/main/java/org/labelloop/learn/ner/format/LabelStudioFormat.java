package org.labelloop.learn.ner.format;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.Span;
import org.labelloop.learn.ner.SpanIssue;

/**
 * Label Studio JSON export: an array of tasks {@code {"id", "data": {"text"}, "annotations": [{"result": [{"type":
 * "labels", "from_name": "label", "to_name": "text", "value": {"start", "end", "text", "labels": [..]}}]}]}}. The
 * first annotation of a task that was not cancelled is read; the JSON-MIN shape {@code {"text", "label": [{start, end,
 * labels}], ..}} (one field per control tag) is read too. {@link #task} reads one task of any kind (choices and
 * rectangles included) for importers that map every region.
 */
public final class LabelStudioFormat {
  /** A JSON-MIN row's fields that describe its annotation, neither data nor an answer. */
  private static final Set<String> BOOKKEEPING = Set.of("id", "annotator", "annotation_id", "created_at", "updated_at", "lead_time", "agreement");

  private LabelStudioFormat() {}

  /**
   * One task: its id ({@code source#k}, k from 0, when it has none), its {@code data}, and the regions of its first
   * annotation that was not cancelled ({@code annotated} is false when it has none, i.e. the task is unlabeled).
   * {@code jsonMin} says it came as a JSON-MIN row, whose {@code data} are its top-level fields: there a string may be
   * a Choices tag's single choice as well as data, which only the reader's project can tell. {@code prediction} is its
   * newest prediction, or null.
   */
  public record Task(String id, Map<String, Object> data, List<Object> results, boolean annotated, boolean jsonMin,
      Prediction prediction) {}

  /** A model's pre-annotation of a task: its regions, and the model's version and score where given (else null). */
  public record Prediction(String modelVersion, Double score, List<Object> results) {}

  /** The k-th task of a file; {@code where} names it in errors. */
  public static Task task(Object item, int k, String source, String where) {
    Map<String, Object> task = Json.object(item, where);
    String id = task.get("id") == null ? source + "#" + k : String.valueOf(task.get("id"));
    if (!task.containsKey("data")) {
      return jsonMin(task, id, where);
    }
    Map<String, Object> data = Json.object(task.get("data"), where);
    Prediction prediction = newestPrediction(task.get("predictions"), where);
    for (Object a : Json.array(task.get("annotations"), where)) {
      Map<String, Object> annotation = Json.object(a, where);
      if (!Boolean.TRUE.equals(annotation.get("was_cancelled"))) {
        return new Task(id, data, Json.array(annotation.get("result"), where), true, false, prediction);
      }
    }
    return new Task(id, data, List.of(), false, false, prediction);
  }

  /** The last of a task's predictions that has regions (Label Studio lists them oldest first), or null. */
  private static Prediction newestPrediction(Object predictions, String where) {
    List<Object> all = Json.array(predictions, where);
    for (int i = all.size() - 1; i >= 0; i--) {
      Map<String, Object> p = Json.object(all.get(i), where);
      List<Object> results = Json.array(p.get("result"), where);
      if (!results.isEmpty()) {
        Object version = p.get("model_version");
        Double score = p.get("score") instanceof Number n ? Double.valueOf(n.doubleValue()) : null;
        return new Prediction(version == null || String.valueOf(version).isBlank() ? null : String.valueOf(version), score, results);
      }
    }
    return null;
  }

  /**
   * A JSON-MIN row: the task's data and, per control tag, a field named by the tag holding its result as Label Studio
   * prettifies it (a value object, or a list of them; a single choice is a bare string, left in data). A list under
   * "label" is read as spans whatever it holds, as this reader always did. The row is annotated when it holds a region
   * or names the annotation it was written from.
   */
  private static Task jsonMin(Map<String, Object> task, String id, String where) {
    Map<String, Object> data = new LinkedHashMap<>();
    List<Object> results = new ArrayList<>();
    boolean answered = false;
    for (Map.Entry<String, Object> e : task.entrySet()) {
      if (BOOKKEEPING.contains(e.getKey())) continue;
      List<Object> regions = regions(e.getKey(), e.getValue(), where);
      if (regions == null) {
        data.put(e.getKey(), e.getValue());
      } else {
        results.addAll(regions);
        answered = true;
      }
    }
    return new Task(id, data, results, answered || task.get("annotation_id") != null, true, null);
  }

  /** The regions a field holds; null when it is not a result. */
  private static List<Object> regions(String field, Object value, String where) {
    boolean legacy = field.equals("label") && value instanceof List;
    List<?> values = value instanceof List<?> l ? l : Collections.singletonList(value);
    List<Object> regions = new ArrayList<>();
    for (Object v : values) {
      String type = v instanceof Map<?, ?> m ? type(m) : null;
      if (type == null && !legacy) return null;
      regions.add(Map.of("from_name", field, "type", type == null ? "labels" : type, "value", Json.object(v, where)));
    }
    return regions.isEmpty() && !legacy ? null : regions;
  }

  private static String type(Map<?, ?> value) {
    if (value.containsKey("choices")) return "choices";
    if (value.containsKey("rectanglelabels")) return "rectanglelabels";
    return value.containsKey("labels") && value.containsKey("start") && value.containsKey("end") ? "labels" : null;
  }

  static List<LocatedSentence> read(Reader in, String source) throws IOException {
    List<LocatedSentence> out = new ArrayList<>();
    List<Json.Item> tasks = Json.items(in, source);
    for (int k = 0; k < tasks.size(); k++) {
      String where = source + ":" + tasks.get(k).line();
      Task task = task(tasks.get(k).value(), k, source, where);
      String text = Json.string(task.data(), "text", where);
      List<Span> spans = new ArrayList<>();
      for (Object r : task.results()) {
        Map<String, Object> result = Json.object(r, where);
        if (result.containsKey("type") && !"labels".equals(result.get("type"))) continue;
        Map<String, Object> value = Json.object(result.get("value"), where);
        for (Object label : Json.array(value.get("labels"), where)) {
          spans.add(Json.span(text, Json.integer(value, "start", where), Json.integer(value, "end", where), String.valueOf(label), where));
        }
      }
      out.add(new LocatedSentence(Json.sentence(task.id(), text, spans), tasks.get(k).line()));
    }
    return out;
  }

  static List<SpanIssue> write(List<NerSentence> sentences, Writer out) throws IOException {
    List<Object> tasks = new ArrayList<>();
    for (NerSentence s : sentences) {
      List<Object> results = new ArrayList<>();
      int n = 0;
      for (Span sp : s.spans()) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("start", sp.begin());
        value.put("end", sp.end());
        value.put("text", sp.content(s.text()));
        value.put("labels", List.of(sp.label()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", "r" + n++);
        result.put("from_name", "label");
        result.put("to_name", "text");
        result.put("type", "labels");
        result.put("value", value);
        results.add(result);
      }
      Map<String, Object> task = new LinkedHashMap<>();
      task.put("id", s.id());
      task.put("data", Map.of("text", s.text()));
      task.put("annotations", List.of(Map.of("result", results)));
      tasks.add(task);
    }
    out.write(Json.write(tasks));
    out.write('\n');
    return List.of();
  }
}
