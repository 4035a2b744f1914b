package app.earshot.speech;

import app.earshot.sound.Pcm;
import com.sun.speech.freetts.audio.AudioPlayer;
import java.io.ByteArrayOutputStream;
import javax.sound.sampled.AudioFormat;

/**
 * Collects the voice's audio in memory. FreeTTS's own players need a sound device (and hang headless) or pad each
 * utterance with silence; this one keeps exactly what the voice wrote. Calls arrive on the speaking thread only.
 */
final class FreeTtsPlayer implements AudioPlayer {
    private ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private AudioFormat format;

    void startClip() {
        // A fresh buffer per clip, so one long request does not pin its memory in an idle voice.
        bytes = new ByteArrayOutputStream();
    }

    /** The format the voice writes in, set by the voice before its first audio; null before. */
    AudioFormat format() {
        return format;
    }

    double seconds() {
        return format == null ? 0 : bytes.size() / (double) format.getFrameSize() / format.getSampleRate();
    }

    void writeSilence(double seconds) {
        if (format == null) return;
        int frames = (int) Math.round(seconds * format.getSampleRate());
        bytes.writeBytes(new byte[frames * format.getFrameSize()]);
    }

    Pcm pcm() {
        byte[] raw = bytes.toByteArray();
        short[] samples = new short[raw.length / 2];
        boolean bigEndian = format == null || format.isBigEndian();
        for (int i = 0; i < samples.length; i++) {
            int hi = bigEndian ? raw[2 * i] : raw[2 * i + 1];
            int lo = bigEndian ? raw[2 * i + 1] : raw[2 * i];
            samples[i] = (short) ((hi << 8) | (lo & 0xff));
        }
        return new Pcm(FreeTtsSynthesizer.SAMPLE_RATE, samples);
    }

    @Override public void setAudioFormat(AudioFormat format) { this.format = format; }
    @Override public AudioFormat getAudioFormat() { return format; }
    @Override public boolean write(byte[] audio) { return write(audio, 0, audio.length); }
    @Override public boolean write(byte[] audio, int offset, int length) {
        bytes.write(audio, offset, length);
        return true;
    }
    // FreeTTS calls reset() at the start of every speak(); the clip spans several speaks, so it must not clear.
    @Override public void reset() {}
    @Override public void pause() {}
    @Override public void resume() {}
    @Override public boolean drain() { return true; }
    @Override public void begin(int size) {}
    @Override public boolean end() { return true; }
    @Override public void cancel() {}
    @Override public void close() {}
    @Override public float getVolume() { return 1f; }
    @Override public void setVolume(float volume) {}
    @Override public long getTime() { return 0; }
    @Override public void resetTime() {}
    @Override public void startFirstSampleTimer() {}
    @Override public void showMetrics() {}
}
