package org.labelloop.app.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CliTaskTest {
  @Test
  void namesAndAliasesResolveCaseInsensitively() {
    assertEquals(CliTask.TEXT, CliTask.named("Classification", "automl", CliTask.TEXT, CliTask.TABULAR));
    assertEquals(CliTask.TEXT, CliTask.named("text", "automl", CliTask.TEXT, CliTask.TABULAR));
    assertEquals(CliTask.NER, CliTask.named(" ner ", "train", CliTask.NER));
  }

  @Test
  void aTaskTheCommandDoesNotSupportSaysWhichItDoes() {
    UserError e = assertThrows(UserError.class, () -> CliTask.named("tabular", "train", CliTask.NER));
    assertEquals("train --task must be ner (got 'tabular')", e.getMessage());
    e = assertThrows(UserError.class, () -> CliTask.named("image", "simulate", CliTask.TEXT, CliTask.NER, CliTask.TABULAR));
    assertEquals("simulate --task must be text (or classification), ner or tabular (got 'image')", e.getMessage());
  }
}
