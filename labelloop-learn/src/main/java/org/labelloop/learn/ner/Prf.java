package org.labelloop.learn.ner;

/** Entity counts of one type (or all): true positives, false positives, false negatives, with P/R/F1 as fractions. */
public record Prf(int truePositives, int falsePositives, int falseNegatives) {
  public Prf {
    if (truePositives < 0 || falsePositives < 0 || falseNegatives < 0) throw new IllegalArgumentException("negative count");
  }

  public double precision() {
    int d = truePositives + falsePositives;
    return d == 0 ? 0 : (double) truePositives / d;
  }

  public double recall() {
    int d = truePositives + falseNegatives;
    return d == 0 ? 0 : (double) truePositives / d;
  }

  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  Prf plus(Prf o) {
    return new Prf(truePositives + o.truePositives, falsePositives + o.falsePositives, falseNegatives + o.falseNegatives);
  }
}
