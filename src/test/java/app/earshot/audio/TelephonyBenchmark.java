package app.earshot.audio;

import app.earshot.sound.Pcm;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

/**
 * Measurement, not a test: time to turn 38 s of 16 kHz audio into an 8 kHz u-law WAV with our FIR versus the
 * JDK's "interpolation"="sinc" resampler, plus the filter's measured rejection. Run from the project root:
 * {@code mvn -q test-compile && java -cp target/classes:target/test-classes app.earshot.audio.TelephonyBenchmark}
 */
public final class TelephonyBenchmark {

    private TelephonyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Pcm speechLike = speechLike(38.0);
        int rounds = 41;
        System.out.printf("input: %.1f s at 16 kHz (%d samples); median of %d runs after warm-up%n",
                speechLike.seconds(), speechLike.length(), rounds);
        report("FIR (" + Telephony.TAPS + " taps) + G711 + WAV", rounds, () -> Telephony.wav(speechLike, Codec.ULAW));
        report("FIR resample only", rounds, () -> Telephony.toNarrowband(speechLike));
        report("JDK sinc resample + JDK ULAW + WAV", rounds, () -> jdk(speechLike, Map.of("interpolation", "sinc")));
        report("JDK default resample + JDK ULAW + WAV (aliases!)", rounds, () -> jdk(speechLike, Map.of()));

        double[] taps = Telephony.lowPassTaps();
        double worst = 0;
        for (int hz = 4000; hz <= 8000; hz++) worst = Math.max(worst, TelephonyTest.gain(taps, hz));
        System.out.printf("filter: %d taps; gain at 1 kHz %.3f dB, 3.0 kHz %.2f dB, 3.4 kHz %.2f dB; "
                        + "worst gain 4-8 kHz %.1f dB%n", taps.length,
                Signals.decibels(TelephonyTest.gain(taps, 1000)), Signals.decibels(TelephonyTest.gain(taps, 3000)),
                Signals.decibels(TelephonyTest.gain(taps, 3400)), Signals.decibels(worst));
        Pcm tone6k = Signals.tone(16000, 6000, 16000, 1.0);
        System.out.printf("6 kHz tone after FIR: %.1f dB; after JDK default resampler: %.1f dB; after JDK sinc: %.1f dB%n",
                Signals.decibels(Signals.middleRms(Telephony.toNarrowband(tone6k), 0.05) / Signals.middleRms(tone6k, 0.05)),
                Signals.decibels(Signals.middleRms(jdkPcm(tone6k, Map.of()), 0.05) / Signals.middleRms(tone6k, 0.05)),
                Signals.decibels(Signals.middleRms(jdkPcm(tone6k, Map.of("interpolation", "sinc")), 0.05) / Signals.middleRms(tone6k, 0.05)));
    }

    private static void report(String name, int rounds, ThrowingRunnable work) throws Exception {
        for (int i = 0; i < 20; i++) work.run();
        long[] nanos = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            work.run();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%-50s median %6.1f ms  (min %.1f, max %.1f)%n", name, nanos[rounds / 2] / 1e6, nanos[0] / 1e6, nanos[rounds - 1] / 1e6);
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The two-step JDK route from the engineering guide: 16 kHz PCM -> 8 kHz PCM -> u-law, then a WAV. */
    private static byte[] jdk(Pcm pcm, Map<String, Object> properties) throws Exception {
        AudioFormat narrow = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000, false, properties);
        AudioFormat ulaw = new AudioFormat(AudioFormat.Encoding.ULAW, 8000, 8, 1, 1, 8000, false);
        byte[] resampled = AudioSystem.getAudioInputStream(narrow, stream(pcm)).readAllBytes();
        AudioInputStream pcm8 = new AudioInputStream(new ByteArrayInputStream(resampled), narrow, resampled.length / 2);
        byte[] codes = AudioSystem.getAudioInputStream(ulaw, pcm8).readAllBytes();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // A resampled stream has no length: re-wrap the bytes we read before writing the container.
        AudioSystem.write(new AudioInputStream(new ByteArrayInputStream(codes), ulaw, codes.length), AudioFileFormat.Type.WAVE, out);
        return out.toByteArray();
    }

    private static Pcm jdkPcm(Pcm pcm, Map<String, Object> properties) throws Exception {
        AudioFormat narrow = new AudioFormat(AudioFormat.Encoding.PCM_SIGNED, 8000, 16, 1, 2, 8000, false, properties);
        byte[] b = AudioSystem.getAudioInputStream(narrow, stream(pcm)).readAllBytes();
        short[] s = new short[b.length / 2];
        for (int i = 0; i < s.length; i++) s[i] = (short) ((b[2 * i] & 0xFF) | b[2 * i + 1] << 8);
        return new Pcm(8000, s);
    }

    private static AudioInputStream stream(Pcm pcm) {
        byte[] le = new byte[pcm.length() * 2];
        for (int i = 0; i < pcm.length(); i++) {
            le[2 * i] = (byte) pcm.sample(i);
            le[2 * i + 1] = (byte) (pcm.sample(i) >> 8);
        }
        return new AudioInputStream(new ByteArrayInputStream(le), new AudioFormat(16000, 16, 1, true, false), pcm.length());
    }

    /** Harmonics of a wandering pitch plus noise: broadband like speech, deterministic. */
    private static Pcm speechLike(double seconds) {
        Random random = new Random(42);
        short[] s = new short[(int) (16000 * seconds)];
        double phase = 0;
        for (int i = 0; i < s.length; i++) {
            double pitch = 120 + 30 * Math.sin(2 * Math.PI * 0.5 * i / 16000);
            phase += 2 * Math.PI * pitch / 16000;
            double v = 0;
            for (int h = 1; h <= 40; h += 3) v += Math.sin(h * phase) / h;
            s[i] = (short) Math.max(-32768, Math.min(32767, 9000 * v + 1500 * random.nextGaussian()));
        }
        return new Pcm(16000, s);
    }
}
