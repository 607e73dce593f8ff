package org.labelloop.learn.ner.format;

import org.labelloop.learn.ner.NerSentence;

/** A sentence read from a file, with the line of the file it starts on (from 1), for error messages that point there. */
public record LocatedSentence(NerSentence sentence, int line) {}
