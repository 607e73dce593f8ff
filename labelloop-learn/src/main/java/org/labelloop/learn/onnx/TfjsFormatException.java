package org.labelloop.learn.onnx;

/** A TF.js model this converter cannot read or translate; the message names the layer, node or weight. */
public final class TfjsFormatException extends RuntimeException {
  public TfjsFormatException(String message) { super(message); }
}
