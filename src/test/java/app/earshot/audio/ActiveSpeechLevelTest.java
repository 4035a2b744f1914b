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
    void silenceHasNoActiveLevel() {
        assertEquals(ActiveSpeechLevel.SILENCE, ActiveSpeechLevel.measure(Pcm.silence(8000, 1)));
    }
}
