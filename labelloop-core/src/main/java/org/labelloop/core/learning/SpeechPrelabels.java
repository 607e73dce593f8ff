package org.labelloop.core.learning;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.labelloop.core.learning.EmbeddingRepository.AssetVector;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.project.Category;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Job;
import org.labelloop.core.project.MlTask;
import org.labelloop.core.project.Project;
import org.labelloop.learn.audio.AudioFeaturizer;
import org.labelloop.learn.audio.SpeechVerdict;

/**
 * Speech vs non-speech pre-labels of an AUDIO project whose single-choice CLASSIFICATION job has a category named like
 * speech and one named like non-speech ({@link SpeechVerdict#meansSpeech}, by name, else id; the first of each): each
 * clip's verdict from the speech ratio already in its audio features (the voice detector is not run again), as a
 * PREDICTION tagged {@value #VERSION} with both probabilities, queued by its uncertainty. A trained model's predictions
 * later replace it, as they replace any other version's.
 */
record SpeechPrelabels(String jobId, String speechId, String nonSpeechId) {
  static final String VERSION = "silero-vad";

  /** The project's speech job and categories; null when it has none. */
  static SpeechPrelabels of(Project project) {
    Job job = project.inputType() != InputType.AUDIO ? null : project.jsonInterface().firstJob(MlTask.CLASSIFICATION).orElse(null);
    if (job == null || job.multiple()) return null;
    String speech = null, nonSpeech = null;
    for (Category c : job.categories().values()) {
      Boolean means = SpeechVerdict.meansSpeech(c.name()).or(() -> SpeechVerdict.meansSpeech(c.id())).orElse(null);
      if (Boolean.TRUE.equals(means) && speech == null) speech = c.id();
      if (Boolean.FALSE.equals(means) && nonSpeech == null) nonSpeech = c.id();
    }
    return speech == null || nonSpeech == null ? null : new SpeechPrelabels(job.id(), speech, nonSpeech);
  }

  /** One prediction per decoded clip (an empty vector is an undecodable one). */
  List<Prediction> predictions(List<AssetVector> clips) {
    List<Prediction> out = new ArrayList<>(clips.size());
    for (AssetVector clip : clips) {
      if (clip.vector().length == 0) continue;
      SpeechVerdict verdict = SpeechVerdict.of(AudioFeaturizer.speechRatio(clip.vector()));
      double p = verdict.speechProbability();
      out.add(new Prediction(clip.assetId(), TextModelTrainer.response(jobId, List.of(speechId, nonSpeechId),
          new double[] {p, 1 - p}, Set.of(verdict.speech() ? speechId : nonSpeechId)), 1 - verdict.confidence()));
    }
    return out;
  }
}
