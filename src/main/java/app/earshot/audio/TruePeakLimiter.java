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
     * The true peak around sample {@code i} of {@code x}: the largest absolute value of the continuous signal at the
     * sample and up to the next ({@link LoudnessMeter#interSamplePeak}), the full search.
     */
    static double peak(Pcm x, int i) {
        int n = x.length();
        double near = Math.max(Math.abs(x.sample(i)), i + 1 < n ? Math.abs(x.sample(i + 1)) : 0);
        return Math.max(near, LoudnessMeter.interSamplePeak(x, i));
    }

    /** Samples per block of the peak bound (a power of two): at least the interpolator's reach either side of a sample. */
    private static final int BLOCK = 8;

    /**
     * {@code x} times {@code gain}, limited, given to {@code sink} sample by sample; peaks are {@link #peak}s of
     * {@code x} itself (before the gain). The gain each sample needs is its ceiling over its peak; it is held at the
     * minimum over the look-ahead (a sliding minimum), released exponentially, then averaged over the look-ahead and
     * applied. Everything runs in one pass with look-ahead-sized queues: memory does not grow with the clip, whatever
     * its length.
     *
     * <p>Interpolating costs ~50 multiplications a sample, so it is done only where it can matter: a sample's true
     * peak is at most {@link LoudnessMeter#overshootBound} times the largest sample the interpolator reads, all of
     * which lie in its block of {@value #BLOCK} samples or the blocks either side. Where that bound, times the gain, is
     * at the ceiling or under, no sample needs less than unity gain, exactly as the full search would find; elsewhere
     * every sample's peak is the full search's. The output is therefore the full search's, bit for bit.
     */
    void limit(Pcm x, double gain, int rate, Sink sink) {
        int n = x.length();
        int window = Math.max(1, (int) Math.round(lookAheadSeconds * rate));
        // A block whose neighbourhood's largest sample, overshooting as much as the interpolator can, stays at the ceiling.
        double quiet = ceiling / (gain * LoudnessMeter.overshootBound() * (1 + 1e-9)); // a margin for rounding in the sums
        // Largest absolute sample of the block before, this and the next (computed as the loop reaches them).
        int before = 0, current = 0, next = blockMax(x, 0);
        // Needs of samples i .. j, increasing from head to tail (each enters and leaves once): head is their minimum.
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
        for (int j = 0; j < n + window - 1; j++) {
            if (j < n) {
                if ((j & (BLOCK - 1)) == 0) {
                    before = current;
                    current = next;
                    next = blockMax(x, j + BLOCK);
                    loud = Math.max(before, Math.max(current, next)) > quiet;
                }
                double v = 1;
                if (loud) {
                    double peak = peak(x, j) * gain;
                    if (peak > ceiling) v = ceiling / peak;
                }
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
            int i = j - window + 1;
            if (i < 0) continue;
            while (index[head] < i) {
                if (++head == capacity) head = 0;
                size--;
            }
            previous = Math.min(need[head], previous + (1 - previous) * recover);
            if (i == 0) first = previous;
            sum += previous;
            if (i >= window) sum -= recent[slot];
            recent[slot] = previous;
            if (++slot == window) slot = 0;
            // Before the first full window, the missing values are the first gain, itself at most what these samples need.
            double smooth = i >= window - 1 ? sum / window : (sum + (window - 1 - i) * first) / window;
            sink.accept(i, x.sample(i) * gain * smooth);
        }
    }

    /** The largest absolute sample of the {@value #BLOCK} samples from {@code from} (0 past the end). */
    private static int blockMax(Pcm x, int from) {
        int to = Math.min(x.length(), from + BLOCK);
        int max = 0;
        for (int i = from; i < to; i++) max = Math.max(max, Math.abs(x.sample(i)));
        return max;
    }
}
