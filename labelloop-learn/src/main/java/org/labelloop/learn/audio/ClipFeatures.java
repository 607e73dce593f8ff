package org.labelloop.learn.audio;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One clip's fixed-length feature vector, in named blocks (the name's prefix up to the first dot):
 * {@code mfcc} mean and deviation over time; {@code delta} mean and deviation of the MFCC deltas and deviation of the
 * delta-deltas; {@code mel} log-mel mean and deviation; {@code shape} the MFCC mean (relative to the clip's, c0
 * excepted: less of the speaker's timbre) and deviation over each of {@link #PARTS} equal parts of the spoken span, the
 * order of sounds that statistics over the whole clip lose; {@code energy} duration, loudness and zero-crossing rate; {@code vad} what the voice detector heard. Spectral statistics are taken over the
 * spoken span (first to last speech segment; where the detector hears none, the frames within 35 dB of the loudest),
 * so leading and trailing silence does not dilute them.
 */
final class ClipFeatures {
  static final int PARTS = 6;
  private static final int FRAMES_PER_SECOND = AudioDecoder.RATE / MelSpectrogram.HOP;
  private static final int M = MelSpectrogram.MFCCS;
  static final List<String> NAMES = names();

  private ClipFeatures() {}

  private static List<String> names() {
    List<String> n = new ArrayList<>();
    for (String s : List.of("mean", "std")) for (int k = 0; k < M; k++) n.add("mfcc." + s + k);
    for (String s : List.of("mean", "std")) for (int k = 0; k < M; k++) n.add("delta." + s + k);
    for (int k = 0; k < M; k++) n.add("delta.accel_std" + k);
    for (String s : List.of("mean", "std")) for (int k = 0; k < MelSpectrogram.MELS; k++) n.add("mel." + s + k);
    for (int p = 0; p < PARTS; p++) {
      for (String s : List.of("mean", "std")) for (int k = 0; k < M; k++) n.add("shape.part" + p + "_" + s + k);
    }
    n.addAll(List.of("energy.seconds", "energy.spoken_seconds", "energy.db_mean", "energy.db_std", "energy.db_max",
        "energy.zcr"));
    n.addAll(List.of("vad.speech_ratio", "vad.speech_seconds", "vad.segments", "vad.p_mean", "vad.p_max"));
    return List.copyOf(n);
  }

  /** @param vad Silero window probabilities of {@code x} */
  static float[] of(float[] x, MelSpectrogram mel, float[] vad) {
    float[][] logMel = mel.logMel(x);
    float[][] mfcc = mel.mfcc(logMel);
    int frames = mfcc.length;
    float[] db = new float[frames], zcr = new float[frames];
    for (int t = 0; t < frames; t++) {
      int s = t * MelSpectrogram.HOP, e = Math.min(x.length, s + MelSpectrogram.FRAME);
      double power = 0;
      int crossings = 0;
      for (int i = s; i < e; i++) {
        power += x[i] * x[i];
        if (i > s && (x[i] >= 0) != (x[i - 1] >= 0)) crossings++;
      }
      db[t] = (float) (10 * Math.log10(power / Math.max(1, e - s) + 1e-10));
      zcr[t] = crossings / (float) Math.max(1, e - s - 1);
    }
    List<SpeechSegment> speech = SpeechSegment.of(vad, x.length);
    int[] span = span(speech, db);
    float[][] spoken = Arrays.copyOfRange(mfcc, span[0], span[1]);
    float[][] d = deltas(spoken), dd = deltas(d);

    FloatBuffer f = FloatBuffer.allocate(NAMES.size());
    float[][] spokenStats = meanStd(spoken), deltaStats = meanStd(d);
    f.put(spokenStats[0]).put(spokenStats[1]).put(deltaStats[0]).put(deltaStats[1]).put(meanStd(dd)[1]);
    float[][] melStats = meanStd(Arrays.copyOfRange(logMel, span[0], span[1]));
    f.put(melStats[0]).put(melStats[1]);
    for (int p = 0; p < PARTS; p++) {
      int a = Math.min(p * spoken.length / PARTS, spoken.length - 1);
      int b = Math.max(a + 1, (p + 1) * spoken.length / PARTS);
      float[][] part = meanStd(Arrays.copyOfRange(spoken, a, b));
      for (int k = 1; k < M; k++) part[0][k] -= spokenStats[0][k];
      f.put(part[0]).put(part[1]);
    }
    float[][] loudness = meanStd(column(db));
    float max = Float.NEGATIVE_INFINITY;
    for (float v : db) max = Math.max(max, v);
    f.put((float) (x.length / (double) AudioDecoder.RATE)).put((span[1] - span[0]) / (float) FRAMES_PER_SECOND)
        .put(loudness[0][0]).put(loudness[1][0]).put(max).put(meanStd(column(zcr))[0][0]);
    double voiced = 0, pMean = 0, pMax = 0;
    for (float p : vad) {
      if (p >= 0.5) voiced++;
      pMean += p / Math.max(1, vad.length);
      pMax = Math.max(pMax, p);
    }
    f.put((float) (voiced / Math.max(1, vad.length))).put((float) speech.stream().mapToDouble(s -> s.end() - s.start()).sum())
        .put(speech.size()).put((float) pMean).put((float) pMax);
    return f.array();
  }

  /** Frames [from, to) of the spoken span. */
  private static int[] span(List<SpeechSegment> speech, float[] db) {
    int n = db.length;
    if (!speech.isEmpty()) {
      int a = (int) Math.floor(speech.getFirst().start() * FRAMES_PER_SECOND);
      int b = (int) Math.ceil(speech.getLast().end() * FRAMES_PER_SECOND);
      a = Math.min(Math.max(0, a), n - 1);
      return new int[] {a, Math.max(a + 1, Math.min(n, b))};
    }
    float max = Float.NEGATIVE_INFINITY;
    for (float v : db) max = Math.max(max, v);
    int a = 0, b = n;
    while (a < n - 1 && db[a] < max - 35) a++;
    while (b > a + 1 && db[b - 1] < max - 35) b--;
    return new int[] {a, b};
  }

  /** Regression deltas over ±2 frames (HTK), edges repeated. */
  static float[][] deltas(float[][] c) {
    int n = c.length, k = n == 0 ? 0 : c[0].length;
    float[][] d = new float[n][k];
    for (int t = 0; t < n; t++) {
      for (int j = 0; j < k; j++) {
        double s = 0;
        for (int w = 1; w <= 2; w++) s += w * (c[Math.min(n - 1, t + w)][j] - c[Math.max(0, t - w)][j]);
        d[t][j] = (float) (s / 10);
      }
    }
    return d;
  }

  /** Column means and (population) deviations. */
  private static float[][] meanStd(float[][] rows) {
    int k = rows[0].length;
    double[] mean = new double[k], sq = new double[k];
    for (float[] r : rows) for (int j = 0; j < k; j++) mean[j] += r[j] / (double) rows.length;
    for (float[] r : rows) for (int j = 0; j < k; j++) sq[j] += (r[j] - mean[j]) * (r[j] - mean[j]) / rows.length;
    float[][] out = new float[2][k];
    for (int j = 0; j < k; j++) {
      out[0][j] = (float) mean[j];
      out[1][j] = (float) Math.sqrt(sq[j]);
    }
    return out;
  }

  private static float[][] column(float[] v) {
    float[][] c = new float[v.length][1];
    for (int i = 0; i < v.length; i++) c[i][0] = v[i];
    return c;
  }
}
