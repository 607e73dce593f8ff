package org.labelloop.learn.ner.format;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.Span;
import org.labelloop.learn.ner.SpanIssue;

/**
 * Label Studio JSON export: an array of tasks {@code {"id", "data": {"text"}, "annotations": [{"result": [{"type":
 * "labels", "from_name": "label", "to_name": "text", "value": {"start", "end", "text", "labels": [..]}}]}]}}. The
 * first annotation of a task is read; the JSON-MIN shape {@code {"text", "label": [{start, end, labels}]}} is read too.
 */
final class LabelStudioFormat {
  private LabelStudioFormat() {}

  static List<LocatedSentence> read(Reader in, String source) throws IOException {
    List<LocatedSentence> out = new ArrayList<>();
    List<Json.Item> tasks = Json.items(in, source);
    for (int k = 0; k < tasks.size(); k++) {
      String where = source + ":" + tasks.get(k).line();
      Map<String, Object> task = Json.object(tasks.get(k).value(), where);
      List<Object> results;
      String text;
      if (task.containsKey("data")) {
        text = Json.string(Json.object(task.get("data"), where), "text", where);
        List<Object> annotations = Json.array(task.get("annotations"), where);
        results = annotations.isEmpty() ? List.of() : Json.array(Json.object(annotations.get(0), where).get("result"), where);
      } else {
        text = Json.string(task, "text", where);
        results = new ArrayList<>();
        for (Object l : Json.array(task.get("label"), where)) results.add(Map.of("type", "labels", "value", l));
      }
      List<Span> spans = new ArrayList<>();
      for (Object r : results) {
        Map<String, Object> result = Json.object(r, where);
        if (result.containsKey("type") && !"labels".equals(result.get("type"))) continue;
        Map<String, Object> value = Json.object(result.get("value"), where);
        for (Object label : Json.array(value.get("labels"), where)) {
          spans.add(Json.span(text, Json.integer(value, "start", where), Json.integer(value, "end", where), String.valueOf(label), where));
        }
      }
      String id = task.get("id") == null ? source + "#" + k : String.valueOf(task.get("id"));
      out.add(new LocatedSentence(Json.sentence(id, text, spans), tasks.get(k).line()));
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
