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
    public static final String ID = "r128:" + NARRATION_TARGET_LUFS + "LUFS:" + NARRATION_CEILING_DBTP + "dBTP:v3";

    static final double TOLERANCE_LU = 0.2;
    /** Most gain ever applied: a clip that is nearly silent is a fault to hear, not noise to raise to speech level. */
    static final double MAX_GAIN_DB = 12;
    /** Most gain-then-limit passes: audio with a high crest factor loses more to the limiter and needs a few. */
    static final int PASSES = 5;
    /** Gain corrections from the predicted loss to the limiter before the first output is made. */
    static final int PREDICTIONS = 2;
    private static final TruePeakLimiter LIMITER = new TruePeakLimiter(32768 * Math.pow(10, NARRATION_CEILING_DBTP / 20), 0.005, 0.08);

    private LoudnessNormaliser() {
    }

    /**
     * {@code pcm} at {@value #NARRATION_TARGET_LUFS} LUFS integrated (within 0.2 LU, unless limiting makes that
     * impossible) with a true peak at or under {@value #NARRATION_CEILING_DBTP} dBTP. Silence is returned as it is.
     */
    public static Pcm narration(Pcm pcm) {
        return level(pcm, NARRATION_TARGET_LUFS, LIMITER, null);
    }

    /** {@link #level} with a meter of {@link Pcm}s. */
    static Pcm toLevel(Pcm pcm, double target, TruePeakLimiter limiter, java.util.function.ToDoubleFunction<Pcm> meter) {
        return level(pcm, target, limiter, meter);
    }

    /**
     * {@code pcm} with the gain that brings {@code meter}'s reading (integrated loudness if null) to {@code target} (at most
     * {@link #MAX_GAIN_DB}), through {@code limiter}, rounded to 16 bits, its true peak proved at or under the limiter's
     * ceiling. Limiting takes a little level off the peaks. For integrated loudness that loss is predicted from the
     * limiter's gain and the K-weighted energy of each 2 ms of the input (a gain that changes slowly scales the weighted
     * signal with it), so the first output usually lands within 0.2 LU. The first output is measured only if its own
     * prediction is not within a quarter of that; every later output is measured, and if it is not within 0.2 LU the
     * gain is corrected and applied again from the original samples. Silence (a reading of minus
     * infinity) is returned as it is.
     */
    private static Pcm level(Pcm pcm, double target, TruePeakLimiter limiter, java.util.function.ToDoubleFunction<Pcm> meter) {
        int rate = pcm.sampleRate();
        short[] x = pcm.samples();
        int n = x.length;
        double[] energy = meter == null ? new double[(n + LoudnessMeter.CHUNK - 1) / LoudnessMeter.CHUNK] : null;
        int[] blockMax = meter == null ? new int[TruePeakLimiter.blocks(n)] : null;
        double measured = meter == null ? LoudnessMeter.integrated(x, rate, energy, blockMax) : meter.applyAsDouble(pcm);
        if (measured == Double.NEGATIVE_INFINITY) return pcm;
        double gainDb = Math.min(MAX_GAIN_DB, target - measured);
        // The peaks do not depend on the gain: every pass reuses what the first interpolated.
        TruePeakLimiter.Peaks peaks = blockMax == null ? new TruePeakLimiter.Peaks(x) : new TruePeakLimiter.Peaks(x, blockMax);
        TruePeakLimiter.Work work = new TruePeakLimiter.Work(n);
        // Predictions: the first corrects by the predicted loss; more gain limits more, so the next corrects along the
        // secant through the last two predictions (the predicted loudness rises more slowly than the gain).
        double lastDb = 0, lastPredicted = 0;
        for (int p = 0; energy != null && p < PREDICTIONS && gainDb < MAX_GAIN_DB; p++) {
            double gain = Math.pow(10, gainDb / 20);
            limiter.knots(peaks, gain, rate, work);
            // Nothing limited: the level is the measured one plus the gain (the meter is linear), so nothing to predict.
            if (!work.touched) break;
            double predicted = predicted(energy, work.knots, gain, n, rate);
            double error = target - predicted;
            double slope = p == 0 ? 1 : (predicted - lastPredicted) / (gainDb - lastDb);
            lastDb = gainDb;
            lastPredicted = predicted;
            // A slope outside (0.2, 1] is not this limiter's (its loss only grows with the gain): step as the first did.
            gainDb = Math.min(MAX_GAIN_DB, gainDb + error / (slope > 0.2 && slope <= 1 ? slope : 1));
            if (Math.abs(error) < TOLERANCE_LU / 4) break;
        }
        short[] limited = new short[n];
        boolean proved = false;
        for (int pass = 0; pass < PASSES; pass++) {
            double gain = Math.pow(10, gainDb / 20);
            limiter.knots(peaks, gain, rate, work);
            TruePeakLimiter.apply(x, gain, work.knots, limited);
            // A block over the ceiling lowers its own gain (in the work's caps) and is made again.
            proved = limiter.overs(limited, gain, peaks, work) == 0;
            if (!proved) continue;
            if (!work.touched) return new Pcm(rate, limited);
            Pcm out = new Pcm(rate, limited);
            // The first output whose predicted loudness is within a quarter of the tolerance is taken without measuring
            // it: over speech the prediction is within 0.005 LU of the meter (LoudnessNormaliserTest), a thirtieth of the
            // margin left, and the measurement would cost as much again as the meter's first pass.
            if (pass == 0 && energy != null && Math.abs(target - predicted(energy, work.knots, gain, n, rate)) < TOLERANCE_LU / 4) {
                return out;
            }
            double error = target - (meter == null ? LoudnessMeter.integrated(limited, rate) : meter.applyAsDouble(out));
            if (Math.abs(error) < TOLERANCE_LU || gainDb >= MAX_GAIN_DB) return out;
            gainDb = Math.min(MAX_GAIN_DB, gainDb + error);
        }
        return proved ? new Pcm(rate, limited) : underCeiling(limited, rate, limiter.ceiling());
    }

    /**
     * The integrated loudness {@code x} would have times {@code gain} times the limiter's gain through {@code knots}:
     * each chunk's K-weighted energy times the square of its mean gain (the knots' trapezoidal mean), summed per 100 ms
     * step and gated as the meter does. A prediction: the weighting filter's memory and the gain's change within a chunk
     * are ignored.
     */
    static double predicted(double[] energy, double[] knots, double gain, int n, int rate) {
        int chunk = LoudnessMeter.CHUNK, per = chunk / TruePeakLimiter.BLOCK;
        int step = LoudnessMeter.step(rate);
        int lastKnot = knots.length - 1;
        double[] steps = new double[n < 4 * step ? 0 : n / step];
        double whole = 0;
        for (int c = 0; c < energy.length; c++) {
            int k = c * per;
            double mean = knots[k] / 2;
            for (int j = 1; j < per; j++) mean += knots[Math.min(lastKnot, k + j)];
            mean = (mean + knots[Math.min(lastKnot, k + per)] / 2) / per * gain;
            double e = energy[c] * mean * mean;
            if (steps.length == 0) {
                whole += e;
            } else {
                int s = c * chunk / step;
                if (s < steps.length) steps[s] += e;
            }
        }
        return LoudnessMeter.gated(steps, whole, n, rate);
    }

    /**
     * The last resort, if passes of lowered gain still leave a block over the ceiling: {@code y} scaled by one factor that
     * brings its true peak (interpolated everywhere, as {@link LoudnessMeter#truePeak} defines it) to the ceiling less
     * rounding's most. A constant factor scales every interpolated value by itself, and rounding adds at most half a unit
     * times the interpolator's overshoot, so the result is at or under the ceiling. Never reached by any clip tried.
     */
    private static Pcm underCeiling(short[] y, int rate, double ceiling) {
        double peak = 0;
        for (int i = 0; i < y.length; i++) peak = Math.max(peak, LoudnessMeter.interSamplePeak(y, i));
        double room = (ceiling - LoudnessMeter.overshootBound() / 2) / 1.000001;
        if (peak <= ceiling) return new Pcm(rate, y);
        double scale = room / peak;
        short[] out = new short[y.length];
        for (int i = 0; i < y.length; i++) out[i] = TruePeakLimiter.rounded(y[i] * scale);
        return new Pcm(rate, out);
    }
}
