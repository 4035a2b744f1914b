package app.earshot.audio;

import app.earshot.sound.Pcm;

/**
 * A look-ahead peak limiter that keeps the true (inter-sample) peak of a signal under a ceiling, with gain that
 * ramps down before a peak and recovers after it, so there is no clipping and no click.
 *
 * <p>How: the gain each sample needs is the ceiling over its true peak (4x oversampled, see {@link LoudnessMeter}).
 * Taking the minimum over the next {@code lookAhead} samples, letting it recover exponentially, then averaging
 * over {@code lookAhead} samples gives a smooth gain that is never above what any sample needs. The output is
 * not delayed: the look-ahead reads ahead in the buffer instead.
 */
final class TruePeakLimiter {

    private final double ceiling;
    private final double lookAheadSeconds;
    private final double releaseSeconds;

    /**
     * @param ceiling          highest absolute value allowed, in 16-bit sample units
     * @param lookAheadSeconds how early the gain starts to fall before a peak (also the attack time)
     * @param releaseSeconds   time constant of the recovery after a peak
     */
    TruePeakLimiter(double ceiling, double lookAheadSeconds, double releaseSeconds) {
        this.ceiling = ceiling;
        this.lookAheadSeconds = lookAheadSeconds;
        this.releaseSeconds = releaseSeconds;
    }

    /** The highest absolute value let through, in 16-bit sample units. */
    double ceiling() {
        return ceiling;
    }

    /** Receives the limited signal one sample at a time, in order. */
    interface Sink {
        void accept(int i, double value);
    }

    /**
     * Receives the limiter's smoothed gain, a run of samples at a time, in order: {@code gains[k]} is the gain of
     * sample {@code from + k}, for {@code k} below {@code count}; the output is {@code x[i] * gain * gains[k]}.
     */
    interface Gains {
        void accept(int from, double[] gains, int count);
    }

    /**
     * The true peak around sample {@code i} of {@code x}: the largest absolute value of the continuous signal at the
     * sample and up to the next ({@link LoudnessMeter#interSamplePeak}), the full search.
     */
    static double peak(short[] x, int i) {
        int n = x.length;
        double near = Math.max(Math.abs(x[i]), i + 1 < n ? Math.abs(x[i + 1]) : 0);
        return Math.max(near, LoudnessMeter.interSamplePeak(x, i));
    }

    /** Samples per block of the peak bound (a power of two): at least the interpolator's reach either side of a sample. */
    private static final int BLOCK = 8;
    private static final int BLOCK_BITS = 3;
    /** Gains handed on at a time. */
    private static final int RUN = 4096;

    /**
     * What the limiter learns of one clip that does not depend on the gain, kept for the next pass over the same clip
     * at another gain: each block's largest absolute sample, and the true peaks of the blocks it has interpolated
     * (about 10 bytes a block of 8 samples, plus 64 for each block interpolated: a tenth of speech's blocks).
     */
    static final class Peaks {
        private final short[] x;
        private final int[] blockMax;
        private final int[] slot; // where a block's peaks are in values, -1 until interpolated
        private double[] values = new double[64 * BLOCK];
        private int used;

        /** For {@code x}, which must not change while these are used. */
        Peaks(short[] x) {
            this.x = x;
            int blocks = (x.length + BLOCK - 1) >> BLOCK_BITS;
            blockMax = new int[blocks];
            slot = new int[blocks];
            java.util.Arrays.fill(slot, -1);
            for (int b = 0; b < blocks; b++) {
                int to = Math.min(x.length, (b + 1) << BLOCK_BITS);
                int max = 0;
                for (int i = b << BLOCK_BITS; i < to; i++) max = Math.max(max, Math.abs(x[i]));
                blockMax[b] = max;
            }
        }

        /** The largest absolute sample of block {@code b}, 0 outside the clip. */
        int blockMax(int b) {
            return b >= 0 && b < blockMax.length ? blockMax[b] : 0;
        }

        /** {@link #peak} of sample {@code i}, interpolated once per block whatever the passes. */
        double at(int i) {
            int b = i >> BLOCK_BITS;
            int s = slot[b];
            if (s < 0) {
                s = used++;
                if (used * BLOCK > values.length) values = java.util.Arrays.copyOf(values, values.length * 2);
                int from = b << BLOCK_BITS, to = Math.min(x.length, from + BLOCK);
                for (int k = from; k < to; k++) values[s * BLOCK + (k - from)] = peak(x, k);
                slot[b] = s;
            }
            return values[s * BLOCK + (i & (BLOCK - 1))];
        }
    }

    /**
     * {@code x} times {@code gain}, limited, given to {@code sink} sample by sample ({@link #limit(short[], double,
     * int, Peaks, Gains)}, for tests and measurements).
     */
    void limit(Pcm x, double gain, int rate, Sink sink) {
        short[] s = x.samples();
        limit(s, gain, rate, new Peaks(s), (from, gains, count) -> {
            for (int k = 0; k < count; k++) sink.accept(from + k, s[from + k] * gain * gains[k]);
        });
    }

    /**
     * The gains that limit {@code x} times {@code gain}, given to {@code sink} in runs; true if any sample needed less
     * than unity gain (if none did, every gain given is exactly 1). Peaks are {@link #peak}s of {@code x} itself
     * (before the gain), taken from and added to {@code peaks}, which must be {@code x}'s. The gain each sample needs
     * is its ceiling over its peak; it is held at the minimum over the look-ahead (a sliding minimum), released
     * exponentially, then averaged over the look-ahead. Everything runs in one pass with look-ahead-sized queues.
     *
     * <p>Interpolating costs ~50 multiplications a sample, so it is done only where it can matter: a sample's true
     * peak is at most {@link LoudnessMeter#overshootBound} times the largest sample the interpolator reads, all of
     * which lie in its block of {@value #BLOCK} samples or the blocks either side. Where that bound, times the gain, is
     * at the ceiling or under, no sample needs less than unity gain, exactly as the full search would find; elsewhere
     * every sample's peak is the full search's. The output is therefore the full search's, bit for bit.
     */
    boolean limit(short[] x, double gain, int rate, Peaks peaks, Gains sink) {
        int n = x.length;
        int window = Math.max(1, (int) Math.round(lookAheadSeconds * rate));
        // A block whose neighbourhood's largest sample, overshooting as much as the interpolator can, stays at the ceiling.
        double quiet = ceiling / (gain * LoudnessMeter.overshootBound() * (1 + 1e-9)); // a margin for rounding in the sums
        // Needs under 1 of samples i .. j, increasing from head to tail (each enters and leaves once): head is their
        // minimum, and the look-ahead's minimum is 1 when none is left. A sample needing unity gain never enters: it
        // could only have pushed out other unity needs, and most samples are those.
        int capacity = window + 1;
        int[] index = new int[capacity];
        double[] need = new double[capacity];
        int head = 0, size = 0;
        double recover = 1 - Math.exp(-1 / (releaseSeconds * rate));
        double previous = 1;
        // The last window of released gains, for the average that ends at each sample.
        double[] recent = new double[window];
        double first = 1;
        double sum = 0;
        int slot = 0;
        boolean loud = false;
        boolean limited = false;
        double[] run = new double[Math.min(RUN, Math.max(1, n))];
        int filled = 0;
        for (int j = 0; j < n + window - 1; j++) {
            if (j < n) {
                if ((j & (BLOCK - 1)) == 0) {
                    int b = j >> BLOCK_BITS;
                    loud = Math.max(peaks.blockMax(b - 1), Math.max(peaks.blockMax(b), peaks.blockMax(b + 1))) > quiet;
                }
                if (loud) {
                    double peak = peaks.at(j) * gain;
                    if (peak > ceiling) {
                        double v = ceiling / peak;
                        limited = true;
                        while (size > 0) {
                            int last = head + size - 1;
                            if (need[last >= capacity ? last - capacity : last] < v) break;
                            size--;
                        }
                        int tail = head + size;
                        if (tail >= capacity) tail -= capacity;
                        index[tail] = j;
                        need[tail] = v;
                        size++;
                    }
                }
            }
            int i = j - window + 1;
            if (i < 0) continue;
            while (size > 0 && index[head] < i) {
                if (++head == capacity) head = 0;
                size--;
            }
            double held = size > 0 ? need[head] : 1;
            double released = previous + (1 - previous) * recover;
            previous = held <= released ? held : released; // Math.min: neither is NaN or -0 here
            if (i == 0) first = previous;
            sum += previous;
            if (i >= window) sum -= recent[slot];
            recent[slot] = previous;
            if (++slot == window) slot = 0;
            // Before the first full window, the missing values are the first gain, itself at most what these samples need.
            run[filled++] = i >= window - 1 ? sum / window : (sum + (window - 1 - i) * first) / window;
            if (filled == run.length) {
                sink.accept(i + 1 - filled, run, filled);
                filled = 0;
            }
        }
        if (filled > 0) sink.accept(n - filled, run, filled);
        return limited;
    }
}
