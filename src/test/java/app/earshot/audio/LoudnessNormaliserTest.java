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
        assertTrue(TruePeakLimiterTest.truePeak(out.samples()) <= 32768 * Math.pow(10, LoudnessNormaliser.NARRATION_CEILING_DBTP / 20),
                "true peak " + LoudnessMeter.truePeak(out));
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
        assertTrue(TruePeakLimiterTest.truePeak(out.samples()) <= 32768 * Math.pow(10, LoudnessNormaliser.NARRATION_CEILING_DBTP / 20),
                "true peak " + LoudnessMeter.truePeak(out));
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

    @Test
    void anOutputTakenOnItsPredictedLoudnessMeasuresWithinTheTolerance() {
        // The first output is not measured when its predicted loudness is within 0.05 LU of the target: the definition
        // measures it anyway and fails if the meter is 0.2 LU or more away. Speech of several kinds, and hostile signals.
        var voice = new app.earshot.speech.FreeTtsSynthesizer(1, java.time.Duration.ofSeconds(30));
        List<Pcm> inputs = new java.util.ArrayList<>();
        for (String text : List.of("Yes.", "Call 988, at any time of day or night, if you are thinking about suicide.",
                "Ketamine was first made in 1962. In 2019 the FDA approved esketamine nasal spray, sold as Spravato, for"
                        + " treatment-resistant depression; most people feel effects within hours, and side effects such as"
                        + " dizziness, nausea or raised blood pressure usually pass within two hours of a session.",
                "What is ketamine? Is it safe? How much does it cost? Who can I ask?")) {
            inputs.add(voice.speak(text, app.earshot.speech.VoiceSettings.DEFAULT).audio());
        }
        for (short[] s : hostile()) inputs.add(new Pcm(16000, s));
        for (Pcm in : inputs) {
            String what = "n=" + in.length() + " starting " + java.util.Arrays.toString(java.util.Arrays.copyOf(in.samples(), Math.min(6, in.length())));
            assertEquals(normalisedAsDefined(in), LoudnessNormaliser.narration(in), what);
        }
    }

    @Test
    void hostileSignalsNeverPassTheCeilingNorWanderFromTheTarget() {
        TruePeakLimiter narration = new TruePeakLimiter(32768 * Math.pow(10, LoudnessNormaliser.NARRATION_CEILING_DBTP / 20), 0.005, 0.08);
        TruePeakLimiter phone = new TruePeakLimiter(32768 * Math.pow(10, ActiveSpeechLevel.TELEPHONE_CEILING_DBOV / 20), 0.005, 0.08);
        for (short[] s : hostile()) {
            String what = "n=" + s.length + " starting " + java.util.Arrays.toString(java.util.Arrays.copyOf(s, Math.min(6, s.length)));
            Pcm in = new Pcm(16000, s);
            Pcm out = LoudnessNormaliser.narration(in);
            assertEquals(in.length(), out.length(), what);
            assertTrue(TruePeakLimiterTest.truePeak(out.samples()) <= narration.ceiling(), what + ": true peak " + LoudnessMeter.truePeak(out));
            assertEquals(out, LoudnessNormaliser.narration(new Pcm(16000, s.clone())), what + ": the output is a function of the input");
            double before = LoudnessMeter.integrated(in), after = LoudnessMeter.integrated(out);
            if (before > LoudnessNormaliser.NARRATION_TARGET_LUFS - LoudnessNormaliser.MAX_GAIN_DB + 1) {
                assertEquals(LoudnessNormaliser.NARRATION_TARGET_LUFS, after, 1.0, what); // -19 +-1 LU, the bound
            }
            Pcm narrow = ActiveSpeechLevel.telephone(new Pcm(8000, s));
            assertTrue(TruePeakLimiterTest.truePeak(narrow.samples()) <= phone.ceiling(), what + ": telephone true peak " + LoudnessMeter.truePeak(narrow));
        }
    }

    @Test
    void blocksFoundOverTheCeilingAreMadeAgainUnderIt() {
        // Without headroom the gain aims at the ceiling itself, so the gain's slope and the rounding push some blocks over:
        // one pass finds them, and the normaliser's later passes (or its last resort) bring every one under.
        TruePeakLimiter bare = new TruePeakLimiter(32768 * Math.pow(10, LoudnessNormaliser.NARRATION_CEILING_DBTP / 20), 0.005, 0.08, 0);
        int found = 0;
        for (short[] s : hostile()) {
            TruePeakLimiter.Peaks peaks = new TruePeakLimiter.Peaks(s);
            TruePeakLimiter.Work work = new TruePeakLimiter.Work(s.length);
            bare.knots(peaks, 4, 16000, work);
            short[] once = new short[s.length];
            TruePeakLimiter.apply(s, 4, work.knots, once);
            int overs = bare.overs(once, 4, peaks, work);
            assertEquals(overs > 0, TruePeakLimiterTest.truePeak(once) > bare.ceiling(), "overs are found exactly when there are some");
            found += overs;
            Pcm out = LoudnessNormaliser.toLevel(new Pcm(16000, s), LoudnessNormaliser.NARRATION_TARGET_LUFS, bare, LoudnessMeter::integrated);
            assertTrue(TruePeakLimiterTest.truePeak(out.samples()) <= bare.ceiling(), "true peak " + LoudnessMeter.truePeak(out));
        }
        assertTrue(found > 0, "some block went over in one pass without headroom");
    }

    /**
     * Signals meant to break the ceiling: full-scale square waves of several periods, alternating +-32767, clicks in
     * silence and in quiet speech, silence then a full-scale burst, a quarter-rate sine whose true peak is 3 dB over its
     * samples, full-scale noise, and very short clips of each.
     */
    private static java.util.List<short[]> hostile() {
        java.util.List<short[]> signals = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(23);
        for (int n : new int[] {1, 2, 5, 8, 9, 17, 100, 799, 6400, 32000}) {
            for (int period : new int[] {2, 3, 4, 7, 16, 50}) {
                short[] square = new short[n];
                for (int i = 0; i < n; i++) square[i] = (short) ((i % period) < period / 2.0 ? 32767 : -32767);
                signals.add(square);
            }
            short[] noise = new short[n];
            for (int i = 0; i < n; i++) noise[i] = (short) (random.nextInt(65535) - 32767);
            signals.add(noise);
            short[] sine = new short[n];
            for (int i = 0; i < n; i++) sine[i] = (short) Math.round(32767 * Math.sin(Math.PI / 2 * i + Math.PI / 4));
            signals.add(sine);
        }
        short[] quiet = speechLike(1500).samples();
        for (int at : new int[] {0, 7, 8, 15000, 47999, quiet.length - 1}) {
            short[] click = quiet.clone();
            click[at] = 32767;
            if (at + 1 < click.length) click[at + 1] = -32768;
            signals.add(click);
            short[] silentClick = new short[quiet.length];
            silentClick[at] = -32768;
            signals.add(silentClick);
        }
        short[] burst = new short[48000];
        for (int i = 40000; i < 40800; i++) burst[i] = (short) (i % 2 == 0 ? 32767 : -32767);
        signals.add(burst);
        short[] loudAfterQuiet = quiet.clone();
        for (int i = 60000; i < 60320; i++) loudAfterQuiet[i] = (short) ((i / 4) % 2 == 0 ? 32767 : -32767);
        signals.add(loudAfterQuiet);
        return signals;
    }

    /**
     * The normaliser as defined, kept as the reference: the gain that brings the clip to the target, corrected (at most
     * {@link LoudnessNormaliser#PREDICTIONS} times) by the loss the limiter's knots predict (each 32-sample chunk's
     * K-weighted energy times the square of the knots' trapezoidal mean, gated as the meter gates); then each pass limits
     * by the limiter's plain definition ({@link TruePeakLimiterTest#plainKnots}), rounds, and measures the result again.
     */
    /**
     * The loudness {@code x} would have after {@code gain} and the limiter's {@code knots} (16 kHz), as predicted from the
     * energies of its 32-sample chunks: each chunk's energy times the square of the knots' trapezoidal mean, gated.
     */
    private static double predicted(double[] energy, double[] knots, double gain, int n) {
        double[] steps = new double[n < 4 * 1600 ? 0 : n / 1600];
        double whole = 0;
        for (int c = 0; c < energy.length; c++) {
            double mean = 0;
            for (int j = 0; j <= 4; j++) mean += knots[Math.min(knots.length - 1, 4 * c + j)] * (j == 0 || j == 4 ? 0.5 : 1);
            mean = mean / 4 * gain;
            if (steps.length == 0) whole += energy[c] * mean * mean;
            else if (c * 32 / 1600 < steps.length) steps[c * 32 / 1600] += energy[c] * mean * mean;
        }
        return LoudnessMeter.gated(steps, whole, n, 16000);
    }

    private static Pcm normalisedAsDefined(Pcm pcm) {
        TruePeakLimiter limiter = new TruePeakLimiter(32768 * Math.pow(10, LoudnessNormaliser.NARRATION_CEILING_DBTP / 20), 0.005, 0.08);
        double target = LoudnessNormaliser.NARRATION_TARGET_LUFS;
        short[] x = pcm.samples();
        int rate = pcm.sampleRate(), n = x.length;
        double[] energy = new double[(n + 31) / 32];
        double measured = LoudnessMeter.integrated(x, rate, energy);
        assertEquals(LoudnessMeter.integrated(pcm), measured, "the energies do not change the measurement");
        if (measured == Double.NEGATIVE_INFINITY) return pcm;
        double gainDb = Math.min(LoudnessNormaliser.MAX_GAIN_DB, target - measured);
        double lastDb = 0, lastPredicted = 0;
        for (int p = 0; p < LoudnessNormaliser.PREDICTIONS && gainDb < LoudnessNormaliser.MAX_GAIN_DB; p++) {
            double gain = Math.pow(10, gainDb / 20);
            double[] knots = TruePeakLimiterTest.plainKnots(limiter, x, rate, gain);
            if (java.util.Arrays.stream(knots).allMatch(k -> k == 1)) break;
            double predicted = predicted(energy, knots, gain, n);
            double error = target - predicted;
            // The first correction is the predicted error; the next divides it by the secant's slope through the last two.
            double slope = p == 0 ? 1 : (predicted - lastPredicted) / (gainDb - lastDb);
            if (!(slope > 0.2 && slope <= 1)) slope = 1;
            lastDb = gainDb;
            lastPredicted = predicted;
            gainDb = Math.min(LoudnessNormaliser.MAX_GAIN_DB, gainDb + error / slope);
            if (Math.abs(error) < 0.05) break;
        }
        short[] out = x;
        for (int pass = 0; pass < LoudnessNormaliser.PASSES; pass++) {
            double gain = Math.pow(10, gainDb / 20);
            double[] knots = TruePeakLimiterTest.plainKnots(limiter, x, rate, gain);
            out = TruePeakLimiterTest.output(x, gain, knots);
            assertTrue(TruePeakLimiterTest.truePeak(out) <= limiter.ceiling(), "true peak under the ceiling");
            if (java.util.Arrays.stream(knots).allMatch(k -> k == 1)) break;
            double level = LoudnessMeter.integrated(new Pcm(rate, out));
            // The first output is taken on its prediction when that is within 0.05 LU: the meter must agree within 0.2.
            if (pass == 0 && Math.abs(target - predicted(energy, knots, gain, n)) < 0.05) {
                assertEquals(target, level, 0.2, "an output taken on its predicted loudness is within the tolerance");
                break;
            }
            double error = target - level;
            if (Math.abs(error) < 0.2 || gainDb >= LoudnessNormaliser.MAX_GAIN_DB) break;
            gainDb = Math.min(LoudnessNormaliser.MAX_GAIN_DB, gainDb + error);
        }
        return new Pcm(rate, out);
    }
}
