package org.labelloop.learn.ner.format;

/** A file that cannot be read as the named NER format; the message names the source and position. */
public final class NerFormatException extends RuntimeException {
  public NerFormatException(String message) { super(message); }
}
