package app.earshot.sound;

import java.util.Arrays;

/**
 * Mono 16-bit linear PCM audio held in memory: the common currency between synthesis and the encoders.
 *
 * @param sampleRate samples per second (16000 for narration, 8000 for telephony)
 * @param samples    signed 16-bit samples, one channel
 */
public record Pcm(int sampleRate, short[] samples) {

    public Pcm {
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
        samples = samples.clone();
    }

    /** Duration in seconds. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }

    /** A copy of the samples (the record never exposes its own array). */
    @Override
    public short[] samples() {
        return samples.clone();
    }

    /** Number of samples, without copying. */
    public int length() {
        return samples.length;
    }

    /** Sample {@code i}, without copying. */
    public short sample(int i) {
        return samples[i];
    }

    /** {@code seconds} of silence at {@code sampleRate}. */
    public static Pcm silence(int sampleRate, double seconds) {
        return new Pcm(sampleRate, new short[(int) Math.round(sampleRate * seconds)]);
    }

    /** These clips one after another; all must share one sample rate. */
    public static Pcm concat(java.util.List<Pcm> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to concatenate");
        int rate = parts.get(0).sampleRate;
        int total = 0;
        for (Pcm p : parts) {
            if (p.sampleRate != rate) throw new IllegalArgumentException("mixed sample rates: " + rate + " and " + p.sampleRate);
            total += p.samples.length;
        }
        short[] out = new short[total];
        int at = 0;
        for (Pcm p : parts) {
            System.arraycopy(p.samples, 0, out, at, p.samples.length);
            at += p.samples.length;
        }
        return new Pcm(rate, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pcm p && p.sampleRate == sampleRate && Arrays.equals(p.samples, samples);
    }

    @Override
    public int hashCode() {
        return 31 * sampleRate + Arrays.hashCode(samples);
    }

    @Override
    public String toString() {
        return "Pcm[" + sampleRate + " Hz, " + samples.length + " samples]";
    }
}
