package org.labelloop.learn.model;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Provenance of a trained model, after Tribuo's provenance and "Model Cards" (Mitchell et al. 2019): what it is, what
 * it was trained on, how well it did in cross-validation, and with which libraries.
 *
 * @param config short description of featurizer + learner (or ensemble), no spaces
 * @param members one description per ensemble member with its weight
 * @param hyperparameters learner and featurizer settings by name
 * @param seed the seed that drove folds and solvers
 * @param snapshotHash {@link org.labelloop.learn.data.TextDataset#snapshotHash()} of the training data
 * @param trainingExamples number of labeled examples
 * @param classes ordered classes of the probability columns
 * @param cvFolds folds used for the metrics (0 when none could be run)
 * @param cvAccuracy cross-validated accuracy (NaN when unknown)
 * @param cvMacroF1 cross-validated macro-F1 (NaN when unknown)
 * @param ece expected calibration error of the calibrated out-of-fold probabilities (NaN when unknown)
 * @param cvConfusion out-of-fold confusion matrix, rows true class and columns predicted, in {@code classes} order
 *     (null when no cross-validation could be run)
 * @param libraryVersions versions of the libraries involved, as packaged ({@link LibraryVersions#packaged()})
 * @param trainingMillis wall time of the whole training (search included)
 */
public record ModelCard(String config, List<String> members, Map<String, String> hyperparameters, long seed,
    String snapshotHash, int trainingExamples, List<String> classes, int cvFolds, double cvAccuracy, double cvMacroF1,
    double ece, List<List<Integer>> cvConfusion, Map<String, String> libraryVersions, long trainingMillis) implements Serializable {
  public ModelCard {
    if (config == null || config.isBlank() || config.contains(" ")) throw new IllegalArgumentException("bad config");
    members = List.copyOf(members);
    hyperparameters = Map.copyOf(hyperparameters);
    classes = List.copyOf(classes);
    cvConfusion = cvConfusion == null ? null : cvConfusion.stream().map(List::copyOf).toList();
    libraryVersions = Map.copyOf(libraryVersions);
    if (trainingExamples < 0 || trainingMillis < 0) throw new IllegalArgumentException("negative count or time");
  }

  /** A confusion matrix as the card keeps it (immutable, comparable); null stays null. */
  public static List<List<Integer>> confusion(int[][] matrix) {
    return matrix == null ? null : java.util.Arrays.stream(matrix).map(row -> java.util.Arrays.stream(row).boxed().toList()).toList();
  }
}
