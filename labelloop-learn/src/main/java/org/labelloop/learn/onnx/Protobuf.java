package org.labelloop.learn.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes protocol-buffer messages field by field (wire types varint, 32-bit and length-delimited), enough to emit an
 * ONNX model without a protobuf runtime: ONNX's {@code onnx.proto} is stable and we only ever write it.
 */
final class Protobuf {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Protobuf varint(int field, long value) {
    tag(field, 0);
    raw(value);
    return this;
  }

  Protobuf float32(int field, float value) {
    tag(field, 5);
    int bits = Float.floatToRawIntBits(value);
    for (int i = 0; i < 4; i++) out.write(bits >>> (8 * i));
    return this;
  }

  Protobuf bytes(int field, byte[] value) {
    tag(field, 2);
    raw(value.length);
    out.writeBytes(value);
    return this;
  }

  Protobuf string(int field, String value) { return bytes(field, value.getBytes(StandardCharsets.UTF_8)); }

  Protobuf message(int field, Protobuf value) { return bytes(field, value.toBytes()); }

  byte[] toBytes() { return out.toByteArray(); }

  private void tag(int field, int wireType) { raw(((long) field << 3) | wireType); }

  private void raw(long v) {
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }
}
