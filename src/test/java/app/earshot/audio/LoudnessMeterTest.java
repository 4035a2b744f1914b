package app.earshot.audio;

import app.earshot.sound.Pcm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Ffmpeg;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoudnessMeterTest {

    @Test
    void fullScaleSineAt997HzMeasuresMinus3Lufs() {
        // BS.1770-4: a 0 dBFS sine at 997 Hz reads -3.01 LKFS.
        assertEquals(-3.01, LoudnessMeter.integrated(Signals.tone(16000, 997, 32767, 5)), 0.1);
    }

    @Test
    void measuresTheSameAt8And16kHz() {
        assertEquals(-23.0, LoudnessMeter.integrated(Signals.tone(8000, 997, 32767 * Math.pow(10, -20 / 20.0), 5)), 0.1);
        assertEquals(-23.0, LoudnessMeter.integrated(Signals.tone(16000, 997, 32767 * Math.pow(10, -20 / 20.0), 5)), 0.1);
    }

    @Test
    void passagesMoreThan10LuQuieterThanTheRestAreGatedOut() {
        Pcm loud = Signals.tone(16000, 997, 16000, 4);
        Pcm mixed = Pcm.concat(java.util.List.of(loud, Signals.tone(16000, 997, 160, 4)));
        // Ungated, the quiet half would take 3 dB off; only the blocks straddling the change still count a little.
        assertEquals(LoudnessMeter.integrated(loud), LoudnessMeter.integrated(mixed), 0.25);
    }

    @Test
    void silenceHasNoLoudness() {
        assertEquals(LoudnessMeter.SILENCE, LoudnessMeter.integrated(Pcm.silence(16000, 2)));
    }

    @Test
    void truePeakFindsThePeakBetweenSamples() {
        // A quarter-rate sine sampled 45 degrees off its crests: every sample is 3 dB under the real peak.
        short[] s = new short[16000];
        for (int i = 0; i < s.length; i++) s[i] = (short) Math.round(20000 * Math.sin(Math.PI / 2 * i + Math.PI / 4));
        Pcm pcm = new Pcm(16000, s);
        assertEquals(20 * Math.log10(20000 / 32768.0), LoudnessMeter.truePeak(pcm), 0.3);
    }

    @Test
    void agreesWithFfmpegsEbur128Filter(@TempDir Path dir) throws Exception {
        Pcm pcm = Pcm.concat(java.util.List.of(Signals.tone(16000, 300, 9000, 2), Pcm.silence(16000, 1),
                Signals.tone(16000, 2500, 4000, 3)));
        Path file = dir.resolve("mix.wav");
        Files.write(file, Wav.encode(pcm));
        Ffmpeg.Loudness ffmpeg = Ffmpeg.ebur128(file);
        assertEquals(ffmpeg.integratedLufs(), LoudnessMeter.integrated(pcm), 0.15);
        assertEquals(ffmpeg.truePeakDbtp(), LoudnessMeter.truePeak(pcm), 0.15);
        assertTrue(ffmpeg.integratedLufs() < -10);
    }
}
