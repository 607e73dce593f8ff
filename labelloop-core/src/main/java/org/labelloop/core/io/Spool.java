package org.labelloop.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.labelloop.core.asset.AssetDraft;

/**
 * The good rows of an import, kept between reading the whole file and writing it, so that a file with a bad row is
 * refused before anything is written. The first rows stay in memory; past one batch they go to a temporary file
 * (deleted on close), so memory stays bounded whatever the file's size. The file is binary (length-prefixed UTF-8;
 * only metadata and answers as JSON text): a JSON round trip of every row was a fifth of a plain import's CPU.
 */
final class Spool implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());
  private static final int NULL = -1;

  private final Path dir;
  private final int inMemory;
  private final List<ParsedRow> head = new ArrayList<>();
  private final Record record = new Record();
  private Path file;
  private OutputStream out;
  private long size;

  /** @param dir where the temporary file goes (null: the system's temporary directory) */
  Spool(Path dir, int inMemory) {
    this.dir = dir;
    this.inMemory = inMemory;
  }

  long size() {
    return size;
  }

  void add(ParsedRow row) {
    size++;
    if (file == null && head.size() < inMemory) {
      head.add(row);
      return;
    }
    try {
      if (file == null) {
        file = dir == null ? Files.createTempFile("labelloop-import-", ".spool") : Files.createTempFile(dir, "import-", ".spool");
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
      }
      AssetDraft d = row.draft();
      record.clear();
      record.writeLong(row.line());
      writeString(d.externalId());
      writeString(d.content());
      writeJson(d.metadata());
      record.writeInt(d.priority());
      record.writeBoolean(d.honeypot());
      writeString(d.label());
      writeJson(row.answer());
      writeJson(row.prediction() == null ? null : row.prediction().response());
      writeString(row.prediction() == null ? null : row.prediction().modelVersion());
      record.writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException("the import's temporary file cannot be written", e);
    }
  }

  private void writeString(String s) {
    if (s == null) {
      record.writeInt(NULL);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    record.writeInt(bytes.length);
    record.write(bytes);
  }

  /** A JSON null node is spooled as no value at all. */
  private void writeJson(JsonNode node) throws IOException {
    writeString(node == null || node.isNull() ? null : MAPPER.writeValueAsString(node));
  }

  /** Hands the rows, in order, to {@code sink} in batches of at most {@code rows} rows and about {@code chars} characters. */
  void drain(int rows, long chars, Consumer<List<ParsedRow>> sink) {
    List<ParsedRow> batch = new ArrayList<>(rows);
    long[] batchChars = {0};
    Consumer<ParsedRow> add = row -> {
      batch.add(row);
      batchChars[0] += row.draft().content().length() + (row.draft().metadata() == null ? 0 : 64);
      if (batch.size() >= rows || batchChars[0] >= chars) {
        sink.accept(List.copyOf(batch));
        batch.clear();
        batchChars[0] = 0;
      }
    };
    head.forEach(add);
    if (file != null) {
      try {
        out.close();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
          Record r = new Record();
          for (long n = head.size(); n < size; n++) {
            r.read(in);
            long line = r.readLong();
            String id = r.readString();
            String content = r.readString();
            JsonNode metadata = r.readJson();
            int priority = r.readInt();
            boolean honeypot = r.readBoolean();
            String label = r.readString();
            JsonNode answer = r.readJson();
            JsonNode predicted = r.readJson();
            String modelVersion = r.readString();
            AssetDraft draft = new AssetDraft(id, content, metadata, priority, honeypot, label);
            add.accept(new ParsedRow(line, draft, answer, predicted == null ? null : new ParsedRow.Prediction(predicted, modelVersion), null));
          }
        }
      } catch (EOFException e) {
        throw new IllegalStateException("the import's temporary file ended early", e);
      } catch (IOException e) {
        throw new UncheckedIOException("the import's temporary file cannot be read", e);
      }
    }
    if (!batch.isEmpty()) {
      sink.accept(List.copyOf(batch));
    }
  }

  /**
   * One spooled row, encoded into (or read back from the file into) one reusable buffer behind a 4-byte length: one
   * write and two reads of the file a row instead of a buffered-stream call per field.
   */
  private static final class Record {
    private byte[] bytes = new byte[256];
    private int at;

    void clear() {
      at = 4;
    }

    void writeInt(int v) {
      ensure(4);
      bytes[at] = (byte) (v >>> 24);
      bytes[at + 1] = (byte) (v >>> 16);
      bytes[at + 2] = (byte) (v >>> 8);
      bytes[at + 3] = (byte) v;
      at += 4;
    }

    void writeLong(long v) {
      writeInt((int) (v >>> 32));
      writeInt((int) v);
    }

    void writeBoolean(boolean v) {
      ensure(1);
      bytes[at++] = (byte) (v ? 1 : 0);
    }

    void write(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, bytes, at, b.length);
      at += b.length;
    }

    void writeTo(OutputStream out) throws IOException {
      int end = at;
      at = 0;
      writeInt(end - 4);
      out.write(bytes, 0, end);
    }

    private void ensure(int more) {
      if (at + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(at + more, bytes.length * 2));
      }
    }

    void read(InputStream in) throws IOException {
      at = 0;
      if (in.readNBytes(bytes, 0, 4) < 4) {
        throw new EOFException();
      }
      int n = readInt();
      at = 0;
      ensure(n);
      if (in.readNBytes(bytes, 0, n) < n) {
        throw new EOFException();
      }
    }

    long readLong() {
      long v = (long) readInt() << 32;
      return v | readInt() & 0xFFFFFFFFL;
    }

    int readInt() {
      int v = (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
      at += 4;
      return v;
    }

    boolean readBoolean() {
      return bytes[at++] != 0;
    }

    String readString() {
      int length = readInt();
      if (length == NULL) {
        return null;
      }
      String s = new String(bytes, at, length, StandardCharsets.UTF_8);
      at += length;
      return s;
    }

    JsonNode readJson() throws IOException {
      String json = readString();
      return json == null ? null : MAPPER.readTree(json);
    }
  }

  @Override
  public void close() {
    try {
      if (out != null) {
        out.close();
      }
      if (file != null) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
