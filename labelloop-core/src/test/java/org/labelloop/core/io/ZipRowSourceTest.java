package org.labelloop.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.InputType;

class ZipRowSourceTest {
  static final byte[] PNG = png(3, 2);
  static final byte[] WAV = "RIFF\0\0\0\0WAVEfmt data".getBytes(StandardCharsets.ISO_8859_1);

  /** A staging area in memory: key = "p/" + name. */
  static final class MemoryStaging implements FileStore.Staging {
    final Map<String, byte[]> staged = new LinkedHashMap<>();
    final List<String> published = new ArrayList<>();

    @Override
    public String put(String name, InputStream in, long maxBytes) throws IOException {
      byte[] bytes = in.readAllBytes();
      if (bytes.length > maxBytes) {
        throw new FileStore.TooLarge(maxBytes);
      }
      staged.put("p/" + name, bytes);
      return "p/" + name;
    }

    @Override
    public void publish(Collection<String> keys) {
      published.addAll(keys);
    }

    @Override
    public void unpublish() {
      published.clear();
    }

    @Override
    public void close() {}
  }

  static byte[] zip(Object... nameAndBytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < nameAndBytes.length; i += 2) {
        z.putNextEntry(new ZipEntry((String) nameAndBytes[i]));
        Object b = nameAndBytes[i + 1];
        z.write(b instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) b);
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  /** A real PNG (a PNG needs more than its magic bytes to be imported). */
  static byte[] png(int width, int height) {
    try {
      return BoxConvertersTest.image("png", width, height);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static ImportLimits limits(ZipLimits zip) {
    ImportLimits d = ImportLimits.DEFAULT;
    return new ImportLimits(d.maxCellChars(), d.maxRowChars(), d.maxFileBytes(), d.maxNerFileBytes(), d.maxImageSide(), d.maxImagePixels(), zip);
  }

  static List<ParsedRow> read(byte[] zip, MemoryStaging staging, InputType type, ZipLimits limits) throws IOException {
    List<ParsedRow> rows = new ArrayList<>();
    try (ZipRowSource source = new ZipRowSource(new ByteArrayInputStream(zip), staging, type, limits(limits))) {
      for (ParsedRow r = source.next(); r != null; r = source.next()) {
        rows.add(r);
      }
    }
    return rows;
  }

  @Test
  void readsEachImageAsADraftWhoseContentIsTheStoredKey() throws IOException {
    MemoryStaging staging = new MemoryStaging();
    List<ParsedRow> rows = read(zip("cats/a.png", PNG, "b.PNG", PNG), staging, InputType.IMAGE, ZipLimits.DEFAULT);
    assertEquals(2, rows.size());
    assertEquals("cats/a.png", rows.get(0).draft().externalId());
    assertEquals("p/a.png", rows.get(0).draft().content());
    assertEquals("image/png", rows.get(0).draft().metadata().path("mediaType").asText());
    assertEquals(PNG.length, rows.get(0).draft().metadata().path("size").asLong());
    assertArrayEquals(PNG, staging.staged.get("p/a.png"));
  }

  @Test
  void aFileInAFolderNamedLikeACategoryIsLabeledWithIt() throws IOException {
    byte[] zip = zip("train/ants/1.png", PNG, "train/bees/2.png", PNG, "train/3.png", PNG, "4.png", PNG, "ants/sub/5.png", PNG);
    List<String> labels = new ArrayList<>();
    try (ZipRowSource source = new ZipRowSource(new ByteArrayInputStream(zip), new MemoryStaging(), InputType.IMAGE,
        limits(ZipLimits.DEFAULT), folder -> folder.equals("ants") || folder.equals("bees"))) {
      for (ParsedRow r = source.next(); r != null; r = source.next()) labels.add(r.draft().label());
    }
    assertEquals(java.util.Arrays.asList("ants", "bees", null, null, null), labels, "only the file's own folder names its class");
  }

  @Test
  void keepsTheSizeOfAnImageWhoseHeaderCanBeReadAndTheWholeFile() throws IOException {
    byte[] jpeg = BoxConvertersTest.image("jpg", 640, 480);
    MemoryStaging staging = new MemoryStaging();
    List<ParsedRow> rows = read(zip("big.jpg", jpeg, "fake.png", PNG), staging, InputType.IMAGE, ZipLimits.DEFAULT);
    assertEquals(640, rows.get(0).draft().metadata().path("width").asInt());
    assertEquals(480, rows.get(0).draft().metadata().path("height").asInt());
    assertArrayEquals(jpeg, staging.staged.get("p/big.jpg"));
    assertEquals(3, rows.get(1).draft().metadata().path("width").asInt());
  }

  /** A PNG of a signature, an IHDR chunk claiming {@code width} x {@code height} and an IEND chunk, CRCs right. */
  static byte[] pngHeader(int width, int height) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 25 + 12);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    byte[] ihdr = java.nio.ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height)
        .put(new byte[] {8, 2, 0, 0, 0}).array();
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(ihdr);
    b.putInt(13).put(ihdr).putInt((int) crc.getValue());
    b.put(new byte[] {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82});
    return b.array();
  }

  @Test
  void rejectsAPngSignatureAloneACutPngAndAHeaderClaimingHugeDimensions() throws IOException {
    byte[] signature = java.util.Arrays.copyOf(PNG, 8);
    byte[] cut = java.util.Arrays.copyOf(PNG, PNG.length - 6);
    MemoryStaging staging = new MemoryStaging();
    List<ParsedRow> rows = read(zip("sig.png", signature, "cut.png", cut, "huge.png", pngHeader(Integer.MAX_VALUE, Integer.MAX_VALUE),
        "ok.png", PNG, "wide.png", pngHeader(70_000, 1)), staging, InputType.IMAGE, ZipLimits.DEFAULT);
    assertEquals(5, rows.size());
    assertTrue(rows.get(0).error().contains("incomplete"), rows.get(0).error());
    assertTrue(rows.get(1).error().contains("incomplete"), rows.get(1).error());
    assertTrue(rows.get(2).error().contains("2147483647x2147483647"), rows.get(2).error());
    assertNull(rows.get(3).error());
    assertTrue(rows.get(4).error().contains("70000x1"), rows.get(4).error());
  }

  @Test
  void aZipOfFoldersOnlyOrNoEntriesSaysSoAndOtherBytesAreNotAZip() throws IOException {
    ByteArrayOutputStream folders = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(folders)) {
      z.putNextEntry(new ZipEntry("cats/"));
      z.closeEntry();
      z.putNextEntry(new ZipEntry("dogs/"));
      z.closeEntry();
    }
    ByteArrayOutputStream empty = new ByteArrayOutputStream();
    new ZipOutputStream(empty).close();
    var onlyFolders = assertThrows(LabelloopException.class, () -> read(folders.toByteArray(), new MemoryStaging(), InputType.IMAGE, ZipLimits.DEFAULT));
    assertTrue(onlyFolders.getMessage().contains("2 folder(s) and no files"), onlyFolders.getMessage());
    var none = assertThrows(LabelloopException.class, () -> read(empty.toByteArray(), new MemoryStaging(), InputType.IMAGE, ZipLimits.DEFAULT));
    assertTrue(none.getMessage().contains("empty"), none.getMessage());
    var text = assertThrows(LabelloopException.class, () -> read("id,text\n".getBytes(StandardCharsets.UTF_8), new MemoryStaging(), InputType.IMAGE, ZipLimits.DEFAULT));
    assertTrue(text.getMessage().contains("not a zip archive"), text.getMessage());
  }

  @Test
  void handsTheEntriesItsSidecarsWantToThemInsteadOfRejectingThem() throws IOException {
    List<String> seen = new ArrayList<>();
    ZipRowSource.Sidecars sidecars = new ZipRowSource.Sidecars() {
      @Override
      public boolean wants(String name) {
        return name.endsWith(".json");
      }

      @Override
      public void accept(long line, String name, byte[] content) {
        seen.add(line + " " + name + " " + new String(content, StandardCharsets.UTF_8));
      }
    };
    List<ParsedRow> rows = new ArrayList<>();
    try (ZipRowSource source = new ZipRowSource(new ByteArrayInputStream(zip("a.png", PNG, "boxes/coco.json", "{}", "notes.txt", "x")),
        new MemoryStaging(), InputType.IMAGE, ImportLimits.DEFAULT, sidecars)) {
      for (ParsedRow r = source.next(); r != null; r = source.next()) {
        rows.add(r);
      }
    }
    assertEquals(List.of("2 boxes/coco.json {}"), seen);
    assertEquals(2, rows.size());
    assertTrue(rows.get(1).error().contains("notes.txt"), rows.toString());
  }

  @Test
  void reportsTraversalAbsoluteAndNonMediaEntriesOneByOne() throws IOException {
    MemoryStaging staging = new MemoryStaging();
    List<ParsedRow> rows = read(zip("../evil.png", PNG, "/abs.png", PNG, "notes.txt", "hello", "ok.png", PNG, "a\\..\\b.png", PNG),
        staging, InputType.IMAGE, ZipLimits.DEFAULT);
    assertEquals(5, rows.size());
    assertTrue(rows.get(0).error().contains("'..'"), rows.get(0).error());
    assertTrue(rows.get(1).error().contains("absolute"), rows.get(1).error());
    assertTrue(rows.get(2).error().contains("not an image or audio file"), rows.get(2).error());
    assertNull(rows.get(3).error());
    assertTrue(rows.get(4).error().contains("backslash"), rows.get(4).error());
    assertEquals(List.of("p/ok.png"), List.copyOf(staging.staged.keySet()));
  }

  @Test
  void rejectsAFileWhoseBytesAreNotWhatItsExtensionSays() throws IOException {
    List<ParsedRow> rows = read(zip("fake.png", "<html>", "song.wav", PNG), new MemoryStaging(), InputType.IMAGE, ZipLimits.DEFAULT);
    assertTrue(rows.get(0).error().contains("content is not PNG"), rows.get(0).error());
    assertTrue(rows.get(1).error().contains("AUDIO file, but the project takes IMAGE"), rows.get(1).error());
  }

  @Test
  void acceptsAudioInAnAudioProject() throws IOException {
    List<ParsedRow> rows = read(zip("s/one.wav", WAV), new MemoryStaging(), InputType.AUDIO, ZipLimits.DEFAULT);
    assertEquals("audio/wav", rows.getFirst().draft().metadata().path("mediaType").asText());
  }

  @Test
  void stopsReadingAtAnEntryOverTheSizeCap() throws IOException {
    byte[] big = new byte[200];
    System.arraycopy(PNG, 0, big, 0, PNG.length);
    MemoryStaging staging = new MemoryStaging();
    List<ParsedRow> rows = read(zip("a.png", PNG, "big.png", big, "c.png", PNG), staging, InputType.IMAGE, new ZipLimits(100, 1000, 10));
    assertEquals(2, rows.size());
    assertTrue(rows.get(1).error().contains("larger than the limit"), rows.get(1).error());
  }

  @Test
  void stopsReadingPastTheTotalSizeCap() throws IOException {
    List<ParsedRow> rows = read(zip("a.png", PNG, "b/a.png", PNG, "c/a.png", PNG), new MemoryStaging(), InputType.IMAGE,
        new ZipLimits(100, PNG.length * 2L + 1, 10));
    assertNull(rows.get(1).error());
    assertTrue(rows.get(2).error().contains("uncompressed"), rows.get(2).error());
  }

  @Test
  void aManifestGivesIdsLabelsAndMetadata() throws IOException {
    String manifest = "file,externalId,label,camera\nimgs/a.png,A-1,cat,nikon\nmissing.png,M,,x\n";
    List<ParsedRow> rows = read(zip("manifest.csv", manifest, "imgs/a.png", PNG, "b.png", PNG), new MemoryStaging(), InputType.IMAGE, ZipLimits.DEFAULT);
    assertEquals("A-1", rows.get(0).draft().externalId());
    assertEquals("cat", rows.get(0).draft().label());
    assertEquals("nikon", rows.get(0).draft().metadata().path("camera").asText());
    assertEquals("b.png", rows.get(1).draft().externalId());
    assertTrue(rows.get(2).error().contains("missing.png"), rows.get(2).error());
  }

  @Test
  void aManifestAfterItsFilesDescribesThemToo() throws IOException {
    // `zip photos.zip *` puts manifest.csv after a.png and before n.png
    String manifest = "file,externalId,label\na.png,A-1,cat\nn.png,N-1,dog\n";
    List<ParsedRow> rows = read(zip("a.png", PNG, "manifest.csv", manifest, "n.png", PNG), new MemoryStaging(), InputType.IMAGE, ZipLimits.DEFAULT);
    assertEquals(List.of("A-1 cat", "N-1 dog"), rows.stream().map(r -> r.draft().externalId() + " " + r.draft().label()).sorted().toList());
    assertEquals("a.png", rows.stream().filter(r -> r.draft().externalId().equals("A-1")).findFirst().orElseThrow()
        .draft().metadata().path("fileName").asText());

    List<ParsedRow> twice = read(zip("manifest.csv", manifest, "a.png", PNG, "manifest.jsonl", "{}\n", "n.png", PNG), new MemoryStaging(),
        InputType.IMAGE, ZipLimits.DEFAULT);
    assertTrue(twice.stream().anyMatch(r -> r.error() != null && r.error().contains("only one")), twice.toString());
  }

  @Test
  void refusesZipsInTextProjectsAndFilesThatAreNoZip() {
    assertThrows(LabelloopException.class, () -> read(zip("a.png", PNG), new MemoryStaging(), InputType.TEXT, ZipLimits.DEFAULT));
    assertThrows(LabelloopException.class, () -> read("id,text\n".getBytes(StandardCharsets.UTF_8), new MemoryStaging(), InputType.IMAGE, ZipLimits.DEFAULT));
  }

  @Test
  void sniffsEveryFormatByItsMagicBytes() {
    Map<MediaType, String> heads = Map.of(
        MediaType.JPEG, "\u00FF\u00D8\u00FF\u00E0", MediaType.GIF, "GIF89a", MediaType.WEBP, "RIFF\0\0\0\0WEBPVP8 ",
        MediaType.MP3, "ID3\u0004", MediaType.OGG, "OggS", MediaType.FLAC, "fLaC", MediaType.M4A, "\0\0\0\u0020ftypM4A ");
    heads.forEach((type, head) -> {
      byte[] b = head.getBytes(StandardCharsets.ISO_8859_1);
      assertEquals(type, MediaType.sniff(b, b.length).orElseThrow(), type.name());
    });
    assertEquals(MediaType.PNG, MediaType.sniff(PNG, PNG.length).orElseThrow());
    assertTrue(MediaType.sniff("<svg".getBytes(StandardCharsets.UTF_8), 4).isEmpty());
  }
}
