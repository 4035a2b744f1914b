package app.earshot.audio;

import app.earshot.sound.Pcm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoudnessNormaliserTest {

    /** Speech-like test signal: voiced bursts of a 140 Hz harmonic series at varying levels, with pauses. */
    static Pcm speechLike(double level) {
        short[] s = new short[16000 * 6];
        for (int i = 0; i < s.length; i++) {
            double t = i / 16000.0;
            double syllable = Math.max(0, Math.sin(2 * Math.PI * 2.5 * t)) * (0.6 + 0.4 * Math.sin(2 * Math.PI * 0.3 * t));
            double voice = 0;
            for (int h = 1; h <= 25; h++) voice += Math.sin(2 * Math.PI * 140 * h * t + h * h) / h;
            s[i] = (short) Math.round(level * syllable * voice);
        }
        return new Pcm(16000, s);
    }

    @Test
    void quietSpeechIsBroughtToMinus19LufsWithItsTruePeakUnderTheCeiling() {
        Pcm out = LoudnessNormaliser.narration(speechLike(6000));
        assertEquals(-19.0, LoudnessMeter.integrated(out), 0.25);
        assertTrue(LoudnessMeter.integrated(speechLike(6000)) < -24);
        assertTrue(LoudnessMeter.truePeak(out) <= LoudnessNormaliser.NARRATION_CEILING_DBTP + 0.01, "true peak " + LoudnessMeter.truePeak(out));
    }

    @Test
    void loudSpeechIsTurnedDownToTheSameLoudness() {
        assertEquals(-19.0, LoudnessMeter.integrated(LoudnessNormaliser.narration(speechLike(20000))), 0.25);
    }

    @Test
    void ffmpegMeasuresTheNormalisedClipAtTheTargetWithinTheCeiling(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("normalised.wav");
        Files.write(file, Wav.encode(LoudnessNormaliser.narration(speechLike(6000))));
        Ffmpeg.Loudness measured = Ffmpeg.ebur128(file);
        assertEquals(-19.0, measured.integratedLufs(), 1.0);
        assertTrue(measured.truePeakDbtp() <= -1.5, "ffmpeg true peak " + measured.truePeakDbtp());
    }

    @Test
    void aLoudClickIsLimitedWithoutTouchingTheSpeechAroundIt() {
        short[] s = speechLike(6000).samples();
        for (int i = 0; i < 40; i++) s[48000 + i] = (short) (i % 2 == 0 ? 32767 : -32768);
        Pcm out = LoudnessNormaliser.narration(new Pcm(16000, s));
        assertTrue(LoudnessMeter.truePeak(out) <= LoudnessNormaliser.NARRATION_CEILING_DBTP + 0.01, "true peak " + LoudnessMeter.truePeak(out));
        assertEquals(-19.0, LoudnessMeter.integrated(out), 0.3);
    }

    @Test
    void silenceIsLeftAsItIs() {
        Pcm silence = Pcm.silence(16000, 1);
        assertEquals(silence, LoudnessNormaliser.narration(silence));
    }

    @Test
    void aNearlySilentClipIsRaisedBy12DbAtMost() {
        Pcm hiss = Signals.tone(16000, 997, 3, 2);
        Pcm out = LoudnessNormaliser.narration(hiss);
        assertEquals(LoudnessMeter.integrated(hiss) + 12, LoudnessMeter.integrated(out), 0.3);
    }

    @Test
    void clipsKeepTheirLengthToTheSample() {
        Pcm in = Pcm.concat(List.of(speechLike(6000), Pcm.silence(16000, 0.33333)));
        assertEquals(in.length(), LoudnessNormaliser.narration(in).length());
    }
}
