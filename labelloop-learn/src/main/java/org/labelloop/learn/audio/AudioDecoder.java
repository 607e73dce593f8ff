package org.labelloop.learn.audio;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import org.jflac.FLACDecoder;
import org.jflac.PCMProcessor;
import org.jflac.metadata.StreamInfo;
import org.jflac.util.ByteData;

/**
 * Decodes an audio file to mono floats at {@link #RATE} Hz, the rate every audio feature and the voice detector work at.
 *
 * <p>WAV is read by the JDK: integer PCM of 8, 16, 24 or 32 bits, 32- or 64-bit float, μ-law and A-law, any number of
 * channels (averaged) and any sample rate. FLAC is read by jFLAC. MP3, Ogg and M4A are recognised and refused with a
 * clear message: no permissive pure-Java decoder for them can be had here. Only the first {@link #MAX_SECONDS} seconds
 * are decoded, so one hour-long recording cannot exhaust the heap.
 */
public final class AudioDecoder {
  public static final int RATE = 16_000;
  public static final int MAX_SECONDS = 600;
  /** What {@link #decode} reads, for messages and documentation. */
  public static final String SUPPORTED = "WAV (PCM 8/16/24/32-bit, float, μ-law, A-law) and FLAC";

  private AudioDecoder() {}

  /** @throws UndecodableAudioException when the bytes are not WAV or FLAC, or are damaged */
  public static AudioClip decode(byte[] file) {
    AudioClip source;
    if (starts(file, 0, "RIFF") && starts(file, 8, "WAVE")) {
      source = wav(file);
    } else if (starts(file, 0, "fLaC")) {
      source = flac(file);
    } else {
      throw new UndecodableAudioException("cannot decode " + sniffName(file) + ": Labelloop decodes " + SUPPORTED);
    }
    return new AudioClip(Resampler.resample(source.samples(), source.sampleRate(), RATE), RATE);
  }

  private static AudioClip wav(byte[] file) {
    try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(file))) {
      AudioFormat f = in.getFormat();
      AudioInputStream pcm = in;
      AudioFormat.Encoding enc = f.getEncoding();
      if (enc.equals(AudioFormat.Encoding.ULAW) || enc.equals(AudioFormat.Encoding.ALAW)) {
        pcm = AudioSystem.getAudioInputStream(AudioFormat.Encoding.PCM_SIGNED, in);
      }
      AudioFormat pf = pcm.getFormat();
      int rate = Math.round(pf.getSampleRate());
      if (rate < 1 || pf.getFrameSize() < 1) throw new UndecodableAudioException("cannot decode WAV: " + pf);
      byte[] data = pcm.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, (long) pf.getFrameSize() * rate * MAX_SECONDS));
      return new AudioClip(Pcm.toMono(data, data.length, pf), rate);
    } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
      throw new UndecodableAudioException("cannot decode WAV: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UndecodableAudioException("cannot decode WAV (damaged or cut short): " + e.getMessage(), e);
    }
  }

  private static AudioClip flac(byte[] file) {
    FLACDecoder decoder = new FLACDecoder(new ByteArrayInputStream(file));
    PcmCollector pcm = new PcmCollector();
    decoder.addPCMProcessor(pcm);
    try {
      decoder.decode();
    } catch (PcmCollector.Full full) {
      // MAX_SECONDS reached: keep what was decoded
    } catch (IOException | RuntimeException e) { // jFLAC reports some damage as unchecked exceptions
      throw new UndecodableAudioException("cannot decode FLAC (damaged or cut short): " + e.getMessage(), e);
    }
    if (pcm.format == null) throw new UndecodableAudioException("cannot decode FLAC: no stream information");
    byte[] data = pcm.bytes.toByteArray();
    return new AudioClip(Pcm.toMono(data, data.length, pcm.format), Math.round(pcm.format.getSampleRate()));
  }

  /** Gathers jFLAC's decoded PCM, stopping it once {@link #MAX_SECONDS} are in. */
  private static final class PcmCollector implements PCMProcessor {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private AudioFormat format;
    private long limit = Long.MAX_VALUE;

    @Override public void processStreamInfo(StreamInfo info) {
      format = info.getAudioFormat();
      limit = (long) format.getFrameSize() * Math.round(format.getSampleRate()) * MAX_SECONDS;
    }

    @Override public void processPCM(ByteData data) {
      bytes.write(data.getData(), 0, data.getLen());
      if (bytes.size() >= limit) throw new Full();
    }

    private static final class Full extends RuntimeException {
      Full() { super(null, null, false, false); }
    }
  }

  private static String sniffName(byte[] f) {
    if (starts(f, 0, "ID3") || f.length > 1 && (f[0] & 0xFF) == 0xFF && (f[1] & 0xE0) == 0xE0) return "MP3";
    if (starts(f, 0, "OggS")) return "Ogg";
    if (starts(f, 4, "ftyp")) return "M4A/MP4";
    return "this file (not a known audio format)";
  }

  private static boolean starts(byte[] b, int at, String magic) {
    if (b.length < at + magic.length()) return false;
    for (int i = 0; i < magic.length(); i++) if (b[at + i] != magic.charAt(i)) return false;
    return true;
  }
}
