package org.labelloop.learn.ner.format;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.SpanIssue;

/**
 * NER file formats by name: {@code conll} (CoNLL-2003, read IOB1 or IOB2, written IOB1), {@code conll-iob2},
 * {@code bio} (token TAB tag), {@code prodigy} (JSONL), {@code spacy} (JSON), {@code labelstudio} (JSON) and
 * {@code kili} (JSON lines of {@code {id, text, jsonResponse}}).
 */
public final class NerFormats {
  private NerFormats() {}

  public static final List<String> NAMES = List.of("conll", "conll-iob2", "bio", "prodigy", "spacy", "labelstudio", "kili");

  public static List<NerSentence> read(Path file, String format) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, format, file.getFileName().toString());
    }
  }

  public static List<NerSentence> read(Reader in, String format, String source) throws IOException {
    return norm(format).equals("kili") ? KiliFormat.read(in, source)
        : readLocated(in, format, source).stream().map(LocatedSentence::sentence).toList();
  }

  /**
   * Reads sentences with the line each starts on. A sentence the file gives no id of its own is named
   * {@code source#n}, n counting from 0 in file order; errors name {@code source:line}.
   */
  public static List<LocatedSentence> readLocated(Reader in, String format, String source) throws IOException {
    return switch (norm(format)) {
      case "conll", "conll-iob1", "conll-iob2" -> ConllFormat.conll2003Iob1().readLocated(in, source);
      case "bio", "iob" -> ConllFormat.bio().readLocated(in, source);
      case "prodigy" -> ProdigyFormat.read(in, source);
      case "spacy" -> SpacyFormat.read(in, source);
      case "labelstudio" -> LabelStudioFormat.read(in, source);
      default -> throw new NerFormatException("unknown NER format '" + format + "', expected one of " + NAMES.stream().filter(n -> !n.equals("kili")).toList());
    };
  }

  /** Writes sentences; returns spans that the format could not represent. */
  public static List<SpanIssue> write(List<NerSentence> sentences, Writer out, String format) throws IOException {
    return switch (norm(format)) {
      case "conll", "conll-iob1" -> ConllFormat.conll2003Iob1().write(sentences, out);
      case "conll-iob2" -> ConllFormat.conll2003Iob2().write(sentences, out);
      case "bio", "iob" -> ConllFormat.bio().write(sentences, out);
      case "prodigy" -> ProdigyFormat.write(sentences, out);
      case "spacy" -> SpacyFormat.write(sentences, out);
      case "labelstudio" -> LabelStudioFormat.write(sentences, out);
      case "kili" -> KiliFormat.write(sentences, out, "NAMED_ENTITIES_RECOGNITION_JOB");
      default -> throw new NerFormatException("unknown NER format '" + format + "', expected one of " + NAMES);
    };
  }

  private static String norm(String f) { return f.strip().toLowerCase(Locale.ROOT).replace("_", "-"); }
}
