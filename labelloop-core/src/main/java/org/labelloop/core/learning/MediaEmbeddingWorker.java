package org.labelloop.core.learning;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.labelloop.core.Ports;
import org.labelloop.core.learning.EmbeddingRepository.AssetVector;
import org.labelloop.core.learning.EmbeddingRepository.PendingAsset;
import org.labelloop.core.learning.LearningRepository.Prediction;
import org.labelloop.core.port.FileStore;
import org.labelloop.core.project.InputType;
import org.labelloop.core.project.Project;
import org.labelloop.learn.audio.AudioClip;
import org.labelloop.learn.audio.AudioDecoder;
import org.labelloop.learn.audio.AudioFeaturizer;
import org.labelloop.learn.audio.UndecodableAudioException;
import org.labelloop.learn.image.ImageEncoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes the vector of every image and audio asset once, in the background, on one daemon thread (a
 * {@link WorkList} over assets without a vector, batches of {@value #BATCH} in id order, each claimed first so that
 * with several servers on one database each asset is embedded once, and stored in a short transaction of its own): the
 * shipped image encoder, or the project's own ONNX encoder ({@link EncoderSettings}), for images; MFCC, log-mel and
 * voice-activity features ({@link AudioFeaturizer}) for audio, stored with the clips' speech vs non-speech
 * pre-labels where the project asks for them ({@link SpeechPrelabels}). A file that cannot be read or
 * decoded gets an empty vector: marked, never retried, skipped by training, and the project still learns. Each model is
 * loaded once, on its first asset, so a server without media never pays for one; {@link #close()} stops the thread
 * after the batch in flight, then frees them. When a project's last vector is stored, {@link EmbeddedProjects} orders
 * its queue or retrains its classifier.
 */
public final class MediaEmbeddingWorker implements AutoCloseable {
  /** Names the audio features' vectors (changes when they would). */
  public static final String AUDIO_MODEL = "mfcc+log-mel+silero-vad/1";
  private static final Logger LOG = LoggerFactory.getLogger(MediaEmbeddingWorker.class);
  static final int BATCH = 16;
  // a changed encoder drops the project's vectors: they are made again at the next rescan
  private static final Duration RESCAN = Duration.ofSeconds(10);

  private final Ports ports;
  private final FileStore files;
  private final Clock clock;
  private final Supplier<ImageEncoder> shippedImages;
  private final Supplier<AudioFeaturizer> audioLoader;
  private final EmbeddedProjects embedded;
  private final WorkList<PendingAsset> work;
  /** Projects' own encoders, the two used last (one ONNX session each); only the worker's thread uses them. */
  private final Map<EncoderSettings, ImageEncoder> imageEncoders = new LinkedHashMap<>(4, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<EncoderSettings, ImageEncoder> eldest) {
      if (size() <= 2) return false;
      eldest.getValue().close();
      return true;
    }
  };
  private ImageEncoder shipped;
  private AudioFeaturizer audio;

  public MediaEmbeddingWorker(Ports ports, FileStore files, Clock clock, Supplier<ImageEncoder> shippedImages,
      Supplier<AudioFeaturizer> audio) {
    this.ports = ports;
    this.files = files;
    this.clock = clock;
    this.shippedImages = shippedImages;
    this.audioLoader = audio;
    this.embedded = new EmbeddedProjects(ports, clock);
    this.work = new WorkList<>("media-embeddings", new WorkList.Claims(ports, clock, "media-embedding"), RESCAN, BATCH,
        (after, n) -> ports.embeddings().mediaWithoutEmbedding(after, n), PendingAsset::assetId,
        batch -> WorkList.byProject(batch, PendingAsset::projectId).forEach(this::embed));
  }

  public MediaEmbeddingWorker start() {
    work.start();
    return this;
  }

  /** Embeds and stores one batch; false when no media asset was waiting. */
  public boolean runOnce() {
    return work.runOnce();
  }

  private void embed(String projectId, List<PendingAsset> assets) {
    Project project = ports.projects().find(projectId).orElse(null);
    if (project == null) return;
    List<byte[]> bytes = new ArrayList<>(assets.size());
    for (PendingAsset a : assets) bytes.add(read(a));
    Encoded encoded = project.inputType() == InputType.AUDIO ? audio(bytes)
        : images(LearningSettings.fromJson(ports.learning().settings(projectId).orElse(null)).encoder(), bytes);
    List<AssetVector> rows = new ArrayList<>(assets.size());
    int undecodable = 0;
    for (int i = 0; i < assets.size(); i++) {
      float[] v = encoded.vectors()[i];
      if (v == null) undecodable++;
      rows.add(new AssetVector(assets.get(i).assetId(), v == null ? new float[0] : v));
    }
    SpeechPrelabels speech = SpeechPrelabels.of(project);
    List<Prediction> prelabels = speech == null ? List.of() : speech.predictions(rows);
    ports.tx().inTransaction(() -> {
      ports.embeddings().save(encoded.model(), rows, clock.instant());
      if (!prelabels.isEmpty()) ports.learning().addPredictions(projectId, SpeechPrelabels.VERSION, prelabels, clock.instant());
    });
    if (undecodable > 0) LOG.info("Project {}: {} of {} files cannot be decoded; they are skipped", projectId, undecodable, assets.size());
    embedded.stored(projectId);
  }

  /** The file's bytes, or null when it cannot be read (it is then marked like an undecodable one). */
  private byte[] read(PendingAsset asset) {
    try (InputStream in = files.open(asset.content())) {
      return in.readAllBytes();
    } catch (IOException e) {
      LOG.debug("Media embeddings: asset {}: {}", asset.assetId(), e.toString());
      return null;
    }
  }

  private record Encoded(String model, float[][] vectors) {}

  private Encoded images(EncoderSettings own, List<byte[]> bytes) {
    ImageEncoder encoder = own == null ? shipped() : imageEncoders.computeIfAbsent(own, EncoderSettings::load);
    List<Integer> readable = new ArrayList<>();
    for (int i = 0; i < bytes.size(); i++) if (bytes.get(i) != null) readable.add(i);
    float[][] found = encoder.embed(readable.stream().map(bytes::get).toList());
    float[][] out = new float[bytes.size()][];
    for (int k = 0; k < readable.size(); k++) out[readable.get(k)] = found[k];
    return new Encoded(encoder.name(), out);
  }

  private ImageEncoder shipped() {
    if (shipped == null) shipped = shippedImages.get();
    return shipped;
  }

  private Encoded audio(List<byte[]> bytes) {
    if (audio == null) audio = audioLoader.get();
    List<Integer> decoded = new ArrayList<>();
    List<AudioClip> clips = new ArrayList<>();
    for (int i = 0; i < bytes.size(); i++) {
      if (bytes.get(i) == null) continue;
      try {
        clips.add(AudioDecoder.decode(bytes.get(i)));
        decoded.add(i);
      } catch (UndecodableAudioException e) {
        LOG.debug("Media embeddings: clip {} of the batch: {}", i, e.getMessage());
      }
    }
    float[][] found = clips.isEmpty() ? new float[0][] : audio.featurize(clips);
    float[][] out = new float[bytes.size()][];
    for (int k = 0; k < decoded.size(); k++) out[decoded.get(k)] = found[k];
    return new Encoded(AUDIO_MODEL, out);
  }

  /** Stops the thread after the batch in flight, then frees the models. */
  @Override
  public void close() {
    work.stop();
    if (shipped != null) shipped.close();
    imageEncoders.values().forEach(ImageEncoder::close);
    if (audio != null) audio.close();
  }
}
