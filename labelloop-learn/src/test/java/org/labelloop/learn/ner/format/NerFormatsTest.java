package org.labelloop.learn.ner.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.Span;
import org.labelloop.learn.ner.Tokenizer;

class NerFormatsTest {
  private static final Tokenizer TOKENIZER = new Tokenizer(Tokenizer.Mode.AUTO);
  private static final List<NerSentence> SENTENCES = List.of(
      TOKENIZER.sentence("a1", "John Snow went to Winterfell 😀 with Arya Stark.",
          List.of(new Span(0, 9, "PER"), new Span(18, 28, "LOC"), new Span(37, 47, "PER"))),
      TOKENIZER.sentence("a2", "我住在北京。", List.of(new Span(3, 5, "LOC"))),
      TOKENIZER.sentence("a3", "Nothing here .", List.of()));

  @TempDir Path dir;

  private List<NerSentence> roundTrip(String format, List<NerSentence> in) throws IOException {
    Path file = dir.resolve("data." + format);
    try (var w = Files.newBufferedWriter(file)) {
      assertEquals(List.of(), NerFormats.write(in, w, format));
    }
    return NerFormats.read(file, format);
  }

  private static void assertSameSpans(List<NerSentence> expected, List<NerSentence> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      NerSentence e = expected.get(i);
      NerSentence a = actual.get(i);
      // column files join tokens with single spaces, so compare the covered text without spaces
      assertEquals(e.spans().stream().map(s -> s.content(e.text()).replace(" ", "") + "/" + s.label()).toList(),
          a.spans().stream().map(s -> s.content(a.text()).replace(" ", "") + "/" + s.label()).toList());
      assertEquals(e.tokens().stream().map(t -> t.text()).toList(), a.tokens().stream().map(t -> t.text()).toList());
    }
  }

  @Test
  void jsonFormatsRoundTripTextOffsetsAndLabelsExactly() throws IOException {
    for (String format : List.of("prodigy", "spacy", "labelstudio", "kili")) {
      List<NerSentence> back = roundTrip(format, SENTENCES);
      for (int i = 0; i < SENTENCES.size(); i++) {
        assertEquals(SENTENCES.get(i).text(), back.get(i).text(), format);
        assertEquals(SENTENCES.get(i).spans(), back.get(i).spans(), format);
        assertEquals(SENTENCES.get(i).tokens(), back.get(i).tokens(), format);
      }
    }
  }

  @Test
  void columnFormatsRoundTripTokensAndSpans() throws IOException {
    for (String format : List.of("conll", "conll-iob2", "bio")) {
      List<NerSentence> once = roundTrip(format, SENTENCES);
      assertSameSpans(SENTENCES, once);
      List<NerSentence> twice = roundTrip(format, once);
      for (int i = 0; i < once.size(); i++) {
        assertEquals(once.get(i).text(), twice.get(i).text(), format);
        assertEquals(once.get(i).spans(), twice.get(i).spans(), format);
      }
    }
  }

  @Test
  void readsConll2003Iob1FileAsPublished() throws IOException {
    String file = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\n"
        + "Paris NNP I-NP I-LOC\nLondon NNP I-NP B-LOC\nand CC O O\nBerlin NNP I-NP I-LOC\n";
    List<NerSentence> s = NerFormats.read(new StringReader(file), "conll", "t");
    assertEquals(2, s.size());
    assertEquals(List.of(new Span(0, 2, "ORG"), new Span(11, 17, "MISC")), s.get(0).spans());
    assertEquals(List.of("Paris/LOC", "London/LOC", "Berlin/LOC"),
        s.get(1).spans().stream().map(x -> x.content(s.get(1).text()) + "/" + x.label()).toList());
    StringWriter w = new StringWriter();
    ConllFormat.conll2003Iob1().write(s.subList(1, 2), w);
    assertEquals(List.of("I-LOC", "B-LOC", "O", "I-LOC"), w.toString().lines().filter(l -> !l.isBlank()).map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList());
  }

  @Test
  void kiliJsonResponseHasBeginOffsetAndContent() {
    Map<String, Object> r = KiliFormat.toJsonResponse(SENTENCES.get(0), "JOB");
    assertEquals(Map.of("JOB", Map.of("annotations", List.of(
        Map.of("categories", List.of(Map.of("name", "PER")), "beginOffset", 0, "content", "John Snow"),
        Map.of("categories", List.of(Map.of("name", "LOC")), "beginOffset", 18, "content", "Winterfell"),
        Map.of("categories", List.of(Map.of("name", "PER")), "beginOffset", 37, "content", "Arya Stark")))), r);
    assertEquals(SENTENCES.get(0).spans(), KiliFormat.fromJsonResponse(SENTENCES.get(0).text(), r, "a1"));
  }

  @Test
  void reportsKiliContentThatDoesNotMatchTheText() {
    Map<String, Object> bad = Map.of("JOB", Map.of("annotations", List.of(
        Map.of("categories", List.of(Map.of("name", "PER")), "beginOffset", 1, "content", "John Snow"))));
    NerFormatException e = assertThrows(NerFormatException.class, () -> KiliFormat.fromJsonResponse("John Snow", bad, "asset-7"));
    assertTrue(e.getMessage().contains("asset-7") && e.getMessage().contains("[1, 10)"), e.getMessage());
  }

  @Test
  void columnWriterReportsSpansOffTokenBoundaries() throws IOException {
    NerSentence s = TOKENIZER.sentence("x", "Johnson said", List.of(new Span(0, 4, "PER")));
    var issues = NerFormats.write(List.of(s), new StringWriter(), "bio");
    assertEquals(1, issues.size());
    assertEquals(new Span(0, 4, "PER"), issues.get(0).span());
  }

  @Test
  void skipsRejectedProdigyAnswersAndTokenizesWhenTokensAreMissing() throws IOException {
    String jsonl = "{\"text\": \"Hi Bob\", \"spans\": [{\"start\": 3, \"end\": 6, \"label\": \"PER\"}], \"answer\": \"accept\"}\n"
        + "{\"text\": \"No\", \"spans\": [], \"answer\": \"reject\"}\n";
    List<NerSentence> s = NerFormats.read(new StringReader(jsonl), "prodigy", "t");
    assertEquals(1, s.size());
    assertEquals(List.of("Hi", "Bob"), s.get(0).tokens().stream().map(t -> t.text()).toList());
    assertEquals(List.of(new Span(3, 6, "PER")), s.get(0).spans());
  }

  @Test
  void reportsSpanOutsideTextWithItsPosition() {
    String jsonl = "{\"text\": \"Hi\", \"spans\": [{\"start\": 1, \"end\": 9, \"label\": \"PER\"}]}\n";
    NerFormatException e = assertThrows(NerFormatException.class, () -> NerFormats.read(new StringReader(jsonl), "prodigy", "f.jsonl"));
    assertTrue(e.getMessage().startsWith("f.jsonl:1"), e.getMessage());
  }

  @Test
  void labelStudioJsonMinFieldsBecomeRegionsOfTheirTagByShapeAndTheRestData() {
    String row = """
        {"id": 9, "text": "Ann met Bob", "sentiment": "Positive", "topics": {"choices": ["a", "b"]},
         "ner": [{"start": 0, "end": 3, "text": "Ann", "labels": ["PER"]}], "source": "blog", "tags": [],
         "annotator": 1, "annotation_id": 4, "created_at": "x", "updated_at": "x", "lead_time": 3.1, "agreement": 100}""";
    LabelStudioFormat.Task task = LabelStudioFormat.task(Json.parse(row, "t"), 0, "t", "t");
    assertEquals("9", task.id());
    assertEquals(Map.of("text", "Ann met Bob", "sentiment", "Positive", "source", "blog", "tags", List.of()), task.data(),
        "a bare string may be data: the importer's project decides");
    assertEquals(List.of("topics choices", "ner labels"), task.results().stream()
        .map(r -> ((Map<?, ?>) r).get("from_name") + " " + ((Map<?, ?>) r).get("type")).toList());
    assertTrue(task.annotated() && task.jsonMin());
    var box = LabelStudioFormat.task(Json.parse("{\"image\": \"a.png\", \"box\": [{\"x\": 1, \"rectanglelabels\": [\"cat\"]}]}", "t"), 1, "t", "t");
    assertEquals("t#1 rectanglelabels", box.id() + " " + ((Map<?, ?>) box.results().getFirst()).get("type"));
    assertFalse(LabelStudioFormat.task(Json.parse("{\"text\": \"x\", \"annotation_id\": null}", "t"), 2, "t", "t").annotated());
  }

  @Test
  void readsLabelStudioJsonMinAndSpacyPairs() throws IOException {
    String ls = "[{\"text\": \"Hi Bob\", \"label\": [{\"start\": 3, \"end\": 6, \"text\": \"Bob\", \"labels\": [\"PER\"]}]}]";
    assertEquals(List.of(new Span(3, 6, "PER")), NerFormats.read(new StringReader(ls), "labelstudio", "t").get(0).spans());
    String export = "[{\"id\": 4, \"text\": \"Hi Bob\", \"mood\": \"Happy\", \"ner\": [{\"start\": 3, \"end\": 6, \"labels\": [\"PER\"]}], \"annotator\": 1}]";
    NerSentence min = NerFormats.read(new StringReader(export), "labelstudio", "t").get(0);
    assertEquals("4", min.id());
    assertEquals(List.of(new Span(3, 6, "PER")), min.spans(), "a tag of another name, beside a choice and bookkeeping");
    String sp = "[[\"Hi Bob\", {\"entities\": [[3, 6, \"PER\"]]}]]";
    assertEquals(List.of(new Span(3, 6, "PER")), NerFormats.read(new StringReader(sp), "spacy", "t").get(0).spans());
  }
}
