package org.labelloop.core.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labelloop.core.learning.EmbeddingRepository.AssetVector;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.JsonInterface;
import org.labelloop.core.project.Project;
import org.labelloop.learn.audio.AudioFeaturizer;

class SpeechPrelabelsTest {
  private static Project project(InputType input, String jobInput, String categories) {
    return new Project("1", "p", "", "", input, JsonInterface.parse(InferenceMarksTest.json("""
        {"jobs": {"JOB_0": {"mlTask": "CLASSIFICATION", "required": 1, "content": {"input": "%s", "categories": {%s}}}}}"""
        .formatted(jobInput, categories))), Instant.EPOCH, Instant.EPOCH);
  }

  private static AssetVector clip(String id, double speechRatio) {
    float[] v = new float[AudioFeaturizer.names().size()];
    v[AudioFeaturizer.names().indexOf("vad.speech_ratio")] = (float) speechRatio;
    return new AssetVector(id, v);
  }

  @Test
  void anAudioProjectWithSpeechAndNonSpeechCategoriesIsPreLabeledByNameElseId() {
    SpeechPrelabels prelabels = SpeechPrelabels.of(project(InputType.AUDIO, "radio",
        "\"DOG\": {\"name\": \"dog\"}, \"C1\": {\"name\": \"Voice\"}, \"NO_SPEECH\": {}"));
    assertEquals(new SpeechPrelabels("JOB_0", "C1", "NO_SPEECH"), prelabels);
  }

  @Test
  void projectsThatDoNotAskForItAreLeftAlone() {
    String categories = "\"SPEECH\": {\"name\": \"speech\"}, \"SILENCE\": {\"name\": \"silence\"}";
    assertNull(SpeechPrelabels.of(project(InputType.IMAGE, "radio", categories)));
    assertNull(SpeechPrelabels.of(project(InputType.AUDIO, "checkbox", categories)), "multiple choice");
    assertNull(SpeechPrelabels.of(project(InputType.AUDIO, "radio", "\"SPEECH\": {}, \"DOG\": {}")), "no non-speech category");
  }

  @Test
  void eachDecodedClipGetsItsVerdictWithBothProbabilitiesAndUndecodableOnesNone() {
    SpeechPrelabels prelabels = new SpeechPrelabels("JOB_0", "SPEECH", "SILENCE");
    List<Prediction> out = prelabels.predictions(List.of(clip("1", 0.8), clip("2", 0.0), new AssetVector("3", new float[0])));
    assertEquals(List.of("1", "2"), out.stream().map(Prediction::assetId).toList());
    JsonNode speech = out.get(0).jsonResponse().path("JOB_0");
    assertEquals("SPEECH", speech.path("categories").path(0).path("name").asText());
    assertEquals(84, speech.path("categories").path(0).path("confidence").asInt(), speech.toString());
    assertEquals(0.1625, speech.path("probabilities").path("SILENCE").asDouble(), 1e-4);
    JsonNode silence = out.get(1).jsonResponse().path("JOB_0");
    assertEquals("SILENCE", silence.path("categories").path(0).path("name").asText());
    assertTrue(out.get(1).queueScore() < out.get(0).queueScore(), "the surer verdict comes later in the queue");
  }
}
