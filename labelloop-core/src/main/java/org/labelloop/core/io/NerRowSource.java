package org.labelloop.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Job;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.format.LocatedSentence;
import org.labelloop.learn.ner.format.NerFormatException;
import org.labelloop.learn.ner.format.NerFormats;

/**
 * The sentences of an NER file as assets, each with its spans as the NER job's answer (a sentence without entities is
 * labeled "no entity"). The file is parsed whole by labelloop-learn's readers (NER files are small next to the
 * million-row CSVs the streaming sources are for, and capped by {@link ImportLimits#maxNerFileBytes()}); a file that
 * cannot be parsed fails with the line the reader stopped at. A sentence without an id of its own in the file is
 * named {@code <file name>#<n>} (n from 0), so two files never clash and the same file imported twice finds its
 * duplicates; a file sent without a name is named by a hash of its sentences.
 */
final class NerRowSource implements RowSource {
  private static final String PLACEHOLDER = "upload";

  private final Job job;
  private final Iterator<LocatedSentence> sentences;

  NerRowSource(InputStream in, ImportFormat format, Job job, String fileName, ImportLimits limits) {
    this.job = job;
    String source = fileName == null || fileName.isBlank() ? null : Messages.printable(fileName.strip());
    try {
      List<LocatedSentence> all = NerFormats.readLocated(new Utf8Reader(in, limits.maxNerFileBytes()), format.nerName(),
          source == null ? PLACEHOLDER : source);
      this.sentences = (source == null ? renamed(all) : all).iterator();
    } catch (NerFormatException | IllegalArgumentException e) {
      throw LabelloopException.invalid("Not a valid " + format.nerName() + " file: " + Messages.printable(e.getMessage()));
    } catch (IOException e) {
      throw LabelloopException.invalid("Not a readable " + format.nerName() + " file: line " + Messages.lineOf(e, 1) + ": "
          + Messages.rootMessage(e));
    }
  }

  /** Sentences of a nameless upload, their generated ids rebased on a hash of the whole file's text. */
  private static List<LocatedSentence> renamed(List<LocatedSentence> all) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      all.forEach(s -> sha.update((s.sentence().text() + "\n").getBytes(StandardCharsets.UTF_8)));
      String name = "upload-" + HexFormat.of().formatHex(sha.digest(), 0, 6);
      return all.stream().map(s -> {
        NerSentence n = s.sentence();
        return n.id().startsWith(PLACEHOLDER + "#")
            ? new LocatedSentence(new NerSentence(name + n.id().substring(PLACEHOLDER.length()), n.text(), n.tokens(), n.spans(), n.rightToLeft()), s.line())
            : s;
      }).toList();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public ParsedRow next() {
    if (!sentences.hasNext()) {
      return null;
    }
    LocatedSentence located = sentences.next();
    NerSentence s = located.sentence();
    NerFiles.Answer answer = NerFiles.answer(job, s);
    if (answer.problem() != null) {
      return ParsedRow.failed(located.line(), "sentence " + s.id() + ": " + answer.problem());
    }
    return ParsedRow.answered(located.line(), new AssetDraft(s.id(), s.text(), null, 0, false, null), answer.response());
  }
}
