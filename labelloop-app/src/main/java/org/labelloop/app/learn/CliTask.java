package org.labelloop.app.learn;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of data the offline commands ({@code simulate}, {@code automl}, {@code train}) learn, by the name their
 * {@code --task} option takes. Each command says which it supports and dispatches on the entry; a new kind of data is
 * one entry here and one case in each command that supports it.
 */
public enum CliTask {
  /** Text classification from a csv/tsv/jsonl file with a text and a label column. */
  TEXT("text", "classification"),
  /** Named entities from a sentence file (CoNLL, Prodigy, spaCy, Label Studio, Kili). */
  NER("ner"),
  /** Rows of typed columns; every column but the label and the dropped ones is a feature. */
  TABULAR("tabular"),
  /** Photos named by a file column, featurized by the shipped image encoders. */
  IMAGE("image"),
  /** Recordings named by a file column, featurized by the audio features. */
  AUDIO("audio"),
  /** Photos with boxes from a COCO file: the detector's boxes (the shipped one or a team's own), categories learned from their crops. */
  DETECTION("detection");

  private final List<String> names;

  CliTask(String... names) {
    this.names = List.of(names);
  }

  /** The entry {@code --task} names, if {@code command} supports it; otherwise a {@link UserError} saying what it does. */
  public static CliTask named(String name, String command, CliTask... supported) {
    String wanted = name.strip().toLowerCase(Locale.ROOT);
    for (CliTask t : supported) {
      if (t.names.contains(wanted)) return t;
    }
    List<String> described = Arrays.stream(supported).map(CliTask::describe).toList();
    String choices = described.size() == 1 ? described.getFirst()
        : String.join(", ", described.subList(0, described.size() - 1)) + " or " + described.getLast();
    throw new UserError(command + " --task must be " + choices + " (got '" + name + "')");
  }

  private String describe() {
    return names.size() == 1 ? names.getFirst() : names.getFirst() + " (or " + String.join(", ", names.subList(1, names.size())) + ")";
  }
}
