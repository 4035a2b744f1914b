package app.earshot.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import app.earshot.sound.Pcm;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The limiter runs in one pass with look-ahead-sized queues (so a clip of any length is normalised in a small heap);
 * its output must be exactly that of the plain definition, with an array of the clip's length for each step (the
 * gain each sample needs, its forward minimum, the release, the output), which this test keeps as the reference.
 */
class TruePeakLimiterTest {

    @Test
    void theOneArrayLimiterGivesExactlyTheOutputOfThePlainDefinition() {
        Random random = new Random(11);
        for (int rate : new int[] {8000, 16000, 22050}) {
            for (int n : new int[] {0, 1, 2, 39, 40, 41, 79, 80, 81, 5000, 48_000}) {
                short[] samples = new short[n];
                double[] x = new double[n];
                for (int i = 0; i < n; i++) {
                    // Speech-like: quiet stretches, with bursts loud enough to need limiting at the gains tried.
                    double burst = (i / 700) % 3 == 0 ? 30000 : 3000;
                    samples[i] = (short) Math.round(burst * Math.sin(i * 0.07 + random.nextGaussian() * 0.3) * random.nextDouble());
                    x[i] = samples[i];
                }
                Pcm pcm = new Pcm(rate, samples);
                TruePeakLimiter limiter = new TruePeakLimiter(32768 * Math.pow(10, -3.0 / 20), 0.005, 0.08);
                double worth = limiter.ceiling() / 4;
                double[] peaks = new double[n];
                for (int i = 0; i < n; i++) peaks[i] = TruePeakLimiter.peak(pcm, i, worth);
                for (double gain : new double[] {0.5, 1, 2.7}) {
                    double[] limited = new double[n];
                    int[] next = {0};
                    limiter.limit(pcm, worth, gain, rate, (i, y) -> {
                        assertEquals(next[0]++, i, "samples out of order");
                        limited[i] = y;
                    });
                    assertEquals(n, next[0], "samples given");
                    assertArrayEquals(reference(limiter.ceiling(), 0.005, 0.08, x, peaks, gain, rate), limited,
                            "n=" + n + " rate=" + rate + " gain=" + gain);
                }
            }
        }
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
