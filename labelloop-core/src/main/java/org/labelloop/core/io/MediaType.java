package org.labelloop.core.io;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.labelloop.core.project.InputType;

/**
 * The image and audio formats Labelloop stores. A file is accepted only when its extension and its first bytes (the
 * format's magic number) name the same format, so a renamed HTML page is never served as an image.
 */
public enum MediaType {
  PNG(InputType.IMAGE, "image/png", "png"),
  JPEG(InputType.IMAGE, "image/jpeg", "jpg", "jpeg"),
  GIF(InputType.IMAGE, "image/gif", "gif"),
  WEBP(InputType.IMAGE, "image/webp", "webp"),
  WAV(InputType.AUDIO, "audio/wav", "wav"),
  MP3(InputType.AUDIO, "audio/mpeg", "mp3"),
  OGG(InputType.AUDIO, "audio/ogg", "ogg", "oga"),
  FLAC(InputType.AUDIO, "audio/flac", "flac"),
  M4A(InputType.AUDIO, "audio/mp4", "m4a");

  /** How many leading bytes {@link #sniff} looks at. */
  public static final int MAGIC_BYTES = 12;

  private final InputType inputType;
  private final String contentType;
  private final List<String> extensions;

  MediaType(InputType inputType, String contentType, String... extensions) {
    this.inputType = inputType;
    this.contentType = contentType;
    this.extensions = List.of(extensions);
  }

  public InputType inputType() {
    return inputType;
  }

  public String contentType() {
    return contentType;
  }

  /** The format a file name's extension names. */
  public static Optional<MediaType> fromFileName(String name) {
    int dot = name.lastIndexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String ext = name.substring(dot + 1).toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(t -> t.extensions.contains(ext)).findFirst();
  }

  /** The format the first bytes of a file show (fewer than {@link #MAGIC_BYTES} bytes is fine for short files). */
  public static Optional<MediaType> sniff(byte[] head, int length) {
    byte[] h = Arrays.copyOf(head, Math.max(length, MAGIC_BYTES));
    if (length >= 8 && starts(h, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
      return Optional.of(PNG);
    }
    if (length >= 3 && starts(h, 0, 0xFF, 0xD8, 0xFF)) {
      return Optional.of(JPEG);
    }
    if (length >= 6 && (starts(h, 0, 'G', 'I', 'F', '8', '7', 'a') || starts(h, 0, 'G', 'I', 'F', '8', '9', 'a'))) {
      return Optional.of(GIF);
    }
    if (length >= 12 && starts(h, 0, 'R', 'I', 'F', 'F') && starts(h, 8, 'W', 'E', 'B', 'P')) {
      return Optional.of(WEBP);
    }
    if (length >= 12 && starts(h, 0, 'R', 'I', 'F', 'F') && starts(h, 8, 'W', 'A', 'V', 'E')) {
      return Optional.of(WAV);
    }
    if (length >= 3 && starts(h, 0, 'I', 'D', '3') || length >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xE0) == 0xE0) {
      return Optional.of(MP3); // an ID3 tag, or an MPEG audio frame sync (11 set bits)
    }
    if (length >= 4 && starts(h, 0, 'O', 'g', 'g', 'S')) {
      return Optional.of(OGG);
    }
    if (length >= 4 && starts(h, 0, 'f', 'L', 'a', 'C')) {
      return Optional.of(FLAC);
    }
    if (length >= 8 && starts(h, 4, 'f', 't', 'y', 'p')) {
      return Optional.of(M4A); // ISO base media file (MP4 family)
    }
    return Optional.empty();
  }

  private static boolean starts(byte[] h, int at, int... expected) {
    for (int i = 0; i < expected.length; i++) {
      if ((h[at + i] & 0xFF) != expected[i]) {
        return false;
      }
    }
    return true;
  }
}
