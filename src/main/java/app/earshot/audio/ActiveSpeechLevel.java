package app.earshot.audio;

import app.earshot.sound.Pcm;

/**
 * Measures the active speech level of mono PCM in dBov by ITU-T P.56 method B (as in the ITU-T G.191 reference
 * "sv56"), and brings telephone clips to a level phone networks expect.
 *
 * <p>0 dBov is the power of a full-scale square wave (a full-scale sine is -3 dBov). The active level is the power
 * of the samples while speech is active: an envelope (two 30 ms smoothing stages) is compared against thresholds
 * 6 dB apart with 200 ms hangover, and the level is where the level-over-threshold falls to the 15.9 dB margin.
 */
public final class ActiveSpeechLevel {

    /** Active speech level telephone clips are brought to: the middle of the -26 to -20 dBov range networks plan for. */
    public static final double TELEPHONE_TARGET_DBOV = -23.0;

    /** Highest true peak allowed in a telephone clip, 1 dB under the -3 dBov the clips must stay below. */
    public static final double TELEPHONE_CEILING_DBOV = -4.0;

    /** Names the telephone levelling for cache keys: change it whenever the output would change. */
    public static final String TELEPHONE_ID = "p56:" + TELEPHONE_TARGET_DBOV + "dBov:" + TELEPHONE_CEILING_DBOV + "dBov:v2";

    /** Level of a clip with no speech at all. */
    public static final double SILENCE = Double.NEGATIVE_INFINITY;

    private static final double FULL_SCALE = 32768.0;
    private static final double SCALE = 1 / FULL_SCALE;
    private static final double TIME_CONSTANT_SECONDS = 0.03;
    private static final double HANGOVER_SECONDS = 0.2;
    private static final double MARGIN_DB = 15.9;
    private static final int THRESHOLDS = 16;
    private static final TruePeakLimiter TELEPHONE_LIMITER =
            new TruePeakLimiter(FULL_SCALE * Math.pow(10, TELEPHONE_CEILING_DBOV / 20), 0.005, 0.08);

    private ActiveSpeechLevel() {
    }

    /** The active speech level of {@code pcm} in dBov, or {@link #SILENCE}. */
    public static double measure(Pcm pcm) {
        int n = pcm.length();
        if (n == 0) return SILENCE;
        double g = Math.exp(-1 / (TIME_CONSTANT_SECONDS * pcm.sampleRate()));
        double rise = 1 - g;
        int hangover = (int) Math.round(HANGOVER_SECONDS * pcm.sampleRate());
        // sv56 tests the envelope against each of the 16 thresholds 2^-15 .. 2^0 every sample and keeps a hangover
        // counter per threshold. The same counts come cheaper: the thresholds are powers of two, so the number the
        // envelope reaches is read from its binary exponent; threshold j is active while the envelope last reached it
        // at most `hangover` samples ago, and since a higher threshold is never reached later than a lower one, the
        // active thresholds are always the lowest few. So each sample adds one to the count of samples with exactly
        // that many active, and the per-threshold counts are the sums of those above (integers: the reading is the
        // same to the last bit; ActiveSpeechLevelTest keeps sv56's loop as the definition).
        long[] withActive = new long[THRESHOLDS + 1];
        int[] lastReached = new int[THRESHOLDS];    // meaningful for thresholds the envelope is not reaching now
        java.util.Arrays.fill(lastReached, -hangover - 1); // as sv56: leading silence is not speech held over
        int reached = 0, held = 0; // thresholds the envelope reached at the previous sample; thresholds active there
        double p = 0, q = 0, sumSquares = 0;
        for (int i = 0; i < n; i++) {
            double x = pcm.sample(i) * SCALE; // the same value as dividing by 2^15, without a division a sample
            sumSquares += x * x;
            p = g * p + rise * Math.abs(x);
            q = g * q + rise * p;
            // q >= 2^(j-15) exactly when q's exponent is at least j-15 (zero and subnormals: none reached).
            int now = Math.max(0, Math.min(THRESHOLDS, Math.getExponent(q) + THRESHOLDS));
            while (reached > now) lastReached[--reached] = i - 1; // the envelope fell below these after sample i-1
            reached = now;
            if (held < now) held = now;
            while (held > now && i - lastReached[held - 1] > hangover) held--;
            withActive[held]++;
        }
        long[] active = new long[THRESHOLDS];
        long above = 0;
        for (int j = THRESHOLDS - 1; j >= 0; j--) {
            above += withActive[j + 1];
            active[j] = above;
        }
        if (sumSquares == 0) return SILENCE;
        double[] thresholds = new double[THRESHOLDS];
        for (int j = 0; j < THRESHOLDS; j++) thresholds[j] = Math.pow(2, j - (THRESHOLDS - 1));
        double previousLevel = 0, previousExcess = 0;
        for (int j = 0; j < THRESHOLDS; j++) {
            if (active[j] == 0) break;
            double level = 10 * Math.log10(sumSquares / active[j]);
            double excess = level - 20 * Math.log10(thresholds[j]);
            if (excess <= MARGIN_DB) {
                if (j == 0) return level;
                // Linear interpolation between the two thresholds either side of the margin.
                double t = (previousExcess - MARGIN_DB) / (previousExcess - excess);
                return previousLevel + t * (level - previousLevel);
            }
            previousLevel = level;
            previousExcess = excess;
        }
        return previousLevel;
    }

    /**
     * {@code pcm} (telephone audio, 8 kHz) at an active speech level of {@value #TELEPHONE_TARGET_DBOV} dBov with its
     * true peak at or under {@value #TELEPHONE_CEILING_DBOV} dBov. Silence is returned as it is; a nearly silent clip is
     * raised by at most 12 dB.
     */
    public static Pcm telephone(Pcm pcm) {
        return LoudnessNormaliser.toLevel(pcm, TELEPHONE_TARGET_DBOV, TELEPHONE_LIMITER, ActiveSpeechLevel::measure);
    }
}
