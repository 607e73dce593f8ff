package org.labelloop.learn.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MelSpectrogramTest {
  private final MelSpectrogram mel = new MelSpectrogram();

  private static int loudestBand(float[] frame) {
    int best = 0;
    for (int m = 1; m < frame.length; m++) if (frame[m] > frame[best]) best = m;
    return best;
  }

  @Test void oneFrameEvery10MsAndAtLeastOne() {
    assertEquals(1, MelSpectrogram.frames(0));
    assertEquals(1, MelSpectrogram.frames(399));
    assertEquals(98, MelSpectrogram.frames(16000));
    assertEquals(98, mel.logMel(new float[16000]).length);
  }

  @Test void aHigherToneLightsAHigherBandAndLouderMeansMoreEnergy() {
    float[][] low = mel.logMel(Tones.sine(500, 0.3, 16000, 0.2));
    float[][] high = mel.logMel(Tones.sine(3000, 0.3, 16000, 0.2));
    float[][] loud = mel.logMel(Tones.sine(500, 0.9, 16000, 0.2));
    int lowBand = loudestBand(low[5]), highBand = loudestBand(high[5]);
    assertTrue(lowBand < highBand, lowBand + " < " + highBand);
    assertEquals(lowBand, loudestBand(loud[5]));
    assertEquals(2 * Math.log(3), loud[5][lowBand] - low[5][lowBand], 0.01, "three times the amplitude, nine times the power");
  }

  @Test void mfccIsTheOrthonormalDctOfTheLogMelFrame() {
    float[] flat = new float[MelSpectrogram.MELS];
    Arrays.fill(flat, 2f);
    float[] c = mel.mfcc(new float[][] {flat})[0];
    assertEquals(2 * Math.sqrt(MelSpectrogram.MELS), c[0], 1e-4);
    for (int k = 1; k < c.length; k++) assertEquals(0, c[k], 1e-4);
  }

  @Test void silenceSitsAtTheFloorInsteadOfMinusInfinity() {
    for (float v : mel.logMel(new float[800])[0]) assertEquals(Math.log(1e-10), v, 1e-3);
  }
}
