package app.earshot.audio;

import app.earshot.sound.Pcm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ActiveSpeechLevelTest {

    static double dbov(double rms) {
        return 20 * Math.log10(rms / 32768);
    }

    @Test
    void aContinuousToneIsActiveThroughoutAtItsPower() {
        assertEquals(dbov(10000 / Math.sqrt(2)), ActiveSpeechLevel.measure(Signals.tone(8000, 1000, 10000, 3)), 0.2);
    }

    @Test
    void pausesDoNotLowerTheActiveLevel() {
        Pcm tone = Signals.tone(8000, 1000, 10000, 1);
        Pcm paused = Pcm.concat(List.of(tone, Pcm.silence(8000, 4), tone));
        // The plain average level drops by 4.8 dB; the active level only by the 200 ms hangover and envelope decay.
        assertEquals(ActiveSpeechLevel.measure(tone), ActiveSpeechLevel.measure(paused), 1.0);
    }

    @Test
    void telephoneClipsAreLevelledToMinus23DbovWithPeaksUnderMinus3() {
        Pcm loud = Telephony.toNarrowband(LoudnessNormaliserTest.speechLike(25000));
        Pcm out = ActiveSpeechLevel.telephone(loud);
        assertEquals(-23.0, ActiveSpeechLevel.measure(out), 0.3);
        int peak = 0;
        for (int i = 0; i < out.length(); i++) peak = Math.max(peak, Math.abs(out.sample(i)));
        assertTrue(dbov(peak) < -3, "peak " + dbov(peak) + " dBov");
    }

    @Test
    void theReadingIsSv56sMethodBToTheLastBitOnSpeechTonesBurstsAndPauses() {
        java.util.Random random = new java.util.Random(23);
        List<Pcm> clips = new java.util.ArrayList<>();
        clips.add(Telephony.toNarrowband(LoudnessNormaliserTest.speechLike(25000)));
        clips.add(LoudnessNormaliserTest.speechLike(300));
        clips.add(Signals.fullScaleSquare(8000, 100, 0.7));
        clips.add(new Pcm(8000, new short[] {Short.MIN_VALUE}));
        clips.add(new Pcm(16000, new short[] {1, -1}));
        for (double amplitude : new double[] {2, 40, 700, 9000, 32767}) clips.add(Signals.tone(8000, 440, amplitude, 0.4));
        // Bursts parted by pauses around the hangover (1,600 samples at 8 kHz), so thresholds expire at every step.
        for (int gap : new int[] {1, 1599, 1600, 1601, 1650, 5000}) {
            clips.add(Pcm.concat(List.of(Signals.tone(8000, 300, 12000, 0.2), Pcm.silence(8000, gap / 8000.0),
                    Signals.tone(8000, 300, 80, 0.3), Pcm.silence(8000, gap / 8000.0), Signals.tone(8000, 300, 3000, 0.1))));
        }
        for (int n : new int[] {1, 2, 3, 17, 2000, 40_000}) {
            short[] noise = new short[n];
            double level = 0;
            for (int i = 0; i < n; i++) {
                if (i % 977 == 0) level = Math.pow(2, random.nextInt(16)) * random.nextDouble(); // every threshold in turn
                noise[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, random.nextGaussian() * level));
            }
            clips.add(new Pcm(8000, noise));
            clips.add(new Pcm(16000, noise));
        }
        for (Pcm clip : clips) {
            assertEquals(Double.doubleToLongBits(sv56MethodB(clip)), Double.doubleToLongBits(ActiveSpeechLevel.measure(clip)),
                    clip + ": sv56 " + sv56MethodB(clip) + ", measured " + ActiveSpeechLevel.measure(clip));
        }
    }

    /**
     * The definition: ITU-T P.56 method B as sv56 runs it, every threshold tested every sample with its own hangover
     * counter (the loop ActiveSpeechLevel ran before it read the thresholds reached from the envelope's exponent).
     */
    static double sv56MethodB(Pcm pcm) {
        int n = pcm.length();
        if (n == 0) return ActiveSpeechLevel.SILENCE;
        double g = Math.exp(-1 / (0.03 * pcm.sampleRate()));
        int hangover = (int) Math.round(0.2 * pcm.sampleRate());
        double[] thresholds = new double[16];
        for (int j = 0; j < 16; j++) thresholds[j] = Math.pow(2, j - 15);
        long[] active = new long[16];
        int[] held = new int[16];
        java.util.Arrays.fill(held, hangover);
        double p = 0, q = 0, sumSquares = 0;
        for (int i = 0; i < n; i++) {
            double x = pcm.sample(i) / 32768.0;
            sumSquares += x * x;
            p = g * p + (1 - g) * Math.abs(x);
            q = g * q + (1 - g) * p;
            for (int j = 0; j < 16; j++) {
                if (q >= thresholds[j]) {
                    active[j]++;
                    held[j] = 0;
                } else if (held[j] < hangover) {
                    active[j]++;
                    held[j]++;
                }
            }
        }
        if (sumSquares == 0) return ActiveSpeechLevel.SILENCE;
        double previousLevel = 0, previousExcess = 0;
        for (int j = 0; j < 16; j++) {
            if (active[j] == 0) break;
            double level = 10 * Math.log10(sumSquares / active[j]);
            double excess = level - 20 * Math.log10(thresholds[j]);
            if (excess <= 15.9) {
                if (j == 0) return level;
                double t = (previousExcess - 15.9) / (previousExcess - excess);
                return previousLevel + t * (level - previousLevel);
            }
            previousLevel = level;
            previousExcess = excess;
        }
        return previousLevel;
    }

    @Test
    void silenceHasNoActiveLevel() {
        assertEquals(ActiveSpeechLevel.SILENCE, ActiveSpeechLevel.measure(Pcm.silence(8000, 1)));
    }
}
