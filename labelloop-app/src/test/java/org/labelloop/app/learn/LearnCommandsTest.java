package org.labelloop.app.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.app.Main;
import picocli.CommandLine;

/** {@code automl} and {@code simulate} end to end on a small separable file written by the test. */
class LearnCommandsTest {
  @TempDir Path dir;

  private static final List<String> SPORT = List.of("goal", "match", "striker", "league", "coach", "stadium");
  private static final List<String> MONEY = List.of("shares", "bank", "profit", "market", "investor", "rates");

  private Path separableCsv(int perClass) throws Exception {
    StringBuilder b = new StringBuilder("text,label\n");
    for (int i = 0; i < perClass; i++) {
      b.append(sentence(SPORT, i)).append(",sport\n");
      b.append(sentence(MONEY, i)).append(",business\n");
    }
    Path f = dir.resolve("data.csv");
    Files.writeString(f, b);
    return f;
  }

  private static String sentence(List<String> words, int i) {
    return "the " + words.get(i % 6) + " and the " + words.get((i / 6 + i + 1) % 6) + " item " + i;
  }

  /** Runs the CLI in-process; returns {exit code, stdout, stderr}. */
  static String[] run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  private static String lastLine(String s) {
    String[] lines = s.strip().split("\n");
    return lines[lines.length - 1];
  }

  @Test
  void automlSeparatesASeparableSetAndPrintsTheBestLine() throws Exception {
    String[] r = run("automl", "--data", separableCsv(30).toString(), "--format", "csv", "--text", "text", "--label",
        "label", "--cv", "3", "--time-budget", "20", "--embedder", "none");
    assertEquals("0", r[0], r[2]);
    assertTrue(lastLine(r[1]).matches("best config=\\S+ cv_accuracy=1\\.0000 test_accuracy=NA seconds=\\d+"), r[1]);
  }

  @Test
  void trainHoldsOutAStratifiedShareOfTheFileWithoutATestFile() throws Exception {
    String[] r = run("train", "--task", "text", "--data", separableCsv(20).toString(), "--text", "text", "--label", "label",
        "--test-fraction", "0.25", "--time-budget", "10", "--seed", "3");
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("test: 10 of 40 distinct rows held out (--test-fraction 0.25, stratified; 0 duplicates removed)"), r[1]);
    assertTrue(lastLine(r[1]).matches("best config=\\S+ cv_accuracy=\\S+ test_accuracy=1\\.0000 seconds=\\d+"), r[1]);
  }

  @Test
  void automlSavesTheChosenModelAsOneFileThatScoresWithoutTheCli() throws Exception {
    Path file = dir.resolve("model.llm");
    String[] r = run("automl", "--data", separableCsv(20).toString(), "--format", "csv", "--text", "text", "--label",
        "label", "--cv", "3", "--time-budget", "10", "--embedder", "none", "--no-ensemble", "--save-model", file.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("model saved: version=automl-"), r[1]);
    org.labelloop.learn.model.ModelFile read;
    try (var in = Files.newInputStream(file)) {
      read = org.labelloop.learn.model.ModelFile.read(in);
    }
    assertEquals("JOB_0", read.jobId());
    var model = read.textModel(1);
    double[] p = model.predictProba(List.of("the striker and the goal"))[0];
    assertTrue(p[model.classes().indexOf("sport")] > 0.5, java.util.Arrays.toString(p));

    String[] refused = run("automl", "--data", separableCsv(5).toString(), "--format", "csv", "--label", "label",
        "--task", "tabular", "--save-model", dir.resolve("t.llm").toString());
    assertEquals("2", refused[0]);
    assertTrue(refused[2].contains("--save-model: only text and image classifiers export to a file"), refused[2]);
  }

  @Test
  void automlWithE5EmbeddingsUsesThemInTheSearchAndEmbedsNothingTheSecondTime() throws Exception {
    String[] args = {"automl", "--data", separableCsv(20).toString(), "--format", "csv", "--text", "text", "--label",
        "label", "--cv", "3", "--time-budget", "30", "--embedder", "e5-small", "--learner", "softmax-emb",
        "--embedding-cache", dir.resolve("cache").toString()};
    String[] r = run(args);
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("emb/softmax"), r[1]);
    assertTrue(lastLine(r[1]).contains("cv_accuracy=1.0000"), r[1]);
    String[] again = run(args);
    assertEquals("0", again[0], again[2]);
    assertTrue(again[2].contains("e5-small: 40 of 40 texts cached in "), again[2]);
    assertEquals(lastLine(r[1]).replaceAll("seconds=\\d+", ""), lastLine(again[1]).replaceAll("seconds=\\d+", ""));
  }

  @Test
  void aModelOnConcatenatedEncodersScoresFromItsFile() throws Exception {
    Path file = dir.resolve("pair.llm");
    String[] r = run("automl", "--data", separableCsv(20).toString(), "--format", "csv", "--text", "text", "--label",
        "label", "--cv", "3", "--time-budget", "30", "--embedder", "minilm+bge-small", "--learner", "softmax-emb",
        "--embedding-cache", dir.resolve("cache").toString(), "--save-model", file.toString());
    assertEquals("0", r[0], r[2]);
    org.labelloop.learn.model.ModelFile read;
    try (var in = Files.newInputStream(file)) {
      read = org.labelloop.learn.model.ModelFile.read(in);
    }
    var model = read.textModel(1);
    double[] p = model.predictProba(List.of("the striker and the goal"))[0];
    assertTrue(p[model.classes().indexOf("sport")] > 0.5, java.util.Arrays.toString(p));
  }

  @Test
  void simulatePrintsAFinalLinePerStrategy() throws Exception {
    Path curve = dir.resolve("curve.csv");
    String[] r = run("simulate", "--data", separableCsv(40).toString(), "--format", "csv", "--text", "text", "--label",
        "label", "--test-fraction", "0.25", "--strategy", "random,margin", "--seed", "3", "--initial", "4", "--batch",
        "4", "--budget", "16", "--embedder", "none", "--out", curve.toString());
    assertEquals("0", r[0], r[2]);
    for (String s : List.of("random", "margin")) {
      // separable data: accuracy 1, and no unlabeled item is called certain
      assertTrue(r[1].matches("(?s).*final strategy=" + s + " labels=16 accuracy=1\\.0000 macro_f1=1\\.0000 aulc=\\S+ ece=0\\.\\d{4} certain=0 labels95=\\d+\\b.*"),
          r[1]);
    }
    assertTrue(r[1].contains("full pool labels=60 accuracy=1.0000 (labels95 = labels to reach 0.9500)"), r[1]);
    assertEquals(1 + 2 * 4, Files.readAllLines(curve).size()); // header + 4 points (4, 8, 12, 16) per strategy
  }

  @Test
  void simulateNerGoesThroughTheSameLoopAndPlot() throws Exception {
    String[] names = {"Smith", "Jones", "Brown", "Taylor", "Wilson", "Evans"};
    StringBuilder conll = new StringBuilder();
    for (int i = 0; i < 60; i++) {
      conll.append("Yesterday O\n").append(names[i % names.length]).append(" B-PER\nsaid O\n").append(SPORT.get(i % 6)).append(" O\n\n");
    }
    Path data = dir.resolve("ner.conll");
    Files.writeString(data, conll);
    Path curve = dir.resolve("ner.csv"), plot = dir.resolve("ner.svg");
    String[] r = run("simulate", "--task", "ner", "--data", data.toString(), "--format", "conll", "--test-fraction", "0.25", "--strategy",
        "random,span-margin", "--seed", "3", "--initial", "5", "--batch", "5", "--budget", "15", "--out", curve.toString(),
        "--plot", plot.toString());
    assertEquals("0", r[0], r[2]);
    for (String s : List.of("random", "margin")) {
      assertTrue(r[1].matches("(?s).*final strategy=" + s + " sentences=15 precision=\\S+ recall=\\S+ f1=\\S+ aulc=[01]\\.\\d{4}\n.*"), r[1]);
    }
    List<String> rows = Files.readAllLines(curve);
    assertEquals("strategy,repeat,sentences,precision,recall,f1,train_seconds", rows.get(0));
    assertEquals(1 + 2 * 3, rows.size());
    assertTrue(Files.readString(plot).contains("test f1"));
  }

  @Test
  void unknownEmbedderIsAClearError() throws Exception {
    String[] r = run("automl", "--data", separableCsv(10).toString(), "--format", "csv", "--text", "text", "--label",
        "label", "--embedder", "bert-huge");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("unknown --embedder 'bert-huge' (use auto, none, or e5-small, bge-small, minilm"), r[2]);
  }
}
