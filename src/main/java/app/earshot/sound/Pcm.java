package app.earshot.sound;

import java.util.Arrays;

/**
 * Mono 16-bit linear PCM audio held in memory: the common currency between synthesis and the encoders.
 *
 * <p>Ownership: a {@code Pcm} owns its array and never copies it. Whoever makes one hands the array over and must not
 * change it afterwards; {@link #samples()} gives that same array, to be read, never written (copy it to change it).
 * A clip's samples pass from the voice through normalisation to the encoders this way without a copy at each step,
 * which is most of what a cold request would otherwise allocate (BENCHMARKS.md, "Cold clip").
 *
 * @param sampleRate samples per second (16000 for narration, 8000 for telephony)
 * @param samples    signed 16-bit samples, one channel; owned by this record (see above)
 */
public record Pcm(int sampleRate, short[] samples) {

    public Pcm {
        if (sampleRate <= 0) throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
        java.util.Objects.requireNonNull(samples, "samples");
    }

    /** Duration in seconds. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }

    /** Number of samples. */
    public int length() {
        return samples.length;
    }

    /** Sample {@code i}. */
    public short sample(int i) {
        return samples[i];
    }

    /** {@code seconds} of silence at {@code sampleRate}. */
    public static Pcm silence(int sampleRate, double seconds) {
        return new Pcm(sampleRate, new short[(int) Math.round(sampleRate * seconds)]);
    }

    /** These samples followed by {@code count} samples of silence, in one new array (this clip unchanged). */
    public Pcm withSilenceAfter(int count) {
        if (count < 0) throw new IllegalArgumentException("negative silence: " + count);
        return count == 0 ? this : new Pcm(sampleRate, Arrays.copyOf(samples, samples.length + count));
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
