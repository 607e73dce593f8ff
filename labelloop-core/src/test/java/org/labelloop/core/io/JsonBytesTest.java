package org.labelloop.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonBytesTest {
  private static final JsonFactory JACKSON = new JsonFactory();

  @Test
  void everyCharacterUpToThreeBytesIsWrittenAsJacksonWritesIt() throws IOException {
    List<String> values = new ArrayList<>();
    for (char c = 0; c < 0xD800; c++) {
      values.add("a" + c + "b");
    }
    for (char c = 0xE000; c != 0; c++) {
      values.add(String.valueOf(c));
    }
    assertEquals(jackson(values), ours(values));
  }

  @Test
  void emojiControlCharactersAndLongTextsAreWrittenAsJacksonWritesThem() throws IOException {
    Random random = new Random(18);
    int[] points = {0, 1, 0x1f, '"', '\\', '/', 0x7f, 0xe9, 0x4e2d, 0x2028, 0xfeff, 0x1f600, 0x1f44d, 0x1f3fd, 0x10ffff};
    List<String> values = new ArrayList<>(List.of("", "plain", "\ud83d\ude00\ud83d\udc4d\ud83c\udffd", "\b\t\n\f\r\u000b\u0000"));
    for (int length : new int[] {10, 1_000, 70_000, 300_000}) {
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < length; i++) {
        s.appendCodePoint(random.nextInt(4) == 0 ? points[random.nextInt(points.length)] : 'a' + random.nextInt(26));
      }
      values.add(s.toString());
    }
    assertEquals(jackson(values), ours(values));
  }

  @Test
  void numbersBooleansNullsAndRawJsonAreWrittenAsJacksonWritesThem() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonBytes ours = new JsonBytes(out);
    ours.ascii("[").number(-42).ascii(",").number(Long.MAX_VALUE).ascii(",").number(3.5).ascii(",").number(0.1 + 0.2)
        .ascii(",").number(1e-7).ascii(",").number(1e21).ascii(",").number(Double.NaN).ascii(",").bool(true).ascii(",")
        .bool(false).ascii(",").string((String) null).ascii(",").raw("{\"a\": [1]}".getBytes(StandardCharsets.UTF_8))
        .ascii(",").raw(null).ascii("]");
    ours.flush();

    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    try (JsonGenerator json = JACKSON.createGenerator(expected, JsonEncoding.UTF8)) {
      json.writeStartArray();
      json.writeNumber(-42L);
      json.writeNumber(Long.MAX_VALUE);
      json.writeNumber(3.5);
      json.writeNumber(0.1 + 0.2);
      json.writeNumber(1e-7);
      json.writeNumber(1e21);
      json.writeNumber(Double.NaN);
      json.writeBoolean(true);
      json.writeBoolean(false);
      json.writeString((String) null);
      json.writeRawValue("{\"a\": [1]}");
      json.writeNull();
      json.writeEndArray();
    }
    assertEquals(expected.toString(StandardCharsets.UTF_8), out.toString(StandardCharsets.UTF_8));
  }

  /** Each value as a quoted string on a line of its own, from its UTF-8 bytes. */
  private static String ours(List<String> values) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonBytes json = new JsonBytes(out);
    for (String v : values) {
      json.string(v.getBytes(StandardCharsets.UTF_8)).ascii("\n");
    }
    json.flush();
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String jackson(List<String> values) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator json = JACKSON.createGenerator(out, JsonEncoding.UTF8)) {
      json.setRootValueSeparator(null);
      for (String v : values) {
        json.writeString(v);
        json.writeRaw('\n');
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
