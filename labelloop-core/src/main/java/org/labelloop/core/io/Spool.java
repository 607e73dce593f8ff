package org.labelloop.core.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
  private Path file;
  private DataOutputStream out;
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
        out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
      }
      AssetDraft d = row.draft();
      out.writeLong(row.line());
      writeString(d.externalId());
      writeString(d.content());
      writeJson(d.metadata());
      out.writeInt(d.priority());
      out.writeBoolean(d.honeypot());
      writeString(d.label());
      writeJson(row.answer());
    } catch (IOException e) {
      throw new UncheckedIOException("the import's temporary file cannot be written", e);
    }
  }

  private void writeString(String s) throws IOException {
    if (s == null) {
      out.writeInt(NULL);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
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
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
          for (long n = head.size(); n < size; n++) {
            long line = in.readLong();
            String id = readString(in);
            String content = readString(in);
            JsonNode metadata = readJson(in);
            int priority = in.readInt();
            boolean honeypot = in.readBoolean();
            String label = readString(in);
            JsonNode answer = readJson(in);
            AssetDraft draft = new AssetDraft(id, content, metadata, priority, honeypot, label);
            add.accept(answer == null ? ParsedRow.ok(line, draft) : ParsedRow.answered(line, draft, answer));
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

  private static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length == NULL) {
      return null;
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static JsonNode readJson(DataInputStream in) throws IOException {
    String json = readString(in);
    return json == null ? null : MAPPER.readTree(json);
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
