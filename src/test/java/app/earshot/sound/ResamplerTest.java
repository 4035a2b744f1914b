package app.earshot.sound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResamplerTest {

    private static Pcm tone(int rate, double hz, double seconds) {
        short[] s = new short[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) s[i] = (short) (10_000 * Math.sin(2 * Math.PI * hz * i / rate));
        return new Pcm(rate, s);
    }

    private static double rms(Pcm p) {
        double sum = 0;
        for (int i = p.length() / 4; i < 3 * p.length() / 4; i++) sum += (double) p.sample(i) * p.sample(i);
        return Math.sqrt(sum / (p.length() / 2));
    }

    @Test
    void speechBandToneKeepsItsLevelAndLength() {
        Pcm out = Resampler.to(tone(22_050, 1_000, 1.0), 16_000);
        assertEquals(16_000, out.sampleRate());
        assertEquals(1.0, out.seconds(), 0.001);
        assertEquals(10_000 / Math.sqrt(2), rms(out), 150);
    }

    @Test
    void toneAboveTheNewNyquistDoesNotFoldBack() {
        // 10 kHz would fold to 6 kHz at full level without the low-pass.
        assertTrue(rms(Resampler.to(tone(22_050, 10_000, 1.0), 16_000)) < 10, "aliased energy left");
    }

    @Test
    void ratesWithManyPhasesAreResampledToo() {
        // 16,000 -> 8,001 Hz has 8,001 fractional positions: weights are worked out per sample, not kept.
        Pcm out = Resampler.to(tone(16_000, 1_000, 1.0), 8_001);
        assertEquals(8_001, out.sampleRate());
        assertEquals(10_000 / Math.sqrt(2), rms(out), 150);
    }
}
