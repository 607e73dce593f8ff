package org.labelloop.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of an import stopped coming (the client went away, the connection broke). Unlike a file that ends early,
 * this is not the file's fault, so it is no row error: it stops the import before anything is written, also with
 * onError=skip, and the work ends with the request.
 */
public final class UploadInterrupted extends RuntimeException {
  public UploadInterrupted(IOException cause) {
    super("the upload was interrupted (" + cause.getMessage() + "); nothing was imported", cause);
  }

  /** {@code in}, its read failures turned into this exception so that no reader mistakes them for the file's end. */
  public static InputStream guard(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (IOException e) {
          throw new UploadInterrupted(e);
        }
      }

      @Override
      public int read(byte[] b, int off, int len) {
        try {
          return super.read(b, off, len);
        } catch (IOException e) {
          throw new UploadInterrupted(e);
        }
      }
    };
  }
}
