package org.labelloop.learn.ner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.labelloop.learn.ner.format.ConllFormat;

/** Manual simulation run (not a unit test). Args: train test strategies initial batch budget seed [l2]. */
public final class NerSimMain {
  public static void main(String[] args) throws Exception {
    List<NerSentence> pool = ConllFormat.conll2003Iob1().read(Files.newBufferedReader(Path.of(args[0])), "train");
    List<NerSentence> test = ConllFormat.conll2003Iob1().read(Files.newBufferedReader(Path.of(args[1])), "test");
    List<NerStrategy> strategies = Arrays.stream(args[2].split(",")).map(NerStrategy::parse).toList();
    double l2 = args.length > 7 ? Double.parseDouble(args[7]) : 1.0;
    NerTrainingConfig cfg = NerTrainingConfig.defaults(1).withL2(l2);
    long t0 = System.nanoTime();
    new NerSimulator(cfg).run(pool, test, strategies, Integer.parseInt(args[3]), Integer.parseInt(args[4]),
        Integer.parseInt(args[5]), Long.parseLong(args[6]), (p, d, t) -> System.out.printf("%s %d f1=%.4f train=%.2fs elapsed=%.0fs%n",
            p.strategy().cliName(), p.sentences(), p.scores().overall().f1(), p.trainSeconds(), (System.nanoTime() - t0) / 1e9));
  }
}
