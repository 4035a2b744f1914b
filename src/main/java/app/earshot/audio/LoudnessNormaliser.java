package app.earshot.audio;

import app.earshot.sound.Pcm;

/**
 * Brings narration to one loudness, EBU R128 style: gain to a target integrated loudness (ITU-R BS.1770), then a
 * look-ahead true-peak limiter so that raising quiet speech never clips.
 *
 * <p>Applied to each synthesized clip before it is encoded or cached. Clips made this way join into whole-page
 * audio at the same loudness, so the page is not processed again (its sections stay sample-identical to the
 * section files) and still measures at the target.
 */
public final class LoudnessNormaliser {

    /** Integrated loudness narration is brought to: -19 LUFS, the usual norm for mono spoken word (AES TD1004). */
    public static final double NARRATION_TARGET_LUFS = -19.0;

    /**
     * Our own ceiling, 0.5 dB under the -1.5 dBTP the output must meet: leaves room for other meters' interpolators
     * and for decoders of the lossy encodings made from the clip.
     */
    public static final double NARRATION_CEILING_DBTP = -3.0;

    /** Names the processing for cache keys: change it whenever the output would change. */
    public static final String ID = "r128:" + NARRATION_TARGET_LUFS + "LUFS:" + NARRATION_CEILING_DBTP + "dBTP:v2";

    private static final double TOLERANCE_LU = 0.2;
    /** Most gain ever applied: a clip that is nearly silent is a fault to hear, not noise to raise to speech level. */
    static final double MAX_GAIN_DB = 12;
    /** Most gain-then-limit passes: audio with a high crest factor loses more to the limiter and needs a few. */
    static final int PASSES = 5;
    private static final TruePeakLimiter LIMITER = new TruePeakLimiter(32768 * Math.pow(10, NARRATION_CEILING_DBTP / 20), 0.005, 0.08);

    private LoudnessNormaliser() {
    }

    /**
     * {@code pcm} at {@value #NARRATION_TARGET_LUFS} LUFS integrated (within 0.2 LU, unless limiting makes that
     * impossible) with a true peak at or under {@value #NARRATION_CEILING_DBTP} dBTP. Silence is returned as it is.
     */
    public static Pcm narration(Pcm pcm) {
        return level(pcm, NARRATION_TARGET_LUFS, LIMITER, LoudnessMeter::integrated);
    }

    /** A level meter reading samples in place (they are not changed). */
    interface Meter {
        double measure(short[] samples, int rate);
    }

    /** {@link #level} with a meter of {@link Pcm}s. */
    static Pcm toLevel(Pcm pcm, double target, TruePeakLimiter limiter, java.util.function.ToDoubleFunction<Pcm> meter) {
        return level(pcm, target, limiter, (samples, rate) -> meter.applyAsDouble(new Pcm(rate, samples)));
    }

    /**
     * {@code pcm} with the gain that brings {@code meter}'s reading to {@code target} (at most {@link #MAX_GAIN_DB}),
     * through {@code limiter}, rounded to 16 bits. Limiting takes a little level off the peaks, so the gain is
     * corrected and applied again from the original samples until the reading is within 0.2 dB (speech needs two
     * passes). Silence (a reading of minus infinity) is returned as it is. Every pass writes into one array, measured
     * in place: a clip costs its input, that array and the result, whatever the passes.
     */
    private static Pcm level(Pcm pcm, double target, TruePeakLimiter limiter, Meter meter) {
        int rate = pcm.sampleRate();
        short[] x = pcm.samples();
        double measured = meter.measure(x, rate);
        if (measured == Double.NEGATIVE_INFINITY) return pcm;
        double gainDb = Math.min(MAX_GAIN_DB, target - measured);
        // The peaks do not depend on the gain: a later pass reuses what the first interpolated.
        TruePeakLimiter.Peaks peaks = new TruePeakLimiter.Peaks(x);
        short[] limited = new short[x.length];
        for (int pass = 0; pass < PASSES; pass++) {
            double gain = Math.pow(10, gainDb / 20);
            boolean touched = limiter.limit(x, gain, rate, peaks, (from, gains, count) -> {
                for (int k = 0, i = from; k < count; k++, i++) limited[i] = rounded(x[i] * gain * gains[k]);
            });
            // Nothing limited: the level is the measured one plus the gain (the meter is linear), so no second measurement.
            if (!touched) break;
            double error = target - meter.measure(limited, rate);
            if (Math.abs(error) < TOLERANCE_LU || gainDb >= MAX_GAIN_DB) break;
            gainDb = Math.min(MAX_GAIN_DB, gainDb + error);
        }
        return new Pcm(rate, limited);
    }

    private static short rounded(double y) {
        long r = Math.round(y);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }
}
