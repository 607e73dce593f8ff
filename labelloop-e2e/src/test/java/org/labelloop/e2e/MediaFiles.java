package org.labelloop.e2e;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.labelloop.store.testing.TestImages;

/** Small real media files the browser tests import: PNG images, a WAV tone and the zip that carries them. */
final class MediaFiles {
  private MediaFiles() {}

  /** A width × height PNG filled with {@code background}, with a darker square in the middle so it is not blank. */
  static byte[] png(int width, int height, Color background) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(background);
    g.fillRect(0, 0, width, height);
    g.setColor(background.darker().darker());
    g.fillRect(width / 3, height / 3, width / 3, height / 3);
    g.dispose();
    return TestImages.encode(image, "png");
  }

  /** A mono 16-bit PCM WAV of a sine tone. */
  static byte[] wav(double seconds, int sampleRate, double hertz) {
    int samples = (int) Math.round(seconds * sampleRate);
    ByteBuffer b = ByteBuffer.allocate(44 + 2 * samples).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes()).putInt(36 + 2 * samples).put("WAVE".getBytes());
    b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sampleRate).putInt(2 * sampleRate)
        .putShort((short) 2).putShort((short) 16);
    b.put("data".getBytes()).putInt(2 * samples);
    for (int i = 0; i < samples; i++) {
      b.putShort((short) (8000 * Math.sin(2 * Math.PI * hertz * i / sampleRate)));
    }
    return b.array();
  }

  /** A zip of the given entries, in the map's iteration order. */
  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
