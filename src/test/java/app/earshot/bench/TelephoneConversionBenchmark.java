package app.earshot.bench;

import app.earshot.App;
import app.earshot.audio.Codec;
import app.earshot.sound.Pcm;
import app.earshot.audio.Telephony;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.narration.Clip;
import app.earshot.narration.Narrator;
import app.earshot.narration.TelephoneAudio;
import app.earshot.narration.TelephoneFormat;
import app.earshot.speech.FreeTtsSynthesizer;
import app.earshot.speech.VoiceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Measurement, not a test: per section, the time to synthesize its clip versus the time to convert that clip to
 * 8 kHz u-law WAV, both as the server does them on a cache miss (cache write included) and in memory only; median of
 * N fresh runs. Run from the project root:
 * {@code mvn -q test-compile && java -cp "target/classes:target/test-classes:$(cat target/cp.txt)" app.earshot.bench.TelephoneConversionBenchmark}
 * after {@code mvn -q dependency:build-classpath -Dmdep.outputFile=target/cp.txt}.
 */
public final class TelephoneConversionBenchmark {
    private static final int ROUNDS = 31;
    private static final int WARM_UP = 5;

    private TelephoneConversionBenchmark() {}

    public static void main(String[] args) throws Exception {
        App.Content content = App.load(Path.of("content"));
        Page page = content.site().pages().get(0);
        Path root = Files.createTempDirectory("earshot-bench");
        try (FreeTtsSynthesizer synthesizer = new FreeTtsSynthesizer()) {
            Narrator probe = App.narrator(root.resolve("probe"), synthesizer);
            Section longest = page.sections().stream()
                    .max(Comparator.comparingDouble(s -> probe.clips().sectionWav(App.snapshot(content).voicing(), page, s, app.earshot.content.Speed.NORMAL).seconds())).orElseThrow();
            System.out.printf(Locale.ROOT, "Java %s, %d cores; median of %d runs after %d warm-up runs; each run on an empty cache%n",
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), ROUNDS, WARM_UP);
            for (Section section : new Section[]{page.sections().get(3), longest}) {
                double seconds = probe.clips().sectionWav(App.snapshot(content).voicing(), page, section, app.earshot.content.Speed.NORMAL).seconds();
                long[] synth = new long[ROUNDS];
                long[] convert = new long[ROUNDS];
                for (int i = -WARM_UP; i < ROUNDS; i++) {
                    Narrator narrator = App.narrator(root.resolve("run" + i + section.id()), synthesizer);
                    TelephoneAudio telephone = TelephoneAudio.of(narrator);
                    long t0 = System.nanoTime();
                    narrator.clips().sectionWav(App.snapshot(content).voicing(), page, section, app.earshot.content.Speed.NORMAL);
                    long t1 = System.nanoTime();
                    telephone.section(App.snapshot(content).voicing(), page, section, 1, TelephoneFormat.WAV_ULAW);
                    long t2 = System.nanoTime();
                    if (i >= 0) {
                        synth[i] = t1 - t0;
                        convert[i] = t2 - t1;
                    }
                }
                report(section.id() + String.format(Locale.ROOT, " (%.1f s of audio), server path", seconds), synth, convert);

                // In memory only: the engine's speak() against decode + FIR + G.711 + WAV container.
                String script = App.snapshot(content).voicing().script(page, section).spoken();
                VoiceSettings voice = new VoiceSettings(content.site().speech().voice(), content.site().speech().rate(),
                        content.site().speech().pitch());
                byte[] wav = probe.clips().sectionWav(App.snapshot(content).voicing(), page, section, app.earshot.content.Speed.NORMAL).audio().readAllBytes();
                report(section.id() + ", in memory", time(() -> synthesizer.speak(script, voice)),
                        time(() -> Telephony.wav(decode(wav), Codec.ULAW)));
            }
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long[] time(Supplier<Object> work) {
        for (int i = 0; i < WARM_UP; i++) work.get();
        long[] nanos = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            work.get();
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void report(String what, long[] synth, long[] convert) {
        double s = median(synth);
        double c = median(convert);
        System.out.printf(Locale.ROOT, "%-62s synthesize %6.1f ms (min %5.1f)   convert to 8 kHz u-law %6.1f ms (min %5.1f)   ratio %.2f%n",
                what, s, min(synth), c, min(convert), c / s);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2] / 1e6;
    }

    private static double min(long[] nanos) {
        return Arrays.stream(nanos).min().orElse(0) / 1e6;
    }

    private static Pcm decode(byte[] wav) {
        try {
            return Wav.decode(wav);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
