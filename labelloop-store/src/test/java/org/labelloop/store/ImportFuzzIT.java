package org.labelloop.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.labelloop.core.Labelloop;
import org.labelloop.core.error.LabelloopException;
import org.labelloop.core.io.ImportFormat;
import org.labelloop.core.io.ImportLimits;
import org.labelloop.core.io.ImportOptions;
import org.labelloop.core.io.ImportReport;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.ProjectDraft;
import org.labelloop.core.user.Caller;
import org.labelloop.store.testing.TestDatabases;
import org.labelloop.store.testing.TestImages;

/**
 * A fuzz target per importer (issue 17): small real files of each format, made here, are mutated (bytes flipped,
 * inserted, deleted, duplicated, cut; structural characters and invalid UTF-8 spliced in; for zips, their entries
 * mutated before zipping) and imported into a real SQLite database, with and without onError=skip. Every import must
 * return a report or fail with a typed error, finish within the time bound, leave the write slot held for no longer
 * than a short batch, leave no import running, and, when refused, leave nothing behind. Inputs come from a seeded
 * random generator, so a run is repeatable; a failing input is saved under {@code target/fuzz-failures/}. 1,000
 * inputs per format here; {@code bench/fuzz.sh N} passes {@code -Dfuzz.inputs=N} for longer runs.
 */
class ImportFuzzIT {
  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final int INPUTS = Integer.getInteger("fuzz.inputs", 1000);
  private static final List<byte[]> SPLICES = java.util.stream.Stream.concat(
      java.util.stream.Stream.of("\"", "[", "]", "{", "}", ",", "\n", "\r\n", "\t", "\u0000", "\uFEFF", "-DOCSTART-", " B-", "null", "1e999999")
          .map(t -> t.getBytes(StandardCharsets.UTF_8)),
      java.util.stream.Stream.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3}, new byte[] {(byte) 0xFE, (byte) 0xFF})).toList();
  private static final Map<String, Integer> RUNS = new ConcurrentHashMap<>();
  private static Database db;
  private static Labelloop app;
  private static Caller admin;
  private static String textProject;
  private static String imageProject;

  @BeforeAll
  static void open() {
    db = TestDatabases.Kind.SQLITE.open();
    app = Labelloop.create(db.ports(), Fixtures.PLAIN, java.time.Clock.systemUTC(),
        new MemoryFiles(), ImportLimits.DEFAULT, null);
    admin = Fixtures.admin(db);
    textProject = app.projects().create(admin, new ProjectDraft("fuzz text", "", InputType.TEXT, JsonInterface.parse(Fixtures.json("""
        {"jobs": {"JOB_0": {"mlTask": "CLASSIFICATION", "required": 0, "content": {"input": "radio",
                    "categories": {"SPORT": {"name": "Sport"}, "POLITICS": {"name": "Politics"}}}},
                  "NER": {"mlTask": "NAMED_ENTITIES_RECOGNITION", "required": 0, "content": {"input": "radio",
                    "categories": {"PER": {"name": "Person"}, "ORG": {"name": "Org"}}}}}}""")))).id();
    imageProject = app.projects().create(admin, new ProjectDraft("fuzz boxes", "", InputType.IMAGE, JsonInterface.parse(Fixtures.json("""
        {"jobs": {"BOXES": {"mlTask": "OBJECT_DETECTION", "required": 0, "tools": ["rectangle"], "content": {"input": "radio",
                    "categories": {"CAR": {"name": "car"}, "PERSON": {"name": "person"}}}}}}""")))).id();
  }

  @AfterAll
  static void close() {
    System.out.println("fuzz inputs per format: " + new java.util.TreeMap<>(RUNS)); // read by bench/fuzz.sh
    db.close();
  }

  /** One mutation: what to do, where (a fraction of the length) and with which bytes. */
  record Mutation(int kind, double at, double length, byte[] bytes) {}

  /** One to six mutations: random bytes, or a character that matters to some format, spliced in at random places. */
  static List<Mutation> mutations(SplittableRandom random) {
    List<Mutation> out = new ArrayList<>();
    for (int n = 1 + random.nextInt(6); n > 0; n--) {
      byte[] bytes;
      if (random.nextBoolean()) {
        bytes = new byte[1 + random.nextInt(16)];
        random.nextBytes(bytes);
      } else {
        bytes = SPLICES.get(random.nextInt(SPLICES.size()));
      }
      out.add(new Mutation(random.nextInt(6), random.nextDouble(), random.nextDouble(), bytes));
    }
    return out;
  }

  static byte[] mutate(byte[] seed, List<Mutation> mutations) {
    byte[] b = seed;
    for (Mutation m : mutations) {
      int at = (int) (m.at() * b.length);
      int len = Math.min(b.length - at, 1 + (int) (m.length() * Math.min(64, b.length)));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      switch (m.kind()) {
        case 0 -> { // flip the bits of one byte
          b = b.clone();
          if (at < b.length) {
            b[at] ^= (byte) (1 + (m.bytes()[0] & 0x7F));
          }
          continue;
        }
        case 1 -> { // insert
          out.write(b, 0, at);
          out.writeBytes(m.bytes());
          out.write(b, at, b.length - at);
        }
        case 2 -> { // delete a range
          out.write(b, 0, at);
          out.write(b, at + len, b.length - at - len);
        }
        case 3 -> { // duplicate a range
          out.write(b, 0, at + len);
          out.write(b, at, b.length - at);
        }
        case 4 -> out.write(b, 0, at); // cut short
        default -> { // overwrite with the spliced bytes
          out.write(b, 0, at);
          out.writeBytes(m.bytes());
          int skip = Math.min(b.length - at, m.bytes().length);
          out.write(b, at + skip, b.length - at - skip);
        }
      }
      b = out.toByteArray();
    }
    return b;
  }

  private void fuzz(String target, ImportFormat format, String project, byte[] input, boolean skip) {
    long before = db.projects().stats(project).assetCount();
    long started = System.nanoTime();
    ImportOptions options = new ImportOptions(format, null, null, null, skip, false, "fuzz." + format.name().toLowerCase(), false);
    try (InputStream in = new ByteArrayInputStream(input)) {
      ImportReport report = app.assets().importFile(admin, project, in, options);
      assertTrue(report.imported() >= 0 && report.duplicates() >= 0 && report.rejected() >= 0);
      assertTrue(report.errors().size() <= ImportReport.MAX_ERRORS);
    } catch (LabelloopException refused) {
      assertEquals(before, db.projects().stats(project).assetCount(), "a refused import wrote assets: " + refused.getMessage());
      assertTrue(refused.getMessage().length() < 20_000, "an error echoes the file");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertTrue(took.compareTo(BOUND) < 0, "an import of " + input.length + " bytes took " + took);
    assertTrue(db.tx().longestWriteSlotHold().compareTo(WriterLock.SLOW_HOLD) < 0, "write slot held " + db.tx().longestWriteSlotHold());
    assertTrue(db.imports().abandoned(java.time.Instant.now().plusSeconds(3600)).isEmpty(), "an import was left running");
    long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    assertTrue(heap < 1L << 30, "heap in use: " + heap);
    RUNS.merge(target, 1, Integer::sum);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** {@link #INPUTS} mutants of the seed files {@code input} makes from a list of mutations, each imported once. */
  private void fuzzMany(ImportFormat format, Function<List<Mutation>, byte[]> input) {
    String project = format == ImportFormat.ZIP || format.boxes() ? imageProject : textProject;
    fuzzMany(format.name(), format, project, 17 + format.ordinal(), input);
  }

  /** A target of its own (a format read another way, e.g. as a zip of images), with its own seed. */
  private void fuzzMany(String target, ImportFormat format, String project, long seed, Function<List<Mutation>, byte[]> input) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < INPUTS; i++) {
      List<Mutation> m = mutations(random);
      byte[] bytes = input.apply(m);
      boolean skip = random.nextBoolean();
      try {
        fuzz(target, format, project, bytes, skip);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(target + " input " + i + " (onError=" + (skip ? "skip" : "fail") + ", saved as " + save(target, i, bytes)
            + "): " + e.getMessage(), e);
      }
    }
  }

  private static Path save(String target, int i, byte[] bytes) {
    try {
      Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
      return Files.write(dir.resolve(target.toLowerCase().replace(' ', '-') + "-" + i + ".bin"), bytes).toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void csv() {
    fuzzMany(ImportFormat.CSV, m -> mutate(utf8("id,text,label\na1,\"hello, world\",SPORT\na2,\"two\nlines\",\na3,third,POLITICS\n"), m));
  }

  @Test
  void tsv() {
    fuzzMany(ImportFormat.TSV, m -> mutate(utf8("id\ttext\tlabel\nt1\tone\tSPORT\nt2\ttwo\t\n"), m));
  }

  @Test
  void jsonLines() {
    fuzzMany(ImportFormat.JSONL, m -> mutate(utf8("{\"externalId\":\"j1\",\"content\":\"one\",\"label\":\"SPORT\",\"metadata\":{\"k\":[1,2]}}\n"
        + "{\"id\":\"j2\",\"text\":\"two\",\"priority\":3,\"isHoneypot\":true}\n"), m));
  }

  @Test
  void doccano() {
    fuzzMany(ImportFormat.DOCCANO, m -> mutate(utf8("{\"id\":1,\"text\":\"Ann met Acme\",\"label\":[[0,3,\"PER\"],[8,12,\"ORG\"]],\"Comments\":[]}\n"
        + "{\"text\":\"Vote today\",\"cats\":[\"Politics\"],\"entities\":[{\"start_offset\":0,\"end_offset\":4,\"label\":\"ORG\"}]}\n"), m));
  }

  @Test
  void plainTextLines() {
    fuzzMany(ImportFormat.TXT, m -> mutate(utf8("first text\n\nsecond, with a comma\n\"quoted\" third\r\n"), m));
  }

  @Test
  void jsonArray() {
    fuzzMany(ImportFormat.JSON, m -> mutate(utf8("[{\"externalId\":\"a1\",\"content\":\"one\"},\n {\"externalId\":\"a2\",\"content\":\"two\",\"label\":\"POLITICS\"}]"), m));
  }

  @Test
  void conll() {
    fuzzMany(ImportFormat.CONLL, m -> mutate(utf8("-DOCSTART- -X- O O\n\nAnn NNP B-NP B-PER\nmet VBD B-VP O\nAcme NNP B-NP B-ORG\n\nNothing NN B-NP O\n\n"), m));
  }

  @Test
  void bio() {
    fuzzMany(ImportFormat.BIO, m -> mutate(utf8("Ann\tB-PER\nSmith\tI-PER\nmet\tO\n\nAcme\tB-ORG\n\n"), m));
  }

  @Test
  void prodigy() {
    fuzzMany(ImportFormat.PRODIGY, m -> mutate(utf8("{\"text\":\"Ann met Acme\",\"spans\":[{\"start\":0,\"end\":3,\"label\":\"PER\"}],\"answer\":\"accept\"}\n"
        + "{\"text\":\"Acme\",\"tokens\":[{\"text\":\"Acme\",\"start\":0,\"end\":4,\"id\":0}],\"spans\":[],\"answer\":\"reject\"}\n"
        + "{\"id\":\"c1\",\"text\":\"Goal\",\"options\":[{\"id\":\"SPORT\",\"text\":\"Sport\"}],\"accept\":[\"SPORT\"],\"answer\":\"accept\"}\n"
        + "{\"text\":\"Vote\",\"label\":\"POLITICS\",\"answer\":\"accept\",\"meta\":{\"k\":1}}\n"), m));
  }

  @Test
  void spacy() {
    fuzzMany(ImportFormat.SPACY, m -> mutate(utf8("[{\"text\":\"Ann met Acme\",\"entities\":[[0,3,\"PER\"],[8,12,\"ORG\"]]},[\"Bob\",{\"entities\":[[0,3,\"PER\"]]}]]"), m));
  }

  @Test
  void labelStudio() {
    fuzzMany(ImportFormat.LABELSTUDIO, m -> mutate(utf8("[{\"id\":1,\"data\":{\"text\":\"Ann met Acme\"},\"annotations\":[{\"result\":[{\"type\":\"labels\","
        + "\"value\":{\"start\":0,\"end\":3,\"labels\":[\"PER\"]}},{\"from_name\":\"topic\",\"type\":\"choices\",\"value\":{\"choices\":[\"Sport\"]}}]}]},"
        + "{\"id\":2,\"data\":{\"text\":\"Vote\",\"k\":[1]},\"annotations\":[{\"was_cancelled\":true,\"result\":[]}],"
        + "\"predictions\":[{\"model_version\":\"m1\",\"score\":0.7,\"result\":[{\"from_name\":\"topic\",\"type\":\"choices\",\"value\":{\"choices\":[\"Politics\"]}}]}]}]"), m));
  }

  @Test
  void labelStudioImagesZip() {
    String tasks = "[{\"id\":1,\"data\":{\"image\":\"/data/upload/1/0a1b2c3d-a.png\"},\"annotations\":[{\"result\":[{\"from_name\":\"box\","
        + "\"type\":\"rectanglelabels\",\"value\":{\"x\":10,\"y\":20,\"width\":30,\"height\":40,\"rectanglelabels\":[\"car\"]}}]}]},"
        + "{\"id\":2,\"data\":{\"image\":\"b.jpg\"},\"annotations\":[]}]";
    byte[] a = png(20, 10);
    byte[] b = jpeg(4, 4);
    fuzzMany("LABELSTUDIO zip", ImportFormat.LABELSTUDIO, imageProject, 101, m -> zipOf(m, "tasks.json", utf8(tasks), "a.png", a, "b.jpg", b));
  }

  @Test
  void kiliJson() {
    fuzzMany("KILI json", ImportFormat.KILI, textProject, 102, m -> mutate(utf8("[{\"externalId\":\"k1\",\"content\":\"Ann\",\"jsonMetadata\":\"{\\\"a\\\":1}\","
        + "\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"SPORT\"}]},\"NER\":{\"annotations\":[{\"categories\":[{\"name\":\"PER\"}],"
        + "\"beginOffset\":0,\"content\":\"Ann\"}]}}},{\"externalId\":\"k2\",\"content\":\"two\",\"labels\":[{\"labelType\":\"REVIEW\","
        + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"jsonResponse\":{\"JOB_0\":{\"categories\":[{\"name\":\"POLITICS\"}]}}}]}]"), m));
  }

  @Test
  void kiliCsv() {
    fuzzMany("KILI csv", ImportFormat.KILI, textProject, 103, m -> mutate(utf8("externalId,content,jsonMetadata,jsonResponse\n"
        + "c1,hello,\"{\"\"a\"\": 1}\",\"{\"\"JOB_0\"\": {\"\"categories\"\": [{\"\"name\"\": \"\"SPORT\"\"}]}}\"\nc2,bye,,\n"), m));
  }

  @Test
  void kiliImagesZip() {
    String kili = "{\"externalId\":\"a\",\"content\":\"imgs/a.png\",\"jsonResponse\":{\"BOXES\":{\"annotations\":[{\"categories\":[{\"name\":\"CAR\"}],"
        + "\"type\":\"rectangle\",\"boundingPoly\":[{\"normalizedVertices\":[{\"x\":0.1,\"y\":0.6},{\"x\":0.1,\"y\":0.2},{\"x\":0.4,\"y\":0.2},"
        + "{\"x\":0.4,\"y\":0.6}]}]}]}}}\n";
    byte[] a = png(20, 10);
    fuzzMany("KILI zip", ImportFormat.KILI, imageProject, 104, m -> zipOf(m, "kili.jsonl", utf8(kili), "imgs/a.png", a));
  }

  @Test
  void voc() {
    String xml = "<annotation><filename>a.png</filename><size><width>20</width><height>10</height></size>"
        + "<object><name>person</name><bndbox><xmin>3</xmin><ymin>2</ymin><xmax>8</xmax><ymax>5</ymax></bndbox></object></annotation>";
    byte[] a = png(20, 10);
    byte[] b = jpeg(4, 4);
    fuzzMany(ImportFormat.VOC, m -> zipOf(m, "Annotations/a.xml", utf8(xml), "JPEGImages/a.png", a, "JPEGImages/b.jpg", b,
        "Annotations/b.xml", utf8("<annotation><filename>b.jpg</filename></annotation>")));
  }

  @Test
  void coco() {
    String json = "{\"images\":[{\"id\":7,\"file_name\":\"a.png\",\"width\":20,\"height\":10}],"
        + "\"annotations\":[{\"id\":1,\"image_id\":7,\"category_id\":3,\"bbox\":[2,1,6,4]}],\"categories\":[{\"id\":3,\"name\":\"person\"}]}";
    byte[] a = png(20, 10);
    byte[] b = jpeg(4, 4);
    fuzzMany(ImportFormat.COCO, m -> zipOf(m, "coco.json", utf8(json), "a.png", a, "b.jpg", b));
  }

  @Test
  void yolo() {
    byte[] a = png(20, 10);
    byte[] b = png(3, 3);
    fuzzMany(ImportFormat.YOLO, m -> zipOf(m, "classes.txt", utf8("car\nperson\n"), "images/a.png", a,
        "labels/a.txt", utf8("1 0.25 0.3 0.3 0.4\n0 0.5 0.5 1 1\n"), "images/b.png", b, "labels/b.txt", new byte[0]));
  }

  @Test
  void mediaZip() {
    byte[] a = png(5, 4);
    byte[] b = jpeg(6, 6);
    fuzzMany(ImportFormat.ZIP, m -> zipOf(m, "manifest.csv", utf8("file,externalId,label\ncats/a.png,a,\nb.jpg,b,\n"),
        "cats/a.png", a, "b.jpg", b, "dir/", null));
  }

  /**
   * A zip of the entries, either with one entry mutated before zipping or (when the first mutation's kind is odd) with
   * the zip's own bytes mutated.
   */
  private static byte[] zipOf(List<Mutation> m, Object... nameAndBytes) {
    boolean inside = m.getFirst().kind() % 2 == 0;
    int victim = (int) (m.getFirst().at() * (nameAndBytes.length / 2)) * 2;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (int i = 0; i < nameAndBytes.length; i += 2) {
        z.putNextEntry(new ZipEntry((String) nameAndBytes[i]));
        byte[] content = (byte[]) nameAndBytes[i + 1];
        if (content != null) {
          z.write(inside && i == victim ? mutate(content, m) : content);
        }
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return inside ? out.toByteArray() : mutate(out.toByteArray(), m);
  }

  private static byte[] png(int width, int height) {
    return image("png", width, height);
  }

  private static byte[] jpeg(int width, int height) {
    return image("jpg", width, height);
  }

  private static byte[] image(String format, int width, int height) {
    return TestImages.encode(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format);
  }

  /** Files in memory, staged and published like the disk store does. */
  private static final class MemoryFiles implements FileStore {
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();

    @Override
    public Staging stage(String projectId) {
      Map<String, byte[]> staged = new ConcurrentHashMap<>();
      List<String> published = new ArrayList<>();
      return new Staging() {
        @Override
        public String put(String name, InputStream in, long maxBytes) throws IOException {
          byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
          if (bytes.length > maxBytes) {
            throw new FileStore.TooLarge(maxBytes);
          }
          String key = projectId + "/" + staged.size() + "-" + name;
          staged.put(key, bytes);
          return key;
        }

        @Override
        public void publish(Collection<String> keys) {
          keys.forEach(k -> files.put(k, staged.remove(k)));
          published.addAll(keys);
        }

        @Override
        public void unpublish() {
          published.forEach(files::remove);
        }

        @Override
        public void close() {
          staged.clear();
        }
      };
    }

    @Override
    public InputStream open(String key) throws IOException {
      byte[] b = files.get(key);
      if (b == null) {
        throw new IOException("no file " + key);
      }
      return new ByteArrayInputStream(b);
    }

    @Override
    public long size(String key) throws IOException {
      byte[] b = files.get(key);
      if (b == null) {
        throw new IOException("no file " + key);
      }
      return b.length;
    }

    @Override
    public void delete(String projectId) {
      files.keySet().removeIf(k -> k.startsWith(projectId + "/"));
    }
  }
}
