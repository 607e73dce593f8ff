package org.labelloop.learn.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.labelloop.learn.simulate.Replay;
import org.labelloop.learn.strategy.BoxUncertainty;
import org.labelloop.learn.strategy.Candidates;

/**
 * Object detection's side of an active-learning replay: each round learns the {@link CropClassifier} from the labeled
 * images' boxes, relabels the test images' proposals with it and measures mean average precision at IoU 0.5
 * ({@link AveragePrecision}); the unlabeled images are scored by {@link BoxUncertainty} of their relabeled boxes. The
 * pool items are images, so the budget counts labeled images. Before any category is learned only the proposals of
 * mapped COCO classes give boxes.
 */
public final class DetectionReplay implements Replay {
  public static final String MAP50 = "map50";

  private final List<ImageBoxes> images;
  private final int poolSize;
  private final Map<String, String> categoryByClass;
  private final int dimension;

  /**
   * @param images the pool's images, then the test images, all with their human boxes
   * @param categoryByClass category of each COCO class that keeps the detector's boxes (may be empty)
   */
  public DetectionReplay(List<ImageBoxes> images, int poolSize, Map<String, String> categoryByClass) {
    if (poolSize < 1 || poolSize >= images.size()) throw new IllegalArgumentException("need pool images and test images");
    if (images.subList(poolSize, images.size()).stream().allMatch(i -> i.truth().isEmpty())) {
      throw new IllegalArgumentException("no box among the test images");
    }
    this.images = List.copyOf(images);
    this.poolSize = poolSize;
    this.categoryByClass = Map.copyOf(categoryByClass);
    this.dimension = images.stream().flatMap(i -> Arrays.stream(i.proposalVectors())).filter(Objects::nonNull)
        .findFirst().map(v -> v.length).orElse(1);
  }

  @Override public int poolSize() { return poolSize; }

  @Override public List<String> metrics() { return List.of(MAP50); }

  @Override public String quality() { return MAP50; }

  @Override public Round round(int[] labeled, int[] unlabeled) {
    List<float[]> vectors = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i : labeled) images.get(i).addTrainingRows(vectors, labels);
    Optional<CropClassifier> model = CropClassifier.train(vectors, labels);
    Map<String, List<Detection>> truth = new HashMap<>(), found = new HashMap<>();
    for (int i = poolSize; i < images.size(); i++) {
      truth.put(Integer.toString(i), images.get(i).truth());
      found.put(Integer.toString(i), images.get(i).relabeled(model, categoryByClass));
    }
    double map = AveragePrecision.mean(truth, found, 0.5);
    double[][] scores = new double[unlabeled.length][];
    float[][] means = new float[unlabeled.length][];
    for (int u = 0; u < unlabeled.length; u++) {
      ImageBoxes image = images.get(unlabeled[u]);
      scores[u] = image.relabeled(model, categoryByClass).stream().mapToDouble(Detection::score).toArray();
      means[u] = meanVector(image);
    }
    Candidates candidates = model.isEmpty() ? Candidates.unscored(unlabeled.length, means)
        : new Candidates(unlabeled.length, BoxUncertainty.of(scores), null, means);
    return new Round(Map.of(MAP50, map), candidates);
  }

  /** The mean of the image's proposal crops, what diversity and cold start cluster on; zeros without any. */
  private float[] meanVector(ImageBoxes image) {
    float[] mean = new float[dimension];
    int n = 0;
    for (float[] v : image.proposalVectors()) {
      if (v == null) continue;
      n++;
      for (int j = 0; j < mean.length; j++) mean[j] += v[j];
    }
    for (int j = 0; j < mean.length && n > 0; j++) mean[j] /= n;
    return mean;
  }
}
