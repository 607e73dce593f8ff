package org.labelloop.core.io;

import java.io.IOException;
import java.io.Reader;
import java.util.Iterator;
import java.util.List;
import org.labelloop.core.asset.AssetDraft;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.project.Job;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.format.NerFormatException;
import org.labelloop.learn.ner.format.NerFormats;

/**
 * The sentences of an NER file as assets, each with its spans as the NER job's answer (a sentence without entities is
 * labeled "no entity"). The file is parsed whole by labelloop-learn's readers (NER files are small next to the
 * million-row CSVs the streaming sources are for); a file that cannot be parsed fails with the reader's position.
 */
final class NerRowSource implements RowSource {
  private final Job job;
  private final Iterator<NerSentence> sentences;
  private long line;

  NerRowSource(Reader reader, ImportFormat format, Job job) {
    this.job = job;
    try {
      List<NerSentence> all = NerFormats.read(reader, format.nerName(), "sentence");
      this.sentences = all.iterator();
    } catch (NerFormatException | IllegalArgumentException e) {
      throw LabelloopException.invalid("Not a valid " + format.nerName() + " file: " + e.getMessage());
    } catch (IOException e) {
      throw LabelloopException.invalid("Not a readable " + format.nerName() + " file: " + CsvRowSource.rootMessage(e));
    }
  }

  @Override
  public ParsedRow next() {
    if (!sentences.hasNext()) return null;
    NerSentence s = sentences.next();
    line++;
    NerFiles.Answer answer = NerFiles.answer(job, s);
    if (answer.problem() != null) return ParsedRow.failed(line, "sentence " + s.id() + ": " + answer.problem());
    return ParsedRow.answered(line, new AssetDraft(s.id(), s.text(), null, 0, false, null), answer.response());
  }
}
