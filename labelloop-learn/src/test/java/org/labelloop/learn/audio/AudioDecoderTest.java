package org.labelloop.learn.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AudioDecoderTest {
  @ParameterizedTest(name = "{0} {1}-bit {2} channel(s) at {3} Hz")
  @CsvSource({
      "PCM_SIGNED, 16, 1, 16000", "PCM_UNSIGNED, 8, 1, 8000", "PCM_SIGNED, 24, 2, 44100", "PCM_SIGNED, 32, 1, 22050",
      "PCM_FLOAT, 32, 2, 48000", "PCM_SIGNED, 16, 2, 11025"})
  void decodesWavToMono16kHzKeepingPitchAndLoudness(String encoding, int bits, int channels, int rate) {
    AudioFormat format = new AudioFormat(new AudioFormat.Encoding(encoding), rate, bits, channels,
        bits / 8 * channels, rate, false);
    AudioClip clip = AudioDecoder.decode(Tones.wav(Tones.sine(440, 0.5, rate, 0.5), format));
    assertEquals(AudioDecoder.RATE, clip.sampleRate());
    assertEquals(0.5, clip.seconds(), 0.001);
    assertEquals(440, Tones.frequency(clip), 5);
    assertEquals(0.5 / Math.sqrt(2), Tones.rms(clip.samples()), 0.01);
  }

  @Test void sixteenBitSamplesAtTheTargetRateComeBackExactly() {
    float[] x = Tones.sine(1000, 0.25, 16000, 0.05);
    AudioClip clip = AudioDecoder.decode(Tones.wav(x, new AudioFormat(16000, 16, 1, true, false)));
    for (int i = 0; i < x.length; i++) assertEquals(x[i], clip.samples()[i], 1.0 / 32767);
  }

  @Test void decodesMuLawWav() {
    float[] x = Tones.sine(300, 0.5, 8000, 0.25);
    byte[] pcm = Tones.wav(x, new AudioFormat(8000, 16, 1, true, false));
    byte[] ulaw;
    try (var in = javax.sound.sampled.AudioSystem.getAudioInputStream(new java.io.ByteArrayInputStream(pcm));
        var mu = javax.sound.sampled.AudioSystem.getAudioInputStream(AudioFormat.Encoding.ULAW, in)) {
      var out = new java.io.ByteArrayOutputStream();
      javax.sound.sampled.AudioSystem.write(mu, javax.sound.sampled.AudioFileFormat.Type.WAVE, out);
      ulaw = out.toByteArray();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    AudioClip clip = AudioDecoder.decode(ulaw);
    assertEquals(300, Tones.frequency(clip), 5);
    assertEquals(0.5 / Math.sqrt(2), Tones.rms(clip.samples()), 0.02);
  }

  @Test void decodesFlac() throws IOException {
    byte[] flac; // made with the reference encoder: 0.1 s of a 440 Hz sine, 16-bit stereo, 11,025 Hz, amplitude 16000
    try (InputStream in = getClass().getResourceAsStream("tone-440hz-11025-stereo.flac")) {
      flac = in.readAllBytes();
    }
    AudioClip clip = AudioDecoder.decode(flac);
    assertEquals(0.1, clip.seconds(), 0.001);
    assertEquals(440, Tones.frequency(clip), 15);
    assertEquals(16000 / 32768.0 / Math.sqrt(2), Tones.rms(clip.samples()), 0.01);
  }

  @Test void downsamplingRemovesWhatTheNewRateCannotHold() {
    AudioClip clip = AudioDecoder.decode(
        Tones.wav(Tones.sine(10_000, 0.5, 48_000, 0.5), new AudioFormat(48_000, 16, 1, true, false)));
    assertTrue(Tones.rms(clip.samples()) < 0.005, "a 10 kHz tone must not alias into 16 kHz audio");
  }

  @Test void refusesFormatsItDoesNotDecodeByName() {
    byte[] mp3 = {'I', 'D', '3', 4, 0, 0, 0, 0, 0, 0, 0, 0};
    var e = assertThrows(UndecodableAudioException.class, () -> AudioDecoder.decode(mp3));
    assertTrue(e.getMessage().startsWith("cannot decode MP3"), e.getMessage());
    assertTrue(e.getMessage().contains(AudioDecoder.SUPPORTED), e.getMessage());
    byte[] ogg = {'O', 'g', 'g', 'S', 0, 2, 0, 0};
    assertTrue(assertThrows(UndecodableAudioException.class, () -> AudioDecoder.decode(ogg)).getMessage()
        .startsWith("cannot decode Ogg"));
    assertThrows(UndecodableAudioException.class, () -> AudioDecoder.decode(new byte[0]));
  }

  @Test void damagedFilesAreUndecodableNotACrash() throws IOException {
    byte[] wav = Tones.wav(Tones.sine(440, 0.5, 16000, 0.1), new AudioFormat(16000, 16, 1, true, false));
    byte[] header = Arrays.copyOf(wav, 20); // RIFF/WAVE, then the fmt chunk cut short
    assertThrows(UndecodableAudioException.class, () -> AudioDecoder.decode(header));
    byte[] flac;
    try (InputStream in = getClass().getResourceAsStream("tone-440hz-11025-stereo.flac")) {
      flac = in.readAllBytes();
    }
    byte[] cut = Arrays.copyOf(flac, 30); // inside the stream information block
    assertThrows(UndecodableAudioException.class, () -> AudioDecoder.decode(cut));
  }
}
