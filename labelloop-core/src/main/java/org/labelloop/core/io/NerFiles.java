package org.labelloop.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.learning.EntitySpans;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;
import org.labelloop.learn.ner.NerSentence;
import org.labelloop.learn.ner.Span;
import org.labelloop.learn.ner.Tokenizer;

/**
 * Between the tagger's NER files (CoNLL, BIO, Prodigy, spaCy, Label Studio; read and written by labelloop-learn) and a
 * project's NAMED_ENTITIES_RECOGNITION job: a sentence's spans become the job's answer in Kili's shape, and a chosen
 * answer becomes a tokenized sentence again. An entity type in a file names a category as {@link Job#categoryNamed} reads it.
 */
final class NerFiles {
  private static final Tokenizer TOKENIZER = new Tokenizer(Tokenizer.Mode.AUTO);

  private NerFiles() {}

  /** The project's first NER job; a 400 when it has none. */
  static Job nerJob(Project project) {
    return project.jsonInterface().firstJob(MlTask.NAMED_ENTITIES_RECOGNITION).orElseThrow(() -> LabelloopException.invalid(
            "NER files need a NAMED_ENTITIES_RECOGNITION job; this project's jobs are " + project.jsonInterface().jobs().keySet()));
  }

  /** The job's answer for the sentence's spans, or a problem naming the first unknown entity type. */
  static Answer answer(Job job, NerSentence sentence) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ArrayNode annotations = root.putObject(job.id()).putArray("annotations");
    for (Span span : sentence.spans()) {
      Optional<Category> category = job.categoryNamed(span.label());
      if (category.isEmpty()) {
        return new Answer(null, "unknown entity type '" + span.label() + "' at " + span.begin() + "-" + span.end()
            + " (categories: " + job.categories().keySet() + ")");
      }
      ObjectNode a = annotations.addObject();
      a.putArray("categories").addObject().put("name", category.get().id());
      a.put("beginOffset", span.begin()).put("content", span.content(sentence.text()));
    }
    return new Answer(root, null);
  }

  /** An answer built from a file's sentence, or why it cannot be. */
  record Answer(JsonNode response, String problem) {}

  /** The asset's text with the spans of its chosen answer to {@code job}, tokenized for the word-based formats. */
  static NerSentence sentence(String id, String text, JsonNode jobAnswer) {
    return TOKENIZER.sentence(id, text, EntitySpans.of(jobAnswer, text.length()));
  }
}
