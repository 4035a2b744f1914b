package app.earshot.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.sound.Pcm;
import app.earshot.speech.FreeTtsSynthesizer;
import app.earshot.speech.VoiceSettings;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The limiter works out its gain per block of 8 samples with look-ahead-sized queues and interpolates only where a bound
 * says a peak could reach its aim; its output must be exactly that of the plain definition kept here, with an array of
 * the clip's length for each step (the true peak of every sample, the gain each sample needs, each block's and each
 * knot's need, the forward minimum, the release, the average, the straight line between knots, the rounded output).
 */
class TruePeakLimiterTest {

    static final TruePeakLimiter LIMITER = new TruePeakLimiter(32768 * Math.pow(10, -3.0 / 20), 0.005, 0.08);

    @Test
    void theBlockLimiterGivesExactlyTheOutputOfThePlainDefinition() {
        Random random = new Random(11);
        for (int rate : new int[] {8000, 16000, 22050}) {
            for (int n : new int[] {0, 1, 2, 7, 8, 9, 39, 40, 41, 79, 80, 81, 5000, 48_000}) {
                short[] samples = new short[n];
                for (int i = 0; i < n; i++) {
                    // Speech-like: quiet stretches, with bursts loud enough to need limiting at the gains tried.
                    double burst = (i / 700) % 3 == 0 ? 30000 : 3000;
                    samples[i] = (short) Math.round(burst * Math.sin(i * 0.07 + random.nextGaussian() * 0.3) * random.nextDouble());
                }
                for (double gain : new double[] {0.5, 1, 2.7}) {
                    assertLimitedAsDefined(samples, rate, gain, "n=" + n + " rate=" + rate + " gain=" + gain);
                }
            }
        }
    }

    @Test
    void interSampleOversBetweenTwoSamplesJustUnderTheCeilingAreFoundAsByTheFullSearch() {
        // A quarter-rate sine at 45 degrees: every sample is 1/sqrt(2) of its true peak. Samples 0.1% under the ceiling,
        // one burst of it in silence and one after quiet speech-level noise, at block edges and between them.
        for (int at : new int[] {0, 5, 31, 32, 33, 1000}) {
            short[] s = new short[4000];
            Random random = new Random(at);
            for (int i = 0; i < 1000; i++) s[i] = (short) (random.nextGaussian() * 300);
            double amplitude = LIMITER.ceiling() * 0.999 * Math.sqrt(2);
            for (int i = at; i < at + 48; i++) s[i] = (short) Math.round(amplitude * Math.sin(Math.PI / 2 * i + Math.PI / 4));
            double between = Math.max(TruePeakLimiter.peak(s, at + 24), TruePeakLimiter.peak(s, at + 25));
            assertTrue(Math.abs(s[at]) < LIMITER.ceiling() && between > 1.4 * LIMITER.ceiling(), "crafted: " + between);
            assertLimitedAsDefined(s, 16000, 1, "burst at " + at);
            assertTrue(truePeak(limited(s, 16000, 1)) <= LIMITER.ceiling(), "burst at " + at);
        }
    }

    @Test
    void realSpeechIsLimitedExactlyAsByTheFullSearch() {
        Pcm speech = new FreeTtsSynthesizer(1, java.time.Duration.ofSeconds(30)).speak(
                "Ketamine can help some people with depression that has not improved with other treatments.",
                VoiceSettings.DEFAULT).audio();
        // At unity gain the voice's loudest syllables pass the ceiling; at 12 dB (the normaliser's most) many do.
        for (double gain : new double[] {0.5, 1, 2, 4}) assertLimitedAsDefined(speech.samples(), speech.sampleRate(), gain, "gain " + gain);
    }

    @Test
    void theFoldedPeakIsTheMetersInterpolatorUpToRounding() {
        Random random = new Random(5);
        short[] x = new short[3000];
        for (int i = 0; i < x.length; i++) x[i] = (short) (random.nextInt(65536) - 32768);
        for (int i = 0; i < x.length; i++) {
            double full = Math.max(Math.abs(x[i]), Math.max(i + 1 < x.length ? Math.abs(x[i + 1]) : 0, LoudnessMeter.interSamplePeak(x, i)));
            assertEquals(full, TruePeakLimiter.peak(x, i), full * 1e-12, "sample " + i);
        }
    }

    @Test
    void theMetersPassFindsEachBlocksLargestSampleAndReadsTheSameLoudness() {
        Random random = new Random(9);
        for (int rate : new int[] {8000, 16000, 22050}) {
            for (int n : new int[] {1, 9, 3000, 20_001, 44_100}) {
                short[] x = new short[n];
                for (int i = 0; i < n; i++) x[i] = (short) (random.nextGaussian() * (i % 5000 < 400 ? 12000 : 900));
                x[n - 1] = Short.MIN_VALUE; // the last sample, after the last whole step, is the loudest
                int[] blockMax = new int[TruePeakLimiter.blocks(n)];
                double[] energy = new double[(n + LoudnessMeter.CHUNK - 1) / LoudnessMeter.CHUNK];
                assertEquals(LoudnessMeter.integrated(new Pcm(rate, x)), LoudnessMeter.integrated(x, rate, energy, blockMax), "n=" + n);
                for (int b = 0; b < blockMax.length; b++) {
                    int most = 0;
                    for (int i = b * TruePeakLimiter.BLOCK; i < Math.min(n, (b + 1) * TruePeakLimiter.BLOCK); i++) most = Math.max(most, Math.abs(x[i]));
                    assertEquals(most, blockMax[b], "block " + b + " of " + n + " at " + rate);
                }
                assertEquals(32768, blockMax[blockMax.length - 1]);
                short[] fromMeter = new short[n], own = new short[n];
                TruePeakLimiter.Work work = new TruePeakLimiter.Work(n);
                LIMITER.knots(new TruePeakLimiter.Peaks(x, blockMax), 3, rate, work);
                TruePeakLimiter.apply(x, 3, work.knots, fromMeter);
                LIMITER.knots(new TruePeakLimiter.Peaks(x), 3, rate, work);
                TruePeakLimiter.apply(x, 3, work.knots, own);
                assertArrayEquals(own, fromMeter, "n=" + n);
            }
        }
    }

    @Test
    void theGainMovesByAtMostOneWindowthOfItsRangeFromKnotToKnot() {
        short[] s = new short[16000];
        for (int i = 8000; i < 8040; i++) s[i] = (short) (i % 2 == 0 ? 32767 : -32768); // a full-scale click in silence
        TruePeakLimiter.Work work = new TruePeakLimiter.Work(s.length);
        LIMITER.knots(new TruePeakLimiter.Peaks(s), 1, 16000, work);
        double least = 1;
        for (int b = 0; b + 1 < work.knots.length; b++) {
            assertTrue(Math.abs(work.knots[b + 1] - work.knots[b]) <= 1.0 / LIMITER.windowBlocks(16000) + 1e-12, "knot " + b);
            least = Math.min(least, work.knots[b]);
        }
        assertTrue(least < 0.8, "the click was limited: " + least);
    }

    /** The limiter's own gain at {@code gain}, applied and proved as the normaliser does, for one pass. */
    static short[] limited(short[] x, int rate, double gain) {
        TruePeakLimiter.Peaks peaks = new TruePeakLimiter.Peaks(x);
        TruePeakLimiter.Work work = new TruePeakLimiter.Work(x.length);
        LIMITER.knots(peaks, gain, rate, work);
        short[] out = new short[x.length];
        TruePeakLimiter.apply(x, gain, work.knots, out);
        assertEquals(0, LIMITER.overs(out, gain, peaks, work), "blocks over the ceiling");
        return out;
    }

    /** The true peak of {@code y} by the meter's interpolator at every sample, in sample units. */
    static double truePeak(short[] y) {
        double peak = 0;
        for (int i = 0; i < y.length; i++) peak = Math.max(peak, LoudnessMeter.interSamplePeak(y, i));
        return peak;
    }

    private static void assertLimitedAsDefined(short[] x, int rate, double gain, String what) {
        assertArrayEquals(output(x, gain, plainKnots(LIMITER, x, rate, gain)), limited(x, rate, gain), what);
    }

    /**
     * The limiter's knots as defined, each step its own array: every sample's need (its aim over its true peak times the
     * gain), each block's (its samples' least), each knot's (the lesser of the blocks either side), held at the least over
     * the look-ahead, released, then averaged over the look-ahead ending at the knot.
     */
    static double[] plainKnots(TruePeakLimiter limiter, short[] x, int rate, double gain) {
        int n = x.length, block = TruePeakLimiter.BLOCK;
        int blocks = (n + block - 1) / block;
        double[] need = new double[n];
        for (int i = 0; i < n; i++) {
            double peak = TruePeakLimiter.peak(x, i) * gain;
            need[i] = peak > limiter.aim() ? limiter.aim() / peak : 1;
        }
        double[] blockNeed = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            blockNeed[b] = 1;
            for (int i = b * block; i < Math.min(n, (b + 1) * block); i++) blockNeed[b] = Math.min(blockNeed[b], need[i]);
        }
        double[] knotNeed = new double[blocks + 1];
        for (int b = 0; b <= blocks; b++) knotNeed[b] = Math.min(b > 0 ? blockNeed[b - 1] : 1, b < blocks ? blockNeed[b] : 1);
        int w = limiter.windowBlocks(rate);
        double[] held = new double[blocks + 1];
        for (int b = 0; b <= blocks; b++) {
            held[b] = 1;
            for (int c = b; c < b + w && c <= blocks; c++) held[b] = Math.min(held[b], knotNeed[c]);
        }
        double recover = limiter.releasePerBlock(rate);
        double previous = 1;
        for (int b = 0; b <= blocks; b++) {
            previous = Math.min(held[b], previous + (1 - previous) * recover);
            held[b] = previous;
        }
        double[] knots = new double[blocks + 1];
        double sum = 0;
        for (int b = 0; b <= blocks; b++) {
            sum += held[b];
            if (b >= w) sum -= held[b - w];
            knots[b] = b >= w - 1 ? sum / w : (sum + (w - 1 - b) * held[0]) / w;
        }
        return knots;
    }

    /** {@code x} times {@code gain} times the straight line between knots, rounded to the nearest (ties to even) 16-bit value. */
    static short[] output(short[] x, double gain, double[] knots) {
        int block = TruePeakLimiter.BLOCK;
        short[] out = new short[x.length];
        for (int i = 0; i < x.length; i++) {
            int b = i / block, k = i % block;
            double c = gain * knots[b];
            double d = (gain * knots[b + 1] - c) / block;
            double y = Math.rint(x[i] * (c + d * k));
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, y));
        }
        return out;
    }
}
