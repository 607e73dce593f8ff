package org.labelloop.learn.ner.format;

import java.io.BufferedReader;
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
 * Kili's NER {@code jsonResponse}: {@code {"JOB": {"annotations": [{"categories": [{"name": "PER"}], "beginOffset":
 * 10, "content": "John Snow"}]}}}, as plain Map/List trees. Files are JSON lines of {@code {"externalId", "text",
 * "jsonResponse"}}. On read, {@code content} must equal the text at {@code beginOffset}, else the asset and offsets
 * are reported.
 */
public final class KiliFormat {
  private KiliFormat() {}

  /** The jsonResponse tree of one text's spans under job {@code job}. */
  public static Map<String, Object> toJsonResponse(NerSentence s, String job) {
    List<Object> annotations = new ArrayList<>();
    for (Span sp : s.spans()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("categories", List.of(Map.of("name", sp.label())));
      a.put("beginOffset", sp.begin());
      a.put("content", sp.content(s.text()));
      annotations.add(a);
    }
    return Map.of(job, Map.of("annotations", annotations));
  }

  /** Spans of all jobs in a jsonResponse tree over {@code text}; {@code where} names the asset in errors. */
  public static List<Span> fromJsonResponse(String text, Map<String, Object> jsonResponse, String where) {
    List<Span> spans = new ArrayList<>();
    for (Map.Entry<String, Object> job : jsonResponse.entrySet()) {
      Map<String, Object> j = Json.object(job.getValue(), where);
      for (Object o : Json.array(j.get("annotations"), where)) {
        Map<String, Object> a = Json.object(o, where);
        int begin = Json.integer(a, "beginOffset", where);
        String content = Json.string(a, "content", where);
        List<Object> cats = Json.array(a.get("categories"), where);
        if (cats.isEmpty()) throw new NerFormatException(where + ": annotation at " + begin + " has no category");
        String label = Json.string(Json.object(cats.get(0), where), "name", where);
        int end = begin + content.length();
        if (begin < 0 || end > text.length() || !text.startsWith(content, begin)) {
          throw new NerFormatException(where + ": content '" + content + "' does not match the text at [" + begin + ", " + end + ")");
        }
        spans.add(Json.span(text, begin, end, label, where));
      }
    }
    return spans;
  }

  static List<NerSentence> read(Reader in, String source) throws IOException {
    List<NerSentence> out = new ArrayList<>();
    BufferedReader r = new BufferedReader(in);
    String line;
    int lineNo = 0;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) continue;
      String where = source + ":" + lineNo;
      Map<String, Object> o = Json.object(Json.parse(line, where), where);
      String text = Json.string(o, "text", where);
      String id = o.get("externalId") instanceof String s ? s : source + "#" + out.size();
      Map<String, Object> response = o.get("jsonResponse") == null ? Map.of() : Json.object(o.get("jsonResponse"), where);
      out.add(Json.sentence(id, text, fromJsonResponse(text, response, where + " (" + id + ")")));
    }
    return out;
  }

  static List<SpanIssue> write(List<NerSentence> sentences, Writer out, String job) throws IOException {
    for (NerSentence s : sentences) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("externalId", s.id());
      o.put("text", s.text());
      o.put("jsonResponse", toJsonResponse(s, job));
      out.write(Json.write(o));
      out.write('\n');
    }
    return List.of();
  }
}
