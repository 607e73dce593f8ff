package org.labelloop.learn.image;

/** An image file that cannot be decoded (unknown format, truncated, unsupported colour space). */
public final class ImageDecodeException extends Exception {
  public ImageDecodeException(String message) { super(message); }
}
