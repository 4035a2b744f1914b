package app.earshot.audio;

import app.earshot.sound.Pcm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TelephonyTest {

    @TempDir
    Path dir;

    @Test
    void a6kHzToneIsRemovedNotFoldedTo2kHz() {
        Pcm tone = Signals.tone(16000, 6000, 16000, 1.0);
        Pcm narrow = Telephony.toNarrowband(tone);
        double ratio = Signals.middleRms(narrow, 0.05) / Signals.middleRms(tone, 0.05);
        assertTrue(ratio < 0.001, "6 kHz leaked through at " + Signals.decibels(ratio) + " dB");
    }

    @Test
    void a1kHzTonePassesAtUnityGain() {
        Pcm tone = Signals.tone(16000, 1000, 16000, 1.0);
        double ratio = Signals.middleRms(Telephony.toNarrowband(tone), 0.05) / Signals.middleRms(tone, 0.05);
        assertEquals(1.0, ratio, 0.01);
    }

    @Test
    void filterIsOver72dBDownFrom4kHzWithin0_05dBTo3kHzAndUnder0_6dBDownTo3400Hz() {
        double[] taps = Telephony.lowPassTaps();
        double worstStop = 0;
        for (double hz = 4000; hz <= 8000; hz += 0.5) worstStop = Math.max(worstStop, gain(taps, hz));
        assertTrue(Signals.decibels(worstStop) < -72, "stop band only " + Signals.decibels(worstStop) + " dB");
        for (double hz = 0; hz <= 3400; hz += 0.5) {
            double db = Signals.decibels(gain(taps, hz));
            assertTrue(db <= 0.051 && db >= (hz <= 3000 ? -0.051 : -0.601), hz + " Hz at " + db + " dB");
        }
    }

    @Test
    void eachKeptSampleIsTheWholeFilterAtItsPlaceAsIfEverySampleWereFilteredThenHalfDropped() {
        java.util.Random random = new java.util.Random(5);
        for (int n : new int[] {1, 2, 47, 94, 95, 96, 191, 4001}) {
            short[] in = new short[n];
            for (int i = 0; i < n; i++) in[i] = (short) (random.nextGaussian() * 9000);
            double[] h = Telephony.lowPassTaps();
            int delay = (h.length - 1) / 2;
            short[] expected = new short[(n + 1) / 2];
            for (int m = 0; m < expected.length; m++) {
                double acc = 0;
                for (int k = 0; k < h.length; k++) {
                    int at = 2 * m - delay + k;
                    if (at >= 0 && at < n) acc += h[k] * in[at];
                }
                expected[m] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
            }
            short[] actual = Telephony.toNarrowband(new Pcm(16000, in)).samples();
            for (int m = 0; m < expected.length; m++) {
                assertEquals(expected[m], actual[m], 1, "n=" + n + " m=" + m); // the folded sum rounds differently by at most 1
            }
        }
    }

    @Test
    void keptSamplesAreBitForBitTheFoldedSumInItsOrderSoNoStoredTelephoneClipChanges() {
        // The filter's inner loop may be arranged for speed, never its arithmetic: each output is the centre tap times
        // its sample, plus each folded tap k = 1..delay times the sum of the two samples k either side, in that order.
        java.util.Random random = new java.util.Random(7);
        double[] h = Telephony.lowPassTaps();
        int delay = (h.length - 1) / 2;
        for (int n = 0; n < 20_500; n += n < 220 ? 1 : 997) {
            short[] in = new short[n];
            for (int i = 0; i < n; i++) in[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, random.nextGaussian() * 12000));
            short[] expected = new short[(n + 1) / 2];
            for (int m = 0; m < expected.length; m++) {
                int centre = 2 * m;
                double acc = h[delay] * in[centre];
                for (int k = 1; k <= delay; k++) {
                    acc += h[delay - k] * ((centre - k >= 0 ? in[centre - k] : 0) + (centre + k < n ? in[centre + k] : 0));
                }
                expected[m] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(acc)));
            }
            assertArrayEquals(expected, Telephony.toNarrowband(new Pcm(16000, in)).samples(), "n=" + n);
        }
    }

    @Test
    void aSpanOfSamplesOrOfAWavIsConvertedExactlyAsTheSameSamplesCutOutOnTheirOwn() throws IOException {
        java.util.Random random = new java.util.Random(11);
        short[] in = new short[9001];
        for (int i = 0; i < in.length; i++) in[i] = (short) (random.nextGaussian() * 9000);
        Pcm whole = new Pcm(16000, in);
        byte[] wav = Wav.encode(whole);
        for (int[] span : new int[][] {{0, 9001}, {0, 0}, {0, 1}, {8999, 9001}, {2, 6000}, {3, 4004}, {4000, 9001}, {100, 157},
                {8990, 9010}, {9001, 9003}}) {
            Pcm cut = new Pcm(16000, Arrays.copyOfRange(in, span[0], span[1])); // past the end: silence
            assertEquals(Telephony.toNarrowband(cut), Telephony.toNarrowband(whole, span[0], span[1]), Arrays.toString(span));
            assertEquals(Telephony.toNarrowband(cut), Telephony.toNarrowband(wav, span[0], span[1]), "from the WAV " + Arrays.toString(span));
        }
        Pcm narrow = Signals.tone(8000, 440, 1000, 0.1);
        assertArrayEquals(Arrays.copyOfRange(narrow.samples(), 10, 300), Telephony.toNarrowband(narrow, 10, 300).samples());
        assertEquals(Telephony.toNarrowband(narrow, 10, 300), Telephony.toNarrowband(Wav.encode(narrow), 10, 300));
        assertThrows(IndexOutOfBoundsException.class, () -> Telephony.toNarrowband(whole, 9002, 9003));
        assertThrows(IllegalArgumentException.class, () -> Telephony.toNarrowband(wav, 20, 10));
    }

    @Test
    void outputHasHalfTheSamplesRoundedUpAndTheSameDuration() {
        Pcm in = Signals.tone(16000, 500, 8000, 38.0001);
        Pcm out = Telephony.toNarrowband(in);
        assertEquals((in.length() + 1) / 2, out.length());
        assertEquals(in.seconds(), out.seconds(), 0.05);
    }

    @Test
    void filterDelayIsCompensatedSoAClickStaysInPlace() {
        short[] click = new short[16000];
        click[4000] = 30000;
        short[] out = Telephony.toNarrowband(new Pcm(16000, click)).samples();
        assertEquals(2000, indexOfLargest(out));
    }

    @Test
    void fullScaleSquareWaveSaturatesInsteadOfWrappingAround() {
        Pcm square = Signals.fullScaleSquare(16000, 100, 0.5);
        Pcm narrow = Telephony.toNarrowband(square);
        assertEquals(Signals.signChanges(square), Signals.signChanges(narrow));
        assertEquals(Short.MAX_VALUE, max(narrow.samples()));
        assertEquals(Short.MIN_VALUE, min(narrow.samples()));
    }

    @Test
    void fullScaleSquareWaveSurvivesUlawWithoutSignFlips() throws IOException {
        Pcm square = Signals.fullScaleSquare(16000, 100, 0.5);
        Pcm decoded = Wav.decode(Telephony.wav(square, Codec.ULAW));
        assertEquals(Signals.signChanges(square), Signals.signChanges(decoded));
    }

    @ParameterizedTest
    @CsvSource({"ULAW, u-law, 8", "ALAW, A-law, 8", "PCM, Signed Integer PCM, 16"})
    void soxiSeesAn8kHzMonoFileInTheCodecWithTheInputsDuration(Codec codec, String encoding, String bits) throws IOException {
        Pcm speech = Signals.tone(16000, 440, 10000, 2.5);
        Path file = Files.write(dir.resolve(codec.label() + ".wav"), Telephony.wav(speech, codec));
        assertEquals("8000", Sox.soxi("-r", file));
        assertEquals("1", Sox.soxi("-c", file));
        assertEquals(encoding, Sox.soxi("-e", file));
        assertEquals(bits, Sox.soxi("-b", file));
        assertEquals(2.5, Double.parseDouble(Sox.soxi("-D", file)), 0.05);
    }

    @Test
    void ulawWavHasFormatTag7AndAlawWavTag6() {
        Pcm speech = Signals.tone(16000, 440, 10000, 0.1);
        assertEquals(7, formatTag(Telephony.wav(speech, Codec.ULAW)));
        assertEquals(6, formatTag(Telephony.wav(speech, Codec.ALAW)));
    }

    @Test
    void rawG711IsTheWavDataWithoutTheHeader() throws IOException {
        Pcm speech = Signals.tone(16000, 440, 10000, 0.3);
        for (Codec codec : new Codec[]{Codec.ULAW, Codec.ALAW}) {
            byte[] wav = Telephony.wav(speech, codec);
            WavInfo info = Wav.inspect(wav);
            byte[] data = Arrays.copyOfRange(wav, (int) info.dataOffset(), (int) (info.dataOffset() + info.dataLength()));
            assertArrayEquals(data, Telephony.raw(speech, codec));
        }
    }

    @Test
    void ulawRoundTripStaysCloseToTheNarrowbandSignal() throws IOException {
        Pcm speech = Signals.tone(16000, 440, 10000, 0.5);
        Pcm narrow = Telephony.toNarrowband(speech);
        Pcm decoded = Wav.decode(Telephony.wav(speech, Codec.ULAW));
        double noise = 0;
        for (int i = 0; i < narrow.length(); i++) noise += Math.pow(narrow.sample(i) - decoded.sample(i), 2);
        double snr = Signals.decibels(Signals.rms(narrow, 0, narrow.length()) / Math.sqrt(noise / narrow.length()));
        assertTrue(snr > 30, "u-law SNR " + snr + " dB"); // G.711 gives about 38 dB on a loud sine
    }

    @Test
    void otherSampleRatesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Telephony.toNarrowband(Pcm.silence(22050, 0.1)));
    }

    @Test
    void rawPcmIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Telephony.raw(Pcm.silence(16000, 0.1), Codec.PCM));
    }

    @Test
    void narrowbandInputIsPassedThrough() {
        Pcm narrow = Signals.tone(8000, 440, 1000, 0.1);
        assertEquals(narrow, Telephony.toNarrowband(narrow));
    }

    /** |H(f)| of an FIR at 16 kHz. */
    static double gain(double[] taps, double hz) {
        double re = 0, im = 0;
        for (int k = 0; k < taps.length; k++) {
            double phase = 2 * Math.PI * hz / 16000 * k;
            re += taps[k] * Math.cos(phase);
            im -= taps[k] * Math.sin(phase);
        }
        return Math.hypot(re, im);
    }

    private static int formatTag(byte[] wav) {
        // JDK writes "fmt " first, right after the 12-byte RIFF header; the tag follows the 8-byte chunk header.
        assertEquals("fmt ", new String(wav, 12, 4, java.nio.charset.StandardCharsets.US_ASCII));
        return (wav[20] & 0xFF) | (wav[21] & 0xFF) << 8;
    }

    private static int indexOfLargest(short[] s) {
        int best = 0;
        for (int i = 1; i < s.length; i++) if (s[i] > s[best]) best = i;
        return best;
    }

    private static short max(short[] s) {
        short m = Short.MIN_VALUE;
        for (short v : s) m = (short) Math.max(m, v);
        return m;
    }

    private static short min(short[] s) {
        short m = Short.MAX_VALUE;
        for (short v : s) m = (short) Math.min(m, v);
        return m;
    }
}
