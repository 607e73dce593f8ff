package org.labelloop.learn.image;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.labelloop.learn.feature.SparseMatrix;
import org.labelloop.learn.learner.Scorer;
import org.labelloop.learn.learner.SoftmaxLearner;
import org.labelloop.learn.media.MediaTable;

/**
 * Categories of boxes the detector does not know, learned from the embeddings of labeled box crops
 * ({@link ImageBoxes#addTrainingRows}): softmax regression over the categories and {@link #BACKGROUND}, on vectors
 * z-scored with the training rows' statistics (as {@link MediaTable#standardised} does for whole images). It relabels the detector's proposals
 * ({@link #relabel}): a proposal gets the category the classifier finds most likely with that probability, except that
 * a proposal of a COCO class mapped to a category keeps that category and the detector's score unless the classifier
 * gives another category at least {@value #CONFIDENT}.
 *
 * @param classes the categories, then {@link #BACKGROUND}
 */
public record CropClassifier(List<String> classes, float[] mean, float[] scale, Scorer scorer) implements Serializable {
  /** The class of crops that show no labeled object. */
  public static final String BACKGROUND = "(background)";
  static final double CONFIDENT = 0.8;
  /**
   * Regularisation of the softmax: strong, as a thousand correlated embedding columns meet a few dozen crops; fixed
   * rather than searched, so a retraining costs one fit.
   */
  public static final double C = 0.1;

  /**
   * Trains on crop vectors and their categories (or {@link #BACKGROUND}); empty while they name fewer than one category
   * and two classes, which is too little to learn from.
   */
  public static Optional<CropClassifier> train(List<float[]> vectors, List<String> labels) {
    List<String> classes = new ArrayList<>(labels.stream().filter(l -> !l.equals(BACKGROUND)).distinct().sorted().toList());
    boolean background = labels.contains(BACKGROUND);
    if (classes.isEmpty() || classes.size() + (background ? 1 : 0) < 2) return Optional.empty();
    classes.add(BACKGROUND);
    int d = vectors.getFirst().length;
    float[][] rows = vectors.toArray(float[][]::new);
    float[] mean = new float[d], scale = new float[d];
    for (int j = 0; j < d; j++) {
      double m = 0, s = 0;
      for (float[] r : rows) m += r[j] / rows.length;
      for (float[] r : rows) s += Math.pow(r[j] - m, 2) / rows.length;
      mean[j] = (float) m;
      scale[j] = s > 1e-24 ? (float) Math.sqrt(s) : 1;
    }
    CropClassifier unfitted = new CropClassifier(List.copyOf(classes), mean, scale, null);
    float[][] z = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) z[i] = unfitted.standardised(rows[i]);
    int[] y = labels.stream().mapToInt(classes::indexOf).toArray();
    Scorer scorer = new SoftmaxLearner(C).fit(SparseMatrix.ofDense(z, d), y, classes.size());
    return Optional.of(new CropClassifier(unfitted.classes, mean, scale, scorer));
  }

  /** The categories this classifier tells apart, without {@link #BACKGROUND}. */
  public List<String> categories() {
    return classes.subList(0, classes.size() - 1);
  }

  /** Probabilities of {@link #classes()} for one crop vector. */
  public double[] probabilities(float[] vector) {
    float[] z = standardised(vector);
    double[] s = scorer.scores(SparseMatrix.ofDense(new float[][] {z}, z.length))[0];
    double max = Double.NEGATIVE_INFINITY, sum = 0;
    for (double v : s) max = Math.max(max, v);
    double[] p = new double[s.length];
    for (int k = 0; k < s.length; k++) sum += p[k] = Math.exp(s[k] - max);
    for (int k = 0; k < s.length; k++) p[k] /= sum;
    return p;
  }

  /**
   * The proposal as a box of a category: see the class comment.
   *
   * @param categoryByClass category of each COCO class the project maps
   */
  public Detection relabel(Detection proposal, float[] vector, Map<String, String> categoryByClass) {
    double[] p = probabilities(vector);
    int best = 0;
    for (int k = 1; k < p.length - 1; k++) if (p[k] > p[best]) best = k;
    String mapped = categoryByClass.get(proposal.label());
    if (mapped != null && (p[best] < CONFIDENT || classes.get(best).equals(mapped))) return as(proposal, mapped, proposal.score());
    return as(proposal, classes.get(best), p[best]);
  }

  private float[] standardised(float[] vector) {
    float[] z = new float[vector.length];
    for (int j = 0; j < z.length; j++) z[j] = (vector[j] - mean[j]) / scale[j];
    return z;
  }

  private static Detection as(Detection box, String label, double score) {
    return new Detection(label, Math.min(1, Math.max(0, score)), box.x(), box.y(), box.width(), box.height());
  }
}
