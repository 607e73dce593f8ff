package org.labelloop.learn.audio;

/** The bytes are not audio that {@link AudioDecoder} can decode; the message says why, for the person who imported it. */
public final class UndecodableAudioException extends RuntimeException {
  public UndecodableAudioException(String message) { super(message); }

  public UndecodableAudioException(String message, Throwable cause) { super(message, cause); }
}
