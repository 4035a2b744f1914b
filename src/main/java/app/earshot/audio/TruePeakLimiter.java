package app.earshot.audio;

/**
 * A look-ahead peak limiter that keeps the true (inter-sample) peak of a signal under a ceiling, with gain that
 * ramps down before a peak and recovers after it, so there is no clipping and no click.
 *
 * <p>How: the gain is worked out once per block of {@value #BLOCK} samples and drawn as a straight line between block
 * edges ("knots"), which costs an eighth of a per-sample envelope. A block needs the ceiling over the largest true peak
 * of its samples (4x oversampled, see {@link LoudnessMeter}); a knot needs the smaller need of the two blocks it joins.
 * Each knot's need is held at the minimum over the next look-ahead, recovers exponentially after it, then is averaged
 * over the look-ahead ending at the knot. The output is not delayed: the look-ahead reads ahead in the buffer instead.
 *
 * <p>Why the gain is never above what a sample needs: every value averaged into knot {@code b} is a minimum over a
 * span of knots that contains {@code b}, so the knot is at most knot {@code b}'s need, which is at most the need of
 * every sample in the two blocks it joins. A sample in block {@code b} lies between knots {@code b} and {@code b + 1},
 * both at most its need, and a point on the straight line between two values is at most the larger of them.
 *
 * <p>That bounds the gain at each sample, not the output's true peak: the interpolator also reads neighbours that got a
 * slightly different gain, and the output is rounded to 16 bits. So the limiter aims {@value #HEADROOM_DB} dB under
 * its ceiling, and {@link #overs} then proves every output block under the ceiling itself (below), or finds it over.
 */
final class TruePeakLimiter {

    /** Samples per block of the gain envelope and of the peak bound: at least the interpolator's reach either side. */
    static final int BLOCK = 8;
    private static final int BLOCK_BITS = 3;
    /** How far under the ceiling the gain aims, so that the proof after output almost always holds without interpolating. */
    static final double HEADROOM_DB = 0.05;
    /** A relative margin for the rounding of floating-point sums in the bounds. */
    private static final double SLACK = 1 + 1e-9;

    private final double ceiling;
    private final double aim;
    private final double lookAheadSeconds;
    private final double releaseSeconds;

    /**
     * @param ceiling          highest absolute value allowed, in 16-bit sample units
     * @param lookAheadSeconds how early the gain starts to fall before a peak (also the attack time)
     * @param releaseSeconds   time constant of the recovery after a peak
     */
    TruePeakLimiter(double ceiling, double lookAheadSeconds, double releaseSeconds) {
        this(ceiling, lookAheadSeconds, releaseSeconds, HEADROOM_DB);
    }

    /** With {@code headroomDb} instead of {@value #HEADROOM_DB}: with none, blocks over the ceiling are common (tests). */
    TruePeakLimiter(double ceiling, double lookAheadSeconds, double releaseSeconds, double headroomDb) {
        this.ceiling = ceiling;
        this.aim = ceiling * Math.pow(10, -headroomDb / 20) - LoudnessMeter.overshootBound() / 2;
        this.lookAheadSeconds = lookAheadSeconds;
        this.releaseSeconds = releaseSeconds;
    }

    /** The highest absolute true-peak value let through, in 16-bit sample units. */
    double ceiling() {
        return ceiling;
    }

    /** The true peak the gain aims at: the ceiling less the headroom and less rounding's most (half a unit times the overshoot). */
    double aim() {
        return aim;
    }

    /** The look-ahead in blocks at {@code rate}, at least one. */
    int windowBlocks(int rate) {
        return Math.max(1, (int) Math.round(lookAheadSeconds * rate / BLOCK));
    }

    /** Recovery per block towards unity gain. */
    double releasePerBlock(int rate) {
        return 1 - Math.exp(-BLOCK / (releaseSeconds * rate));
    }

    /** Blocks of a clip of {@code n} samples (the last may be short); it has one more knot than blocks. */
    static int blocks(int n) {
        return (n + BLOCK - 1) >> BLOCK_BITS;
    }

    /**
     * The true peak around sample {@code i} of {@code x}: the largest absolute value of the continuous signal at the
     * sample and up to the next, by {@link LoudnessMeter}'s interpolator. The interpolator's middle phase is symmetric
     * and its outer two mirror each other, so sums and differences of mirrored samples give all three phases with 24
     * multiplications instead of 48 (the same values up to the rounding of the sums, which the headroom covers).
     */
    static double peak(short[] x, int i) {
        return LoudnessMeter.interSamplePeakFolded(x, i);
    }

    /** Work arrays for one clip, reused by every pass over it, and what the last {@link #knots} found. */
    static final class Work {
        final double[] need;
        final double[] knots;
        final int[] queue;
        double[] caps;
        boolean touched;

        Work(int n) {
            int k = blocks(n) + 1;
            need = new double[k];
            knots = new double[k];
            queue = new int[k];
        }
    }

    /**
     * What the limiter learns of one clip that does not depend on the gain, kept for the next pass at another gain:
     * each block's reach (the largest absolute sample in it and in the blocks either side), and the largest true peak of
     * the blocks it has interpolated (about 1.5 bytes a sample in all).
     */
    static final class Peaks {
        private final short[] x;
        private final int[] reach;
        private final double[] blockPeak; // 0 until interpolated, then at least the smallest positive double

        /** For {@code x}, which must not change while these are used. */
        Peaks(short[] x) {
            this(x, maxima(x));
        }

        /** For {@code x}, with the largest absolute sample of each block already found (by the meter's pass). */
        Peaks(short[] x, int[] blockMax) {
            this.x = x;
            int blocks = blockMax.length;
            reach = new int[blocks];
            // The larger of two by the sign of their difference: the client compiler would branch, and mispredict.
            int before = 0, here = blocks > 0 ? blockMax[0] : 0;
            for (int b = 0; b < blocks; b++) {
                int after = b + 1 < blocks ? blockMax[b + 1] : 0;
                int d = here - before, m = here - (d & (d >> 31));
                d = m - after;
                reach[b] = m - (d & (d >> 31));
                before = here;
                here = after;
            }
            blockPeak = new double[blocks];
        }

        private static int[] maxima(short[] x) {
            int blocks = blocks(x.length);
            int[] blockMax = new int[blocks];
            for (int b = 0; b < blocks; b++) {
                int to = Math.min(x.length, (b + 1) << BLOCK_BITS);
                // Without branches (the client compiler would branch on every sign): |v| by the sign mask, the larger
                // of two by the sign of their difference (no overflow in 16 bits).
                int max = 0;
                for (int i = b << BLOCK_BITS; i < to; i++) {
                    int v = x[i], sign = v >> 31;
                    int d = max - ((v ^ sign) - sign);
                    max -= d & (d >> 31);
                }
                blockMax[b] = max;
            }
            return blockMax;
        }

        /** The largest absolute sample the interpolator reads for any point of block {@code b}: blocks b-1 to b+1. */
        int reach(int b) {
            return reach[b];
        }

        /** True if block {@code b}'s true peak has been interpolated. */
        boolean known(int b) {
            return blockPeak[b] > 0;
        }

        /** The largest {@link #peak} of block {@code b}'s samples, interpolated once whatever the passes. */
        double blockPeak(int b) {
            double p = blockPeak[b];
            if (p == 0) {
                int from = b << BLOCK_BITS, to = Math.min(x.length, from + BLOCK);
                for (int i = from; i < to; i++) {
                    double q = peak(x, i);
                    if (q > p) p = q;
                }
                // A silent stretch is marked known by the smallest positive value: it needs no gain reduction either way.
                if (p == 0) p = Double.MIN_VALUE;
                blockPeak[b] = p;
            }
            return p;
        }
    }

    /**
     * The knots of the gain that limits {@code x} (whose {@code peaks} these are) times {@code gain}, into
     * {@code work.knots} (one per block edge, the first at sample 0); {@code work.touched} tells whether any block needed
     * less than unity gain (if none did, every knot is exactly 1). A block whose neighbourhood's largest sample,
     * overshooting as much as the interpolator can, stays under the aim needs no interpolation: its need is 1, exactly
     * as interpolating would find. {@code work.caps}, if set, lowers the need of blocks found over the ceiling before.
     */
    void knots(Peaks peaks, double gain, int rate, Work work) {
        int blocks = peaks.reach.length;
        double[] s = work.need;
        double[] k = work.knots;
        int[] reach = peaks.reach;
        double quiet = aim / (gain * LoudnessMeter.overshootBound() * SLACK);
        double[] caps = work.caps;
        boolean touched = false;
        // From the end: each block's need, each knot's (the lesser of the blocks either side), and the forward minimum over
        // the look-ahead, from a queue of knots with increasing needs (head the least), into k before the release.
        int w = windowBlocks(rate);
        int[] q = work.queue;
        int head = 0, tail = 0;
        double after = 1; // the need of block b
        for (int b = blocks; b >= 0; b--) {
            double need = 1; // of block b - 1
            if (b > 0) {
                if (reach[b - 1] > quiet) {
                    double p = peaks.blockPeak(b - 1) * gain;
                    if (p > aim) need = aim / p;
                }
                if (caps != null && caps[b - 1] < need) need = caps[b - 1];
                if (need < 1) touched = true;
            }
            double v = need <= after ? need : after;
            s[b] = v;
            after = need;
            while (tail > head && s[q[tail - 1]] >= v) tail--;
            q[tail++] = b;
            if (q[head] > b + w - 1) head++;
            k[b] = s[q[head]];
        }
        work.touched = touched;
        if (!touched) {
            java.util.Arrays.fill(k, 0, blocks + 1, 1.0);
            return;
        }
        // Release, then the average of the last w released values (before the first w, the missing ones are the first,
        // itself at most what those knots need). The released values replace the held ones in place.
        double recover = releasePerBlock(rate);
        double previous = 1, first = 1, sum = 0;
        for (int b = 0; b <= blocks; b++) {
            double released = previous + (1 - previous) * recover;
            double held = k[b];
            previous = held <= released ? held : released;
            if (b == 0) first = previous;
            sum += previous;
            if (b >= w) sum -= s[b - w];
            s[b] = previous;
            k[b] = b >= w - 1 ? sum / w : (sum + (w - 1 - b) * first) / w;
        }
    }

    /** {@code x} times {@code gain} times the gain drawn through {@code knots}, rounded to 16 bits, into {@code out}. */
    static void apply(short[] x, double gain, double[] knots, short[] out) {
        int n = x.length;
        for (int b = 0, from = 0; from < n; b++, from += BLOCK) {
            double c = gain * knots[b];
            double d = (gain * knots[b + 1] - c) * (1.0 / BLOCK);
            int to = Math.min(n, from + BLOCK);
            for (int i = from, k = 0; i < to; i++, k++) out[i] = rounded(x[i] * (c + d * k));
        }
    }

    private static final double ROUNDER = 0x1.8p52;

    /**
     * To the nearest integer (ties to even), clamped to 16 bits: adding and taking away 1.5 * 2^52 leaves no fraction bits
     * to a double of this size. Under the client compiler this costs a third of {@code Math.round}.
     */
    static short rounded(double y) {
        int r = (int) ((y + ROUNDER) - ROUNDER);
        return (short) (r > Short.MAX_VALUE ? Short.MAX_VALUE : r < Short.MIN_VALUE ? Short.MIN_VALUE : r);
    }

    /**
     * Proves {@code y}, made by {@link #apply} from {@code peaks}' clip with {@code gain} and {@code work.knots}, at or under
     * the ceiling, block by block, and returns how many blocks are over it; for those, it lowers {@code work.caps} so that
     * the next {@link #knots} gives them less gain.
     *
     * <p>The proof, for a point between samples i and i+1 of block b, with g the gain at each sample: its value is
     * the sum over the interpolator's taps h of h * g(k) * x(k), plus rounding's error. Writing g(k) = g(i) + (g(k) - g(i)),
     * the first part is g(i) times the input's own interpolated value, at most g(i) times block b's true peak; the second
     * is at most the gain's steepest slope among blocks b-1 to b+1 (the line is straight between knots) times the sum of
     * |h| * |k - i| * |x(k)|, itself at most {@link LoudnessMeter#slopeBound} times the largest sample in reach; rounding adds
     * at most half a unit times the sum of |h|. (The block's true peak comes from the folded interpolation, which differs
     * from the meter's only by the rounding of its sums, far under the bound's relative slack of 1e-9.) A block whose
     * bound is at the ceiling or under is proved. Any other block is
     * interpolated from {@code y} itself, exactly as {@link LoudnessMeter#truePeak} does, and counted only if it is over.
     */
    int overs(short[] y, double gain, Peaks peaks, Work work) {
        int blocks = peaks.reach.length;
        if (blocks == 0) return 0;
        double[] k = work.knots;
        double overshoot = LoudnessMeter.overshootBound();
        double rounding = overshoot / 2;
        double slopeBound = LoudnessMeter.slopeBound();
        int over = 0;
        double slopeBefore = 0, slope = Math.abs(k[1] - k[0]);
        for (int b = 0; b < blocks; b++) {
            double slopeAfter = b + 2 <= blocks ? Math.abs(k[b + 2] - k[b + 1]) : 0;
            double steep = slopeBefore >= slope ? slopeBefore : slope;
            if (slopeAfter > steep) steep = slopeAfter;
            double steepest = gain * steep * (1.0 / BLOCK);
            double most = gain * (k[b] >= k[b + 1] ? k[b] : k[b + 1]);
            int reach = peaks.reach(b);
            double peak = peaks.known(b) ? peaks.blockPeak(b) : overshoot * reach;
            double bound = (most * peak + steepest * slopeBound * reach + rounding) * SLACK;
            if (bound > ceiling) {
                double found = 0;
                int from = b << BLOCK_BITS, to = Math.min(y.length, from + BLOCK);
                for (int i = from; i < to; i++) {
                    double q = LoudnessMeter.interSamplePeak(y, i);
                    if (q > found) found = q;
                }
                if (found > ceiling) {
                    over++;
                    if (work.caps == null) {
                        work.caps = new double[blocks];
                        java.util.Arrays.fill(work.caps, 1.0);
                    }
                    double cap = Math.min(k[b], k[b + 1]) * aim / found;
                    for (int c = Math.max(0, b - 1); c <= Math.min(blocks - 1, b + 1); c++) work.caps[c] = Math.min(work.caps[c], cap);
                }
            }
            slopeBefore = slope;
            slope = slopeAfter;
        }
        return over;
    }
}
