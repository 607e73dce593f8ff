package org.labelloop.learn.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One image as the crop classifier sees it: its human boxes (none for an unlabeled image) and the detector's
 * proposals, each with the embedding of its crop ({@link BoxCrops}). Proposals are every box the detector scores at
 * least {@value #PROPOSAL_SCORE} for any of its classes, overlapping boxes of different classes reduced to the best
 * ({@link Nms#anyClass}), at most {@value #MAX_PROPOSALS}: the detector's classes serve as a class-agnostic-enough
 * objectness (drawn circles come out as frisbee, orange or sports ball, each a tight box). On cluttered drawn shapes
 * the best 10 such boxes covered 24 % of the shapes at IoU 0.5, the best 30 91 %, all boxes 99 % (BENCHMARKS.md).
 *
 * @param truthVectors one per truth box ({@code null} where the encoder could not read the crop); likewise
 *     {@code proposalVectors}
 */
public record ImageBoxes(List<Detection> truth, float[][] truthVectors, List<Detection> proposals, float[][] proposalVectors) {
  public static final double PROPOSAL_SCORE = 0.05;
  static final int MAX_PROPOSALS = 30;
  static final double PROPOSAL_NMS_IOU = 0.5;
  /** A proposal overlapping a human box this much learns that box's category; below {@link #BACKGROUND_IOU}, background. */
  static final double MATCH_IOU = 0.5, BACKGROUND_IOU = 0.3;

  public ImageBoxes {
    truth = List.copyOf(truth);
    proposals = List.copyOf(proposals);
    if (truthVectors.length != truth.size() || proposalVectors.length != proposals.size()) {
      throw new IllegalArgumentException("one vector per box");
    }
  }

  /** Detects the proposals of {@code image} and embeds the crops of them and of {@code truth}. */
  public static ImageBoxes of(byte[] image, List<Detection> truth, ObjectDetector detector, ImageEncoder encoder)
      throws ImageDecodeException {
    List<Detection> proposals = Nms.anyClass(detector.detect(image, PROPOSAL_SCORE), PROPOSAL_NMS_IOU, MAX_PROPOSALS);
    List<Detection> all = new ArrayList<>(truth);
    all.addAll(proposals);
    float[][] v = all.isEmpty() ? new float[0][] : encoder.embed(BoxCrops.of(image, all));
    float[][] t = new float[truth.size()][], p = new float[proposals.size()][];
    System.arraycopy(v, 0, t, 0, t.length);
    System.arraycopy(v, t.length, p, 0, p.length);
    return new ImageBoxes(truth, t, proposals, p);
  }

  /** These proposals with {@code truth} as the human boxes of {@code image}, their crops embedded by {@code encoder}. */
  public ImageBoxes withTruth(byte[] image, List<Detection> truth, ImageEncoder encoder) throws ImageDecodeException {
    float[][] v = truth.isEmpty() ? new float[0][] : encoder.embed(BoxCrops.of(image, truth));
    return new ImageBoxes(truth, v, proposals, proposalVectors);
  }

  /**
   * The proposals as boxes of categories ({@link CropClassifier#relabel}); without a model only the proposals of
   * mapped COCO classes, with the detector's scores.
   *
   * @param categoryByClass category of each COCO class that keeps the detector's boxes
   */
  public List<Detection> relabeled(Optional<CropClassifier> model, Map<String, String> categoryByClass) {
    List<Detection> out = new ArrayList<>();
    for (int j = 0; j < proposals.size(); j++) {
      Detection p = proposals.get(j);
      if (model.isPresent() && proposalVectors[j] != null) {
        out.add(model.get().relabel(p, proposalVectors[j], categoryByClass));
      } else if (categoryByClass.containsKey(p.label())) {
        out.add(new Detection(categoryByClass.get(p.label()), p.score(), p.x(), p.y(), p.width(), p.height()));
      }
    }
    return out;
  }

  /**
   * What a labeled image teaches the crop classifier, added to {@code vectors} and {@code labels}: each human box's
   * crop with its category, each proposal matching a human box with that box's category, and each proposal overlapping
   * no human box with {@link CropClassifier#BACKGROUND} (R-CNN's positives and negatives).
   */
  public void addTrainingRows(List<float[]> vectors, List<String> labels) {
    for (int i = 0; i < truth.size(); i++) {
      if (truthVectors[i] == null) continue;
      vectors.add(truthVectors[i]);
      labels.add(truth.get(i).label());
    }
    for (int j = 0; j < proposals.size(); j++) {
      if (proposalVectors[j] == null) continue;
      Detection best = null;
      double bestIou = 0;
      for (Detection t : truth) {
        double o = t.iou(proposals.get(j));
        if (o > bestIou) {
          best = t;
          bestIou = o;
        }
      }
      if (bestIou >= MATCH_IOU) {
        vectors.add(proposalVectors[j]);
        labels.add(best.label());
      } else if (bestIou < BACKGROUND_IOU) {
        vectors.add(proposalVectors[j]);
        labels.add(CropClassifier.BACKGROUND);
      }
    }
  }
}
