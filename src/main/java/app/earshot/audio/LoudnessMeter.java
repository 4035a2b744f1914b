package app.earshot.audio;

import app.earshot.sound.Pcm;

/**
 * Measures mono PCM the way ITU-R BS.1770-4 and EBU R128 do: integrated loudness (K-weighted, gated, in LUFS)
 * and true peak (4x oversampled, in dBTP), at any sample rate.
 *
 * <p>The K-weighting filters are designed for the clip's own rate from their analogue prototypes (as libebur128
 * does), so 16 kHz and 8 kHz audio are measured without resampling to 48 kHz first.
 */
public final class LoudnessMeter {

    /** Loudness of silence (nothing passes the absolute gate). */
    public static final double SILENCE = Double.NEGATIVE_INFINITY;

    private static final double BLOCK_SECONDS = 0.4;
    private static final double STEP_SECONDS = 0.1;
    private static final double ABSOLUTE_GATE = -70;
    private static final double RELATIVE_GATE = -10;
    private static final double FULL_SCALE = 32768.0;
    private static final int STEPS_PER_BLOCK = (int) Math.round(BLOCK_SECONDS / STEP_SECONDS);

    /** Phases of the true-peak interpolator (BS.1770-4 Annex 2 asks for at least 4x at 48 kHz). */
    static final int OVERSAMPLING = 4;
    private static final int TAPS_PER_PHASE = 16;
    // Polyphase windowed-sinc interpolator, computed once and never written again.
    private static final double[][] INTERPOLATOR = interpolator();
    // The most any interpolated value can exceed the largest sample it is made from: the largest sum of a phase's |taps|.
    private static final double OVERSHOOT = overshoot(INTERPOLATOR);

    private LoudnessMeter() {
    }

    /** Integrated loudness of {@code pcm} in LUFS (relative to full scale); {@link #SILENCE} if nothing is audible. */
    public static double integrated(Pcm pcm) {
        return integrated(pcm.samples(), pcm.sampleRate());
    }

    /** {@link #integrated(Pcm)} of {@code samples} at {@code rate}, read in place (the normaliser's own arrays). */
    static double integrated(short[] samples, int rate) {
        return integrated(samples, rate, null);
    }

    /**
     * {@link #integrated(short[], int)}, also adding into {@code chunkEnergy} (if not null, one per {@value #CHUNK}
     * samples) the sum of squares of the K-weighted samples of each chunk: what a gain that changes slowly does to the
     * loudness can be predicted from these. The loudness is bit for bit the same as without them. If {@code blockMax}
     * is not null (then neither is {@code chunkEnergy}), it receives the largest absolute sample of each block of
     * {@value #BLOCK}, found in the same pass: the client compiler runs these integer steps beside the filter's
     * floating-point chain at almost no cost, where a loop of their own costs most of what the filter does.
     */
    static double integrated(short[] samples, int rate, double[] chunkEnergy, int[] blockMax) {
        int n = samples.length;
        int step = step(rate);
        if (n == 0) return SILENCE;
        KWeighting filter = new KWeighting(rate);
        if (n < STEPS_PER_BLOCK * step) {
            return gated(new double[0], filter.sumOfSquares(samples, 0, n, 0, chunkEnergy, blockMax), n, rate);
        }
        // Sums over each 100 ms step, so each 400 ms block is four additions rather than 6,400 at 16 kHz.
        double[] steps = new double[n / step];
        for (int s = 0; s < steps.length; s++) {
            steps[s] = filter.sumOfSquares(samples, s * step, (s + 1) * step, 0, chunkEnergy, blockMax);
        }
        if (blockMax != null) {
            // The samples after the last whole step are not measured, but their blocks still need their largest sample.
            for (int i = steps.length * step; i < n; i++) blockMax[i / BLOCK] = Math.max(blockMax[i / BLOCK], Math.abs(samples[i]));
        }
        return gated(steps, 0, n, rate);
    }

    /** {@link #integrated(short[], int, double[], int[])} without block maxima. */
    static double integrated(short[] samples, int rate, double[] chunkEnergy) {
        return integrated(samples, rate, chunkEnergy, null);
    }

    /** Samples per block of {@link #integrated(short[], int, double[], int[])}'s maxima (the limiter's blocks). */
    static final int BLOCK = 8;

    /** Samples per chunk of {@link #integrated(short[], int, double[])}'s energies. */
    static final int CHUNK = 32;

    /** Samples per 100 ms step of the gating blocks. */
    static int step(int rate) {
        return (int) Math.round(STEP_SECONDS * rate);
    }

    /**
     * Integrated loudness from the sums of squares of the K-weighted signal (full scale = 1) over each 100 ms step, or, for
     * a clip shorter than one 400 ms block ({@code steps} empty), from {@code whole}, the sum over all its {@code n}
     * samples, measured as one block of its own length so that short prompts get a level too.
     */
    static double gated(double[] steps, double whole, int n, int rate) {
        double[] blocks;
        if (steps.length == 0) {
            blocks = new double[]{whole / n};
        } else {
            int step = step(rate);
            for (int s = 0; s < steps.length; s++) steps[s] /= step;
            blocks = new double[steps.length - STEPS_PER_BLOCK + 1];
            for (int b = 0; b < blocks.length; b++) {
                double sum = 0;
                for (int s = b; s < b + STEPS_PER_BLOCK; s++) sum += steps[s];
                blocks[b] = sum / STEPS_PER_BLOCK;
            }
        }
        double sum = 0;
        int count = 0;
        for (double p : blocks) {
            if (loudness(p) > ABSOLUTE_GATE) {
                sum += p;
                count++;
            }
        }
        if (count == 0) return SILENCE;
        double gate = loudness(sum / count) + RELATIVE_GATE;
        sum = 0;
        count = 0;
        for (double p : blocks) {
            double l = loudness(p);
            if (l > ABSOLUTE_GATE && l > gate) {
                sum += p;
                count++;
            }
        }
        return loudness(sum / count);
    }

    /**
     * True peak of {@code pcm} in dBTP: the highest absolute value of the 4x oversampled signal. Only stretches within
     * 12 dB of the highest sample are interpolated: band-limited audio does not overshoot its samples by that much.
     */
    public static double truePeak(Pcm pcm) {
        short[] x = pcm.samples();
        int n = x.length;
        double samplePeak = 0;
        for (int i = 0; i < n; i++) samplePeak = Math.max(samplePeak, Math.abs(x[i]));
        double worth = samplePeak / 4.0;
        double peak = samplePeak;
        for (int i = 0; i < n; i++) {
            if (Math.abs(x[i]) >= worth || i + 1 < n && Math.abs(x[i + 1]) >= worth) {
                peak = Math.max(peak, interSamplePeak(x, i));
            }
        }
        return peak == 0 ? SILENCE : 20 * Math.log10(peak / FULL_SCALE);
    }

    /**
     * The largest absolute value of the continuous signal at sample {@code i} and between it and the next, read from
     * the samples in place (past either end the signal is silent).
     */
    static double interSamplePeak(short[] x, int i) {
        int n = x.length;
        int first = i - TAPS_PER_PHASE / 2 + 1;
        double peak = Math.abs(x[i]);
        boolean inside = first >= 0 && first + TAPS_PER_PHASE <= n;
        for (int phase = 1; phase < OVERSAMPLING; phase++) {
            double[] h = INTERPOLATOR[phase];
            double acc = 0;
            if (inside) {
                for (int k = 0; k < TAPS_PER_PHASE; k++) acc += h[k] * x[first + k];
            } else {
                for (int k = 0; k < TAPS_PER_PHASE; k++) {
                    int at = first + k;
                    acc += h[k] * (at >= 0 && at < n ? x[at] : 0.0);
                }
            }
            peak = Math.max(peak, Math.abs(acc));
        }
        return peak;
    }

    /**
     * {@link #interSamplePeak}, also with the next sample's absolute value, computed by folding: the middle phase's taps
     * are symmetric and the outer two phases mirror each other, so with s = x(k) + x(15-k) and d = x(k) - x(15-k) the
     * middle phase is the sum of h2 * s, and the outer two are (A + B) / 2 and (A - B) / 2 with A the sum of
     * (h1(k) + h1(15-k)) * s and B of (h1(k) - h1(15-k)) * d; the larger of their absolute values is (|A| + |B|) / 2.
     * 24 multiplications instead of 48; the same value up to the rounding of the sums.
     */
    static double interSamplePeakFolded(short[] x, int i) {
        int n = x.length;
        int first = i - TAPS_PER_PHASE / 2 + 1;
        int here = Math.abs(x[i]), next = i + 1 < n ? Math.abs(x[i + 1]) : 0;
        double near = here >= next ? here : next;
        double a = 0, b = 0, m = 0;
        int half = TAPS_PER_PHASE / 2;
        if (first >= 0 && first + TAPS_PER_PHASE <= n) {
            for (int k = 0; k < half; k++) {
                int u = x[first + k], v = x[first + TAPS_PER_PHASE - 1 - k];
                double s = u + v, d = u - v;
                a += OUTER_SUM[k] * s;
                b += OUTER_DIFFERENCE[k] * d;
                m += MIDDLE[k] * s;
            }
        } else {
            for (int k = 0; k < half; k++) {
                int at = first + k, back = first + TAPS_PER_PHASE - 1 - k;
                int u = at >= 0 && at < n ? x[at] : 0, v = back >= 0 && back < n ? x[back] : 0;
                double s = u + v, d = u - v;
                a += OUTER_SUM[k] * s;
                b += OUTER_DIFFERENCE[k] * d;
                m += MIDDLE[k] * s;
            }
        }
        // Comparisons rather than Math.max, which the client compiler calls rather than inlines (no value here is NaN).
        double middle = Math.abs(m), outer = (Math.abs(a) + Math.abs(b)) / 2;
        double most = middle >= outer ? middle : outer;
        return most >= near ? most : near;
    }

    private static final double[] OUTER_SUM = new double[TAPS_PER_PHASE / 2];
    private static final double[] OUTER_DIFFERENCE = new double[TAPS_PER_PHASE / 2];
    private static final double[] MIDDLE = new double[TAPS_PER_PHASE / 2];
    // The most, over the phases, of the sum of |tap| times the tap's distance in samples from the sample before the point.
    private static final double SLOPE;

    static {
        for (int k = 0; k < TAPS_PER_PHASE / 2; k++) {
            OUTER_SUM[k] = INTERPOLATOR[1][k] + INTERPOLATOR[1][TAPS_PER_PHASE - 1 - k];
            OUTER_DIFFERENCE[k] = INTERPOLATOR[1][k] - INTERPOLATOR[1][TAPS_PER_PHASE - 1 - k];
            MIDDLE[k] = INTERPOLATOR[2][k];
        }
        double most = 0;
        for (double[] h : INTERPOLATOR) {
            double sum = 0;
            for (int k = 0; k < TAPS_PER_PHASE; k++) sum += Math.abs(h[k]) * Math.abs(k - (TAPS_PER_PHASE / 2 - 1));
            most = Math.max(most, sum);
        }
        SLOPE = most;
    }

    /**
     * At most how many times the largest absolute sample in reach the interpolated value at a point can change when the
     * gain on the samples changes by at most 1 per sample of distance from the sample before the point: the largest sum
     * over a phase of |tap| times that distance. A bound, used by the limiter's proof.
     */
    static double slopeBound() {
        return SLOPE;
    }

    /**
     * How many times the largest absolute sample among the {@value #TAPS_PER_PHASE} around a point (from 7 before it to 8
     * after) the true peak at that point and up to the next sample can be, at most (at least 1): a bound, not an estimate.
     */
    static double overshootBound() {
        return OVERSHOOT;
    }

    private static double overshoot(double[][] phases) {
        double most = 1;
        for (double[] h : phases) {
            double sum = 0;
            for (double tap : h) sum += Math.abs(tap);
            most = Math.max(most, sum);
        }
        return most;
    }

    private static double loudness(double meanSquare) {
        return -0.691 + 10 * Math.log10(meanSquare);
    }

    /** The K-weighting pre-filter (high shelf, +4 dB above ~1.7 kHz) then the RLB high-pass, one sample at a time. */
    private static final class KWeighting {
        private final double b0, b1, b2, a1, a2, d1, d2;
        private double x1, x2, y1, y2, z1, z2;

        KWeighting(double rate) {
            // Stage 1: high shelf (analogue prototype parameters from libebur128, matching BS.1770's 48 kHz table).
            double f0 = 1681.974450955533, gain = 3.999843853973347, q = 0.7071752369554196;
            double k = Math.tan(Math.PI * f0 / rate);
            double vh = Math.pow(10, gain / 20), vb = Math.pow(vh, 0.4996667741545416);
            double a0 = 1 + k / q + k * k;
            b0 = (vh + vb * k / q + k * k) / a0;
            b1 = 2 * (k * k - vh) / a0;
            b2 = (vh - vb * k / q + k * k) / a0;
            a1 = 2 * (k * k - 1) / a0;
            a2 = (1 - k / q + k * k) / a0;
            // Stage 2: high-pass (RLB weighting).
            double f1 = 38.13547087602444, q1 = 0.5003270373238773;
            double k1 = Math.tan(Math.PI * f1 / rate);
            double c0 = 1 + k1 / q1 + k1 * k1;
            d1 = 2 * (k1 * k1 - 1) / c0;
            d2 = (1 - k1 / q1 + k1 * k1) / c0;
        }

        /**
         * Filters samples {@code from} to {@code to} (the next ones after those filtered before) and returns {@code sum}
         * plus the squares of what comes out, added in order. If {@code chunks} is not null, the run is taken in chunks of
         * {@value #CHUNK} samples, each chunk's share added into its slot (the total is the same, in the same order). The state
         * lives in locals while it runs: the client compiler keeps those in registers, not fields.
         */
        double sumOfSquares(short[] pcm, int from, int to, double sum, double[] chunks, int[] blockMax) {
            if (chunks == null) return sumOfSquares(pcm, from, to, sum);
            for (int i = from; i < to; ) {
                int end = Math.min(to, (i / CHUNK + 1) * CHUNK);
                double before = sum;
                sum = blockMax == null ? sumOfSquares(pcm, i, end, sum) : sumOfSquaresAndMaxima(pcm, i, end, sum, blockMax);
                chunks[i / CHUNK] += sum - before;
                i = end;
            }
            return sum;
        }

        /**
         * {@link #sumOfSquares(short[], int, int, double)}, also raising each block's maximum to its samples' largest
         * |value|. A loop of its own rather than a flag in the plain one: the plain meter stays as tight under C1.
         */
        private double sumOfSquaresAndMaxima(short[] pcm, int from, int to, double sum, int[] blockMax) {
            double x1 = this.x1, x2 = this.x2, y1 = this.y1, y2 = this.y2, z1 = this.z1, z2 = this.z2;
            double b0 = this.b0, b1 = this.b1, b2 = this.b2, a1 = this.a1, a2 = this.a2, d1 = this.d1, d2 = this.d2;
            for (int i = from; i < to; ) {
                int end = Math.min(to, (i / BLOCK + 1) * BLOCK);
                int max = blockMax[i / BLOCK];
                for (; i < end; i++) {
                    int v = pcm[i];
                    double x = v / FULL_SCALE;
                    double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
                    double z = y - 2 * y1 + y2 - d1 * z1 - d2 * z2;
                    x2 = x1;
                    x1 = x;
                    y2 = y1;
                    y1 = y;
                    z2 = z1;
                    z1 = z;
                    sum += z * z;
                    // Without branches: |v| by the sign mask, the larger of two by the sign of their difference.
                    int sign = v >> 31;
                    int d = max - ((v ^ sign) - sign);
                    max -= d & (d >> 31);
                }
                blockMax[(end - 1) / BLOCK] = max;
            }
            this.x1 = x1;
            this.x2 = x2;
            this.y1 = y1;
            this.y2 = y2;
            this.z1 = z1;
            this.z2 = z2;
            return sum;
        }

        private double sumOfSquares(short[] pcm, int from, int to, double sum) {
            double x1 = this.x1, x2 = this.x2, y1 = this.y1, y2 = this.y2, z1 = this.z1, z2 = this.z2;
            double b0 = this.b0, b1 = this.b1, b2 = this.b2, a1 = this.a1, a2 = this.a2, d1 = this.d1, d2 = this.d2;
            for (int i = from; i < to; i++) {
                double x = pcm[i] / FULL_SCALE;
                double y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
                double z = y - 2 * y1 + y2 - d1 * z1 - d2 * z2;
                x2 = x1;
                x1 = x;
                y2 = y1;
                y1 = y;
                z2 = z1;
                z1 = z;
                sum += z * z;
            }
            this.x1 = x1;
            this.x2 = x2;
            this.y1 = y1;
            this.y2 = y2;
            this.z1 = z1;
            this.z2 = z2;
            return sum;
        }
    }

    /**
     * Phase p of the interpolator gives the signal at {@code i + p/4}: a Kaiser-windowed sinc over
     * {@value #TAPS_PER_PHASE} input samples centred between i and i+1.
     */
    private static double[][] interpolator() {
        double[][] h = new double[OVERSAMPLING][TAPS_PER_PHASE];
        int half = TAPS_PER_PHASE / 2;
        double beta = 6.0;
        for (int p = 0; p < OVERSAMPLING; p++) {
            double frac = p / (double) OVERSAMPLING;
            for (int k = 0; k < TAPS_PER_PHASE; k++) {
                double t = (k - half + 1) - frac; // input sample position relative to the point sought
                double sinc = t == 0 ? 1 : Math.sin(Math.PI * t) / (Math.PI * t);
                double r = t / (half + 0.5);
                double window = Math.abs(r) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - r * r)) / besselI0(beta);
                h[p][k] = sinc * window;
            }
        }
        return h;
    }

    private static double besselI0(double x) {
        double sum = 1, term = 1;
        for (int k = 1; k < 60; k++) {
            term *= x / (2 * k);
            sum += term * term;
        }
        return sum;
    }
}
