package app.earshot.audio;

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

    /** {@code x} (sample units, any range) with its gain reduced where its true peak would pass the ceiling. */
    double[] limit(double[] x, int rate) {
        return limit(x, peaks(x, ceiling / 2), 1, rate);
    }

    /**
     * The true peak around each sample of {@code x} (at it and up to the next), interpolated only where the sample or
     * its neighbour reaches {@code worth}: interpolating costs ~50 multiplications a sample, and band-limited audio
     * does not overshoot its samples by 6 dB, so quieter stretches keep their sample values. Peaks scale with gain, so
     * one call serves every gain tried on the same signal.
     */
    static double[] peaks(double[] x, double worth) {
        int n = x.length;
        double[] peaks = new double[n];
        for (int i = 0; i < n; i++) {
            double near = Math.max(Math.abs(x[i]), i + 1 < n ? Math.abs(x[i + 1]) : 0);
            peaks[i] = near >= worth ? Math.max(near, LoudnessMeter.interSamplePeak(x, i)) : near;
        }
        return peaks;
    }

    /** {@code x} times {@code gain}, limited; {@code peaks} are {@link #peaks} of {@code x} itself (before the gain). */
    double[] limit(double[] x, double[] peaks, double gain, int rate) {
        int n = x.length;
        int window = Math.max(1, (int) Math.round(lookAheadSeconds * rate));
        double[] need = new double[n];
        for (int i = 0; i < n; i++) {
            double peak = peaks[i] * gain;
            need[i] = peak > ceiling ? ceiling / peak : 1;
        }
        double[] held = forwardMinimum(need, window);
        double recover = 1 - Math.exp(-1 / (releaseSeconds * rate));
        double previous = 1;
        for (int i = 0; i < n; i++) {
            previous = Math.min(held[i], previous + (1 - previous) * recover);
            held[i] = previous;
        }
        // Average over the window that ends at i: every value in it is at most what sample i needs.
        double[] out = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += held[i];
            if (i >= window) sum -= held[i - window];
            // Before the first full window, the missing values are held[0], itself at most what these samples need.
            double smooth = i >= window - 1 ? sum / window : (sum + (window - 1 - i) * held[0]) / window;
            out[i] = x[i] * gain * smooth;
        }
        return out;
    }

    /** out[i] = min(values[i .. i+window-1]), by a monotonic queue of indices in linear time. */
    private static double[] forwardMinimum(double[] values, int window) {
        int n = values.length;
        double[] out = new double[n];
        // Indices with increasing values from head to tail; each index enters and leaves once.
        int[] queue = new int[n];
        int head = 0, tail = 0;
        for (int i = n - 1; i >= 0; i--) {
            while (tail > head && values[queue[tail - 1]] >= values[i]) tail--;
            queue[tail++] = i;
            while (queue[head] > i + window - 1) head++;
            out[i] = values[queue[head]];
        }
        return out;
    }
}
