package app.earshot.speech;

import app.earshot.sound.Pcm;
import com.sun.speech.freetts.audio.AudioPlayer;
import java.util.Arrays;
import javax.sound.sampled.AudioFormat;

/**
 * Collects the voice's audio in memory. FreeTTS's own players need a sound device (and hang headless) or pad each
 * utterance with silence; this one keeps exactly what the voice wrote. Calls arrive on the speaking thread only.
 *
 * <p>The voice writes 16-bit bytes; they are turned into samples as they arrive, into one buffer that grows
 * geometrically and is kept for the voice's next clip (up to {@link #KEPT_SAMPLES}), so a clip costs one array of its
 * own length ({@link #pcm}) rather than a byte stream's growing copies, its copy, and a sample array made from it.
 */
final class FreeTtsPlayer implements AudioPlayer {
    /**
     * The most samples the buffer keeps between clips (2 MB, about 65 s at 16 kHz, longer than nearly every section):
     * a longer clip's buffer is dropped when the next clip starts, so one long request does not pin its memory in an
     * idle voice. Voices are pooled one per core, so a server keeps at most this much per core.
     */
    static final int KEPT_SAMPLES = 1 << 20;

    private short[] samples = new short[1 << 18];
    private int count;
    private int carry = -1; // the first byte of a sample split between two writes
    private AudioFormat format;

    void startClip() {
        if (samples.length > KEPT_SAMPLES) samples = new short[KEPT_SAMPLES];
        count = 0;
        carry = -1;
    }

    /** The format the voice writes in, set by the voice before its first audio; null before. */
    AudioFormat format() {
        return format;
    }

    double seconds() {
        // As bytes written over bytes per second, a byte still waiting for its pair included.
        return format == null ? 0 : (2.0 * count + (carry >= 0 ? 1 : 0)) / format.getFrameSize() / format.getSampleRate();
    }

    void writeSilence(double seconds) {
        if (format == null) return;
        int frames = (int) Math.round(seconds * format.getSampleRate());
        room(frames);
        Arrays.fill(samples, count, count + frames, (short) 0);
        count += frames;
    }

    /** The clip so far, in an array of its own (the buffer is kept for the next clip). */
    Pcm pcm() {
        return new Pcm(FreeTtsSynthesizer.SAMPLE_RATE, Arrays.copyOf(samples, count));
    }

    private void room(int more) {
        if (count + more > samples.length) samples = Arrays.copyOf(samples, Math.max(count + more, 2 * samples.length));
    }

    @Override public void setAudioFormat(AudioFormat format) { this.format = format; }
    @Override public AudioFormat getAudioFormat() { return format; }
    @Override public boolean write(byte[] audio) { return write(audio, 0, audio.length); }
    @Override public boolean write(byte[] audio, int offset, int length) {
        boolean bigEndian = format == null || format.isBigEndian();
        int at = offset;
        int end = offset + length;
        room(length / 2 + 1);
        if (carry >= 0 && at < end) {
            samples[count++] = sample(carry, audio[at++], bigEndian);
            carry = -1;
        }
        // The whole pairs in one bulk copy through a view in the voice's byte order (an intrinsic, swapping bytes as
        // it copies): under the launcher's C1 compiler, 0.15 ms for a 20.8 s clip against 0.72 ms for a loop per
        // sample, about 6% of its synthesis (FreeTTS writes in chunks of a few KB).
        int pairs = (end - at) / 2;
        java.nio.ByteBuffer.wrap(audio, at, 2 * pairs).order(bigEndian ? java.nio.ByteOrder.BIG_ENDIAN : java.nio.ByteOrder.LITTLE_ENDIAN)
                .asShortBuffer().get(samples, count, pairs);
        count += pairs;
        at += 2 * pairs;
        if (at < end) carry = audio[at] & 0xff;
        return true;
    }

    /** The sample of two bytes in the order the voice writes them (FreeTTS: big-endian). */
    private static short sample(int first, int second, boolean bigEndian) {
        int hi = bigEndian ? first : second;
        int lo = bigEndian ? second : first;
        return (short) ((hi << 8) | (lo & 0xff));
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
