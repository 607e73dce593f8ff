package org.labelloop.learn.ner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.labelloop.learn.ner.format.ConllFormat;

/** Manual benchmark (not a unit test): trains on a CoNLL file and evaluates on another. Args: train test [epochs l2 eta0]. */
public final class NerBenchMain {
  public static void main(String[] args) throws Exception {
    List<NerSentence> train = ConllFormat.conll2003Iob1().read(Files.newBufferedReader(Path.of(args[0])), "train");
    List<NerSentence> test = ConllFormat.conll2003Iob1().read(Files.newBufferedReader(Path.of(args[1])), "test");
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    double l2 = args.length > 3 ? Double.parseDouble(args[3]) : 1.0;
    double eta0 = args.length > 4 ? Double.parseDouble(args[4]) : 0.1;
    int limit = args.length > 5 ? Integer.parseInt(args[5]) : train.size();
    train = train.subList(0, Math.min(limit, train.size()));
    NerTrainingConfig cfg = new NerTrainingConfig(FeatureConfig.rich(), TagScheme.IOB2, l2, epochs, eta0, 1);
    long t0 = System.nanoTime();
    NerModel m = NerTrainer.train(train, cfg);
    long t1 = System.nanoTime();
    EntityScores sc = EntityScores.evaluate(m, test);
    long t2 = System.nanoTime();
    sc.report().forEach(System.out::println);
    System.out.printf("train %.1fs (%d sentences), first tagging pass %.0f sentences/s%n", (t1 - t0) / 1e9, train.size(), test.size() / ((t2 - t1) / 1e9));
    var bean = java.lang.management.ManagementFactory.getThreadMXBean();
    for (int pass = 0; pass < 5; pass++) {
      long w0 = System.nanoTime();
      long c0 = bean.getCurrentThreadCpuTime();
      int spans = 0;
      for (NerSentence s : test) spans += m.predict(s).size();
      long c1 = bean.getCurrentThreadCpuTime();
      long w1 = System.nanoTime();
      System.out.printf("tagging pass %d: %d sentences, %.0f sentences/s wall, %.0f sentences/s per CPU-second (%d spans)%n", pass,
          test.size(), test.size() / ((w1 - w0) / 1e9), test.size() / ((c1 - c0) / 1e9), spans);
    }
  }
}
