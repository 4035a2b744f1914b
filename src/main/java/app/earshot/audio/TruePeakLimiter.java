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
     * The true peak around sample {@code i} of {@code x} (at it and up to the next), interpolated only where the
     * sample or its neighbour reaches {@code worth}: interpolating costs ~50 multiplications a sample, and band-limited
     * audio does not overshoot its samples by 6 dB, so quieter stretches keep their sample values.
     */
    static double peak(Pcm x, int i, double worth) {
        int n = x.length();
        double near = Math.max(Math.abs(x.sample(i)), i + 1 < n ? Math.abs(x.sample(i + 1)) : 0);
        return near >= worth ? Math.max(near, LoudnessMeter.interSamplePeak(x, i)) : near;
    }

    /**
     * {@code x} times {@code gain}, limited, given to {@code sink} sample by sample; peaks are {@link #peak}s of
     * {@code x} itself (before the gain) with {@code worth}. The gain each sample needs is its ceiling over its peak;
     * it is held at the minimum over the look-ahead (a sliding minimum), released exponentially, then averaged over the
     * look-ahead and applied. Everything runs in one pass with look-ahead-sized queues: memory does not grow with the
     * clip, whatever its length.
     */
    void limit(Pcm x, double worth, double gain, int rate, Sink sink) {
        int n = x.length();
        int window = Math.max(1, (int) Math.round(lookAheadSeconds * rate));
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
        for (int j = 0; j < n + window - 1; j++) {
            if (j < n) {
                double peak = peak(x, j, worth) * gain;
                double v = peak > ceiling ? ceiling / peak : 1;
                while (size > 0 && need[(head + size - 1) % capacity] >= v) size--;
                int tail = (head + size) % capacity;
                index[tail] = j;
                need[tail] = v;
                size++;
            }
            int i = j - window + 1;
            if (i < 0) continue;
            while (index[head] < i) {
                head = (head + 1) % capacity;
                size--;
            }
            previous = Math.min(need[head], previous + (1 - previous) * recover);
            if (i == 0) first = previous;
            sum += previous;
            int slot = i % window;
            if (i >= window) sum -= recent[slot];
            recent[slot] = previous;
            // Before the first full window, the missing values are the first gain, itself at most what these samples need.
            double smooth = i >= window - 1 ? sum / window : (sum + (window - 1 - i) * first) / window;
            sink.accept(i, x.sample(i) * gain * smooth);
        }
    }
}
