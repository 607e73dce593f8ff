package org.labelloop.core.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.labelloop.core.asset.AssetDraft;

/**
 * The good rows of an import, kept between reading the whole file and writing it, so that a file with a bad row is
 * refused before anything is written. The first rows stay in memory; past one batch they go to a temporary file
 * (deleted on close), so memory stays bounded whatever the file's size.
 */
final class Spool implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build()).build());

  private final Path dir;
  private final int inMemory;
  private final List<ParsedRow> head = new ArrayList<>();
  private Path file;
  private JsonGenerator out;
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
        out = MAPPER.getFactory().createGenerator(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), JsonEncoding.UTF8);
      }
      AssetDraft d = row.draft();
      out.writeStartArray();
      out.writeNumber(row.line());
      out.writeString(d.externalId());
      out.writeString(d.content());
      out.writeTree(d.metadata());
      out.writeNumber(d.priority());
      out.writeBoolean(d.honeypot());
      out.writeString(d.label());
      out.writeTree(row.answer());
      out.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException("the import's temporary file cannot be written", e);
    }
  }

  /** Hands the rows, in order, to {@code sink} in batches of at most {@code rows} rows and about {@code chars} characters. */
  void drain(int rows, long chars, java.util.function.Consumer<List<ParsedRow>> sink) {
    List<ParsedRow> batch = new ArrayList<>(rows);
    long[] batchChars = {0};
    java.util.function.Consumer<ParsedRow> add = row -> {
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
        try (JsonParser in = MAPPER.createParser(file.toFile())) {
          while (in.nextToken() == JsonToken.START_ARRAY) {
            in.nextToken();
            long line = in.getLongValue();
            in.nextToken();
            String id = in.getText();
            in.nextToken();
            String content = in.getText();
            in.nextToken();
            JsonNode metadata = in.currentToken() == JsonToken.VALUE_NULL ? null : MAPPER.readTree(in);
            in.nextToken();
            int priority = in.getIntValue();
            in.nextToken();
            boolean honeypot = in.getBooleanValue();
            in.nextToken();
            String label = in.currentToken() == JsonToken.VALUE_NULL ? null : in.getText();
            in.nextToken();
            JsonNode answer = in.currentToken() == JsonToken.VALUE_NULL ? null : MAPPER.readTree(in);
            in.nextToken(); // END_ARRAY
            AssetDraft draft = new AssetDraft(id, content, metadata, priority, honeypot, label);
            add.accept(answer == null ? ParsedRow.ok(line, draft) : ParsedRow.answered(line, draft, answer));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("the import's temporary file cannot be read", e);
      }
    }
    if (!batch.isEmpty()) {
      sink.accept(List.copyOf(batch));
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
