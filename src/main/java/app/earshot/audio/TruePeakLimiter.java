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

    /**
     * The true peak around each sample of {@code x} (at it and up to the next), interpolated only where the sample or
     * its neighbour reaches {@code worth}: interpolating costs ~50 multiplications a sample, and band-limited audio
     * does not overshoot its samples by 6 dB, so quieter stretches keep their sample values. Peaks scale with gain, so
     * one call serves every gain tried on the same signal.
     */
    static double[] peaks(Pcm x, double worth) {
        int n = x.length();
        double[] peaks = new double[n];
        for (int i = 0; i < n; i++) {
            double near = Math.max(Math.abs(x.sample(i)), i + 1 < n ? Math.abs(x.sample(i + 1)) : 0);
            peaks[i] = near >= worth ? Math.max(near, LoudnessMeter.interSamplePeak(x, i)) : near;
        }
        return peaks;
    }

    /**
     * {@code x} times {@code gain}, limited; {@code peaks} are {@link #peaks} of {@code x} itself (before the gain).
     * Works in one array of the signal's length (the gain each sample needs, held over the look-ahead, released, then
     * averaged and applied), with only look-ahead-sized queues besides: a long clip costs one copy of itself here.
     */
    double[] limit(Pcm x, double[] peaks, double gain, int rate) {
        int n = x.length();
        int window = Math.max(1, (int) Math.round(lookAheadSeconds * rate));
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            double peak = peaks[i] * gain;
            a[i] = peak > ceiling ? ceiling / peak : 1;
        }
        forwardMinimumInPlace(a, window);
        double recover = 1 - Math.exp(-1 / (releaseSeconds * rate));
        double previous = 1;
        for (int i = 0; i < n; i++) {
            previous = Math.min(a[i], previous + (1 - previous) * recover);
            a[i] = previous;
        }
        // Average over the window that ends at i: every value in it is at most what sample i needs. The last window
        // of held values is kept aside, since a[] is overwritten with the output as it goes.
        double[] recent = new double[window];
        double first = n > 0 ? a[0] : 1;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double held = a[i];
            sum += held;
            int slot = i % window;
            if (i >= window) sum -= recent[slot];
            recent[slot] = held;
            // Before the first full window, the missing values are held[0], itself at most what these samples need.
            double smooth = i >= window - 1 ? sum / window : (sum + (window - 1 - i) * first) / window;
            a[i] = x.sample(i) * gain * smooth;
        }
        return a;
    }

    /**
     * values[i] = min(values[i .. i+window-1]), in place, by a monotonic queue (indices with increasing values from head
     * to tail, each entering and leaving once) that holds at most window + 1 entries, kept with their values.
     */
    static void forwardMinimumInPlace(double[] values, int window) {
        int capacity = window + 1;
        int[] index = new int[capacity];
        double[] value = new double[capacity];
        int head = 0, size = 0;
        for (int i = values.length - 1; i >= 0; i--) {
            double v = values[i];
            while (size > 0 && value[(head + size - 1) % capacity] >= v) size--;
            int tail = (head + size) % capacity;
            index[tail] = i;
            value[tail] = v;
            size++;
            while (index[head] > i + window - 1) {
                head = (head + 1) % capacity;
                size--;
            }
            values[i] = value[head];
        }
    }
}
