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
 * spaCy-style JSON: an array of {@code {"text": ..., "entities": [[start, end, label], ...]}} (spaCy's offset
 * training format). Reading also accepts {@code ["text", {"entities": [...]}]} pairs and {@code spans}/{@code ents}
 * lists of {@code {start, end, label}} objects.
 */
final class SpacyFormat {
  private SpacyFormat() {}

  static List<LocatedSentence> read(Reader in, String source) throws IOException {
    List<LocatedSentence> out = new ArrayList<>();
    List<Json.Item> items = Json.items(in, source);
    for (int k = 0; k < items.size(); k++) {
      String where = source + ":" + items.get(k).line();
      Object item = items.get(k).value();
      String text;
      Map<String, Object> annotations;
      if (item instanceof List<?> pair) {
        if (pair.size() != 2 || !(pair.get(0) instanceof String t)) throw new NerFormatException(where + ": expected [text, {entities}]");
        text = t;
        annotations = Json.object(pair.get(1), where);
      } else {
        annotations = Json.object(item, where);
        text = Json.string(annotations, "text", where);
      }
      List<Span> spans = new ArrayList<>();
      for (String key : List.of("entities", "spans", "ents")) {
        for (Object e : Json.array(annotations.get(key), where)) {
          if (e instanceof List<?> triple) {
            if (triple.size() != 3 || !(triple.get(0) instanceof Number s) || !(triple.get(1) instanceof Number en) || !(triple.get(2) instanceof String l)) {
              throw new NerFormatException(where + ": entity must be [start, end, label]");
            }
            spans.add(Json.span(text, s.intValue(), en.intValue(), l, where));
          } else {
            Map<String, Object> m = Json.object(e, where);
            spans.add(Json.span(text, Json.integer(m, "start", where), Json.integer(m, "end", where), Json.string(m, "label", where), where));
          }
        }
      }
      String id = annotations.get("id") instanceof String s ? s : source + "#" + k;
      out.add(new LocatedSentence(Json.sentence(id, text, spans), items.get(k).line()));
    }
    return out;
  }

  static List<SpanIssue> write(List<NerSentence> sentences, Writer out) throws IOException {
    List<Object> items = new ArrayList<>();
    for (NerSentence s : sentences) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("id", s.id());
      o.put("text", s.text());
      List<Object> ents = new ArrayList<>();
      for (Span sp : s.spans()) ents.add(List.of(sp.begin(), sp.end(), sp.label()));
      o.put("entities", ents);
      items.add(o);
    }
    out.write(Json.write(items));
    out.write('\n');
    return List.of();
  }
}
