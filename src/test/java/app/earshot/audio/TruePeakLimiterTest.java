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
 * The limiter runs in one pass with look-ahead-sized queues (so a clip of any length is normalised in a small heap)
 * and interpolates only where a bound says a peak could reach the ceiling; its output must be exactly that of the plain
 * definition, with an array of the clip's length for each step (the true peak of every sample by the full search, the
 * gain each sample needs, its forward minimum, the release, the output), which this test keeps as the reference.
 */
class TruePeakLimiterTest {

    @Test
    void theOneArrayLimiterGivesExactlyTheOutputOfThePlainDefinition() {
        Random random = new Random(11);
        for (int rate : new int[] {8000, 16000, 22050}) {
            for (int n : new int[] {0, 1, 2, 39, 40, 41, 79, 80, 81, 5000, 48_000}) {
                short[] samples = new short[n];
                for (int i = 0; i < n; i++) {
                    // Speech-like: quiet stretches, with bursts loud enough to need limiting at the gains tried.
                    double burst = (i / 700) % 3 == 0 ? 30000 : 3000;
                    samples[i] = (short) Math.round(burst * Math.sin(i * 0.07 + random.nextGaussian() * 0.3) * random.nextDouble());
                }
                Pcm pcm = new Pcm(rate, samples);
                for (double gain : new double[] {0.5, 1, 2.7}) {
                    assertLimitedAsDefined(pcm, gain, "n=" + n + " rate=" + rate + " gain=" + gain);
                }
            }
        }
    }

    @Test
    void interSampleOversBetweenTwoSamplesJustUnderTheCeilingAreFoundAsByTheFullSearch() {
        TruePeakLimiter limiter = new TruePeakLimiter(32768 * Math.pow(10, -3.0 / 20), 0.005, 0.08);
        // A quarter-rate sine at 45 degrees: every sample is 1/sqrt(2) of its true peak. Samples 0.1% under the ceiling,
        // one burst of it in silence and one after quiet speech-level noise, at block edges and between them.
        for (int at : new int[] {0, 5, 31, 32, 33, 1000}) {
            short[] s = new short[4000];
            Random random = new Random(at);
            for (int i = 0; i < 1000; i++) s[i] = (short) (random.nextGaussian() * 300);
            double amplitude = limiter.ceiling() * 0.999 * Math.sqrt(2);
            for (int i = at; i < at + 48; i++) s[i] = (short) Math.round(amplitude * Math.sin(Math.PI / 2 * i + Math.PI / 4));
            Pcm pcm = new Pcm(16000, s);
            double between = Math.max(TruePeakLimiter.peak(s, at + 24), TruePeakLimiter.peak(s, at + 25));
            assertTrue(Math.abs(s[at]) < limiter.ceiling() && between > 1.4 * limiter.ceiling(), "crafted: " + between);
            assertLimitedAsDefined(pcm, 1, "burst at " + at);
        }
    }

    @Test
    void realSpeechIsLimitedExactlyAsByTheFullSearch() {
        Pcm speech = new FreeTtsSynthesizer(1, java.time.Duration.ofSeconds(30)).speak(
                "Ketamine can help some people with depression that has not improved with other treatments.",
                VoiceSettings.DEFAULT).audio();
        TruePeakLimiter limiter = new TruePeakLimiter(32768 * Math.pow(10, -3.0 / 20), 0.005, 0.08);
        // At unity gain the voice's loudest syllables pass the ceiling; at 12 dB (the normaliser's most) many do.
        for (double gain : new double[] {0.5, 1, 2, 4}) assertLimitedAsDefined(speech, gain, "gain " + gain);
    }

    private static void assertLimitedAsDefined(Pcm pcm, double gain, String what) {
        int n = pcm.length();
        int rate = pcm.sampleRate();
        TruePeakLimiter limiter = new TruePeakLimiter(32768 * Math.pow(10, -3.0 / 20), 0.005, 0.08);
        double[] x = new double[n];
        double[] peaks = new double[n];
        short[] samples = pcm.samples();
        for (int i = 0; i < n; i++) {
            x[i] = pcm.sample(i);
            peaks[i] = TruePeakLimiter.peak(samples, i);
        }
        double[] limited = new double[n];
        int[] next = {0};
        limiter.limit(pcm, gain, rate, (i, y) -> {
            assertEquals(next[0]++, i, "samples out of order");
            limited[i] = y;
        });
        assertEquals(n, next[0], "samples given");
        assertArrayEquals(reference(limiter.ceiling(), 0.005, 0.08, x, peaks, gain, rate), limited, what);
    }

    /** The limiter as first written: need, held (forward minimum, then release), output, each its own array. */
    private static double[] reference(double ceiling, double lookAheadSeconds, double releaseSeconds, double[] x, double[] peaks,
                                      double gain, int rate) {
        int n = x.length;
        int window = Math.max(1, (int) Math.round(lookAheadSeconds * rate));
        double[] need = new double[n];
        for (int i = 0; i < n; i++) {
            double peak = peaks[i] * gain;
            need[i] = peak > ceiling ? ceiling / peak : 1;
        }
        double[] held = new double[n];
        int[] queue = new int[n];
        int head = 0, tail = 0;
        for (int i = n - 1; i >= 0; i--) {
            while (tail > head && need[queue[tail - 1]] >= need[i]) tail--;
            queue[tail++] = i;
            while (queue[head] > i + window - 1) head++;
            held[i] = need[queue[head]];
        }
        double recover = 1 - Math.exp(-1 / (releaseSeconds * rate));
        double previous = 1;
        for (int i = 0; i < n; i++) {
            previous = Math.min(held[i], previous + (1 - previous) * recover);
            held[i] = previous;
        }
        double[] out = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += held[i];
            if (i >= window) sum -= held[i - window];
            double smooth = i >= window - 1 ? sum / window : (sum + (window - 1 - i) * held[0]) / window;
            out[i] = x[i] * gain * smooth;
        }
        return out;
    }
}
