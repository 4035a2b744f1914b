package app.earshot.bench;

import app.earshot.App;
import app.earshot.audio.ActiveSpeechLevel;
import app.earshot.audio.LoudnessNormaliser;
import app.earshot.audio.Mp3;
import app.earshot.sound.Pcm;
import app.earshot.audio.Telephony;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.speech.FreeTtsSynthesizer;
import app.earshot.speech.VoiceSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measurement, not a test: the cost of loudness normalisation (and of telephone levelling and MP3 encoding) beside
 * the synthesis it follows, for one section of the bundled page, in one warm JVM, the steps alternating every round.
 * Prints {@code key=value} lines for {@code bench/loudness.sh}; times are milliseconds per 38 s of audio.
 */
public final class LoudnessBench {

    private LoudnessBench() {
    }

    public static void main(String[] args) throws Exception {
        Path contentDir = Path.of(args[0]);
        String sectionId = args[1];
        int warmup = Integer.parseInt(args[2]);
        int runs = Math.min(101, Integer.parseInt(args[3]));
        App.Content content = App.load(contentDir);
        Page page = content.site().pages().get(0);
        Section section = page.sections().stream().filter(s -> s.id().equals(sectionId)).findFirst().orElseThrow();
        String script = App.scriptWriter(content).section(page, section).spoken();
        VoiceSettings voice = new VoiceSettings(content.site().speech().voice(), content.site().speech().rate(),
                content.site().speech().pitch());
        String[] names = {"synthesis", "normalise", "telephone_level", "mp3_encode"};
        double[][] ms = new double[names.length][runs];
        double[] ratio = new double[runs];
        double seconds = 0;
        try (FreeTtsSynthesizer synthesizer = new FreeTtsSynthesizer(1, java.time.Duration.ofSeconds(60))) {
            for (int round = -warmup; round < runs; round++) {
                long t0 = System.nanoTime();
                Pcm raw = synthesizer.speak(script, voice).audio();
                long t1 = System.nanoTime();
                Pcm normalised = LoudnessNormaliser.narration(raw);
                long t2 = System.nanoTime();
                Pcm narrow = Telephony.toNarrowband(normalised);
                long t3 = System.nanoTime();
                ActiveSpeechLevel.telephone(narrow);
                long t4 = System.nanoTime();
                Mp3.encode(normalised);
                long t5 = System.nanoTime();
                seconds = raw.seconds();
                if (round < 0) continue;
                double per38 = 38 / seconds / 1e6;
                ms[0][round] = (t1 - t0) * per38;
                ms[1][round] = (t2 - t1) * per38;
                ms[2][round] = (t4 - t3) * per38;
                ms[3][round] = (t5 - t4) * per38;
                ratio[round] = (t2 - t1) / (double) (t1 - t0);
            }
        }
        System.out.printf(Locale.ROOT, "audio_seconds=%.1f%nruns=%d%n", seconds, runs);
        for (int i = 0; i < names.length; i++) System.out.println(names[i] + "_ms=" + summary(ms[i]));
        System.out.println("normalise_over_synthesis=" + summary(ratio));
    }

    /** "median (min-max)" with two decimals. */
    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1]);
    }
}
