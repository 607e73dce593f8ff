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
import org.labelloop.learn.ner.Token;

/**
 * Prodigy JSONL: one {@code {"text", "tokens": [{text,start,end,id}], "spans": [{start,end,label,token_start,
 * token_end}], "answer"}} per line. Records answered {@code reject} or {@code ignore} are skipped; without tokens
 * the text is tokenized. A record without an {@code id} of its own is named {@code source#k}, k counting the file's
 * records from 0. The per-record methods serve importers that read the classification fields of the same records.
 */
public final class ProdigyFormat {
  private ProdigyFormat() {}

  static List<LocatedSentence> read(Reader in, String source) throws IOException {
    List<LocatedSentence> out = new ArrayList<>();
    BufferedReader r = new BufferedReader(in);
    String line;
    int lineNo = 0;
    int k = 0;
    while ((line = r.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) continue;
      String where = source + ":" + lineNo;
      Map<String, Object> o = Json.object(Json.parse(line, where), where);
      String id = id(o, k++, source);
      if (accepted(o)) out.add(new LocatedSentence(sentence(o, id, where), lineNo));
    }
    return out;
  }

  /** The record's own {@code id} when it is a string, else {@code source#k}. */
  public static String id(Map<String, Object> o, int k, String source) {
    return o.get("id") instanceof String s ? s : source + "#" + k;
  }

  /** Whether the record was accepted (a record without an answer counts as accepted). */
  public static boolean accepted(Map<String, Object> o) {
    Object answer = o.get("answer");
    return answer == null || "accept".equals(answer);
  }

  /** The record's text with its spans, on its own tokens when it has them; {@code where} names it in errors. */
  public static NerSentence sentence(Map<String, Object> o, String id, String where) {
    String text = Json.string(o, "text", where);
    List<Span> spans = new ArrayList<>();
    for (Object s : Json.array(o.get("spans"), where)) {
      Map<String, Object> m = Json.object(s, where);
      spans.add(Json.span(text, Json.integer(m, "start", where), Json.integer(m, "end", where), Json.string(m, "label", where), where));
    }
    if (!o.containsKey("tokens")) {
      return Json.sentence(id, text, spans);
    }
    List<Token> tokens = new ArrayList<>();
    for (Object t : Json.array(o.get("tokens"), where)) {
      Map<String, Object> m = Json.object(t, where);
      int start = Json.integer(m, "start", where);
      int end = Json.integer(m, "end", where);
      if (start < 0 || end <= start || end > text.length()) throw new NerFormatException(where + ": token [" + start + ", " + end + ") outside text");
      tokens.add(new Token(text.substring(start, end), start, end));
    }
    return new NerSentence(id, text, tokens, spans);
  }

  static List<SpanIssue> write(List<NerSentence> sentences, Writer out) throws IOException {
    List<SpanIssue> issues = new ArrayList<>();
    for (NerSentence s : sentences) {
      out.write(Json.write(record(s, issues)));
      out.write('\n');
    }
    return issues;
  }

  /**
   * The accepted record of a sentence ({@code id}, {@code text}, {@code tokens}, {@code spans}, {@code answer}), to
   * which a caller may add fields; spans off token boundaries are added to {@code issues}.
   */
  public static Map<String, Object> record(NerSentence s, List<SpanIssue> issues) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("id", s.id());
    o.put("text", s.text());
    List<Object> tokens = new ArrayList<>();
    for (int i = 0; i < s.size(); i++) {
      Token t = s.tokens().get(i);
      tokens.add(Map.of("text", t.text(), "start", t.begin(), "end", t.end(), "id", i));
    }
    o.put("tokens", tokens);
    List<Object> spans = new ArrayList<>();
    for (Span sp : s.spans()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("start", sp.begin());
      m.put("end", sp.end());
      m.put("label", sp.label());
      int first = -1;
      int last = -1;
      for (int i = 0; i < s.size(); i++) {
        if (s.tokens().get(i).begin() == sp.begin()) first = i;
        if (s.tokens().get(i).end() == sp.end()) last = i;
      }
      if (first >= 0 && last >= first) {
        m.put("token_start", first);
        m.put("token_end", last);
      } else {
        issues.add(new SpanIssue(s.id(), sp, "is not aligned with token boundaries"));
      }
      spans.add(m);
    }
    o.put("spans", spans);
    o.put("answer", "accept");
    return o;
  }
}
