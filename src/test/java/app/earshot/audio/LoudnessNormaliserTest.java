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

    @Test
    void speechIsNormalisedExactlyAsByThePlainDefinition() {
        Pcm speech = new app.earshot.speech.FreeTtsSynthesizer(1, java.time.Duration.ofSeconds(30)).speak(
                "Ketamine can help some people with depression that has not improved with other treatments.",
                app.earshot.speech.VoiceSettings.DEFAULT).audio();
        short[] click = speechLike(6000).samples();
        for (int i = 0; i < 40; i++) click[48000 + i] = (short) (i % 2 == 0 ? 32767 : -32768);
        for (Pcm in : List.of(speech, speechLike(6000), speechLike(20000), new Pcm(16000, click), Signals.tone(16000, 997, 3, 2))) {
            assertEquals(normalisedAsDefined(in), LoudnessNormaliser.narration(in), in.toString());
        }
    }

    /**
     * The normaliser as first written, kept as the reference: each pass limits sample by sample through the
     * limiter's plain interface, rounds with {@code Math.round}, and measures the rounded clip again.
     */
    private static Pcm normalisedAsDefined(Pcm pcm) {
        TruePeakLimiter limiter = new TruePeakLimiter(32768 * Math.pow(10, LoudnessNormaliser.NARRATION_CEILING_DBTP / 20), 0.005, 0.08);
        double target = LoudnessNormaliser.NARRATION_TARGET_LUFS;
        double measured = LoudnessMeter.integrated(pcm);
        if (measured == Double.NEGATIVE_INFINITY) return pcm;
        double gainDb = Math.min(LoudnessNormaliser.MAX_GAIN_DB, target - measured);
        Pcm out = pcm;
        for (int pass = 0; pass < LoudnessNormaliser.PASSES; pass++) {
            short[] limited = new short[pcm.length()];
            double gain = Math.pow(10, gainDb / 20);
            boolean[] touched = new boolean[1];
            limiter.limit(pcm, gain, pcm.sampleRate(), (i, y) -> {
                if (y != pcm.sample(i) * gain) touched[0] = true;
                limited[i] = roundedAsBefore(y);
            });
            out = new Pcm(pcm.sampleRate(), limited);
            if (!touched[0]) break;
            double error = target - LoudnessMeter.integrated(out);
            if (Math.abs(error) < 0.2 || gainDb >= LoudnessNormaliser.MAX_GAIN_DB) break;
            gainDb = Math.min(LoudnessNormaliser.MAX_GAIN_DB, gainDb + error);
        }
        return out;
    }

    private static short roundedAsBefore(double y) {
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(y)));
    }
}
