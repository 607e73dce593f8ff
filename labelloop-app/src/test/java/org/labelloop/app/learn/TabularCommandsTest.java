package org.labelloop.app.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labelloop.app.Main;
import picocli.CommandLine;

/** {@code simulate --task tabular} and {@code automl --task tabular} on a small table written by the test. */
class TabularCommandsTest {
  @TempDir Path dir;

  /** Made-up orders: late when delivery took over 5 days or the courier is slowpost; "score" leaks the label. */
  private Path orders(String name, int n, long seed) throws Exception {
    SplittableRandom r = new SplittableRandom(seed);
    StringBuilder b = new StringBuilder("order_id,days,courier,gift,score,status\n");
    for (int i = 0; i < n; i++) {
      double days = r.nextDouble(0, 10);
      String courier = r.nextInt(4) == 0 ? "slowpost" : r.nextBoolean() ? "fastex" : "dhl";
      boolean late = days > 5 || courier.equals("slowpost");
      b.append(String.format(Locale.ROOT, "o%d,%.2f,%s,%s,%d,%s%n", i, days, courier, r.nextBoolean() ? "yes" : "",
          late ? 1 : 0, late ? "late" : "on time"));
    }
    Path f = dir.resolve(name);
    Files.writeString(f, b);
    return f;
  }

  private static String[] run(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new String[] {Integer.toString(code), out.toString(), err.toString()};
  }

  @Test
  void simulatePrintsTheTextFinalLinesAndWritesTheCurve() throws Exception {
    Path data = orders("orders.csv", 300, 1), curve = dir.resolve("curve.csv"), plot = dir.resolve("curve.svg");
    String[] r = run("simulate", "--task", "tabular", "--data", data.toString(), "--format", "csv", "--label", "status",
        "--drop", "score", "--strategy", "random,margin", "--initial", "10", "--batch", "10", "--budget", "40",
        "--seed", "3", "--out", curve.toString(), "--plot", plot.toString());
    assertEquals("0", r[0], r[2]);
    assertTrue(r[1].contains("columns order_id:id days:numeric courier:categorical gift:boolean score:ignore status:label"), r[1]);
    assertTrue(r[1].contains("final strategy=random labels=40 accuracy="), r[1]);
    assertTrue(r[1].contains("final strategy=margin labels=40 accuracy="), r[1]);
    assertEquals(1 + 2 * 4, Files.readAllLines(curve).size());
    assertTrue(Files.readString(plot).startsWith("<svg"));
  }

  @Test
  void automlRanksLearnersAndScoresTheTestFile() throws Exception {
    String[] r = searchOrders("automl", "60");
    assertTrue(r[1].contains("tab(num1+cat1+bool1)/lr(C=1)") && r[1].contains("tab(num1+cat1+bool1)/xgb("), r[1]);
    assertTrue(testAccuracy(lastLine(r[1])) > 0.9, lastLine(r[1]));
  }

  /** {@code command --task tabular} on orders, scored on other orders; it must succeed. */
  private String[] searchOrders(String command, String budget) throws Exception {
    Path train = orders("train.csv", 200, 2), test = orders("test.csv", 100, 3);
    String[] r = run(command, "--task", "tabular", "--data", train.toString(), "--test", test.toString(), "--format",
        "csv", "--label", "status", "--drop", "score", "--time-budget", budget);
    assertEquals("0", r[0], r[2]);
    return r;
  }

  private static String lastLine(String out) { return out.strip().substring(out.strip().lastIndexOf('\n') + 1); }

  private static double testAccuracy(String bestLine) {
    return Double.parseDouble(bestLine.replaceAll(".*test_accuracy=([0-9.]+).*", "$1"));
  }

  @Test
  void trainRunsTheSameSearchAndScoresTheTestFile() throws Exception {
    String best = lastLine(searchOrders("train", "30")[1]);
    assertTrue(best.startsWith("best config=tab(num1+cat1+bool1)/") && testAccuracy(best) > 0.9, best);
    // without --test: a stratified fifth of the file (by --test-fraction), the format read from its name
    String[] heldOut = run("train", "--task", "tabular", "--data", orders("x.csv", 200, 4).toString(), "--label", "status",
        "--drop", "score", "--time-budget", "10");
    assertEquals("0", heldOut[0], heldOut[2]);
    assertTrue(heldOut[1].contains("test: 39 of 193 distinct rows held out (--test-fraction 0.2, stratified; 7 duplicates removed)"), heldOut[1]);
    assertTrue(testAccuracy(lastLine(heldOut[1])) > 0.8, lastLine(heldOut[1]));
    String[] both = run("automl", "--task", "tabular", "--data", orders("y.csv", 50, 4).toString(), "--format", "csv",
        "--label", "status", "--test", orders("z.csv", 50, 5).toString(), "--test-fraction", "0.3");
    assertEquals("2", both[0]);
    assertTrue(both[2].contains("give --test or --test-fraction, not both"), both[2]);
  }

  @Test
  void aBadValueInTheTestFileIsReportedWithItsRow() throws Exception {
    Path train = orders("train.csv", 50, 4);
    Path test = dir.resolve("bad.csv");
    Files.writeString(test, "order_id,days,courier,gift,score,status\nx1,2.5,dhl,yes,0,on time\nx2,three,dhl,,1,late\n");
    String[] r = run("automl", "--task", "tabular", "--data", train.toString(), "--test", test.toString(), "--format",
        "csv", "--label", "status", "--time-budget", "20");
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("bad.csv: data row 2: column 'days' is numeric and expects a number, got 'three'"), r[2]);
  }
}
