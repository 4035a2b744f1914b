package app.earshot.bench;

import app.earshot.App;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.sound.Pcm;
import app.earshot.sound.Resampler;
import app.earshot.speech.EspeakSynthesizer;
import app.earshot.speech.FreeTtsSynthesizer;
import app.earshot.speech.Speech;
import app.earshot.speech.VoiceSettings;
import app.earshot.speech.Voices;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * eSpeak NG against FreeTTS on the bilingual fixture (the Spanish page and its English source), one warm JVM, the two
 * alternating each round: milliseconds of synthesis per second of audio, and the resampler's share. Prints key=value
 * lines for bench/espeak.sh. Arguments: content folder, warm-up rounds, rounds.
 */
public final class EspeakBench {
    public static void main(String[] args) throws Exception {
        App.Content content = App.load(Path.of(args[0]));
        int warmup = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        var voicing = App.snapshot(content).voicing();
        Page es = content.site().page("acerca-de-la-ketamina").orElseThrow();
        Page en = content.site().page("about-ketamine").orElseThrow();
        List<String> spanish = new ArrayList<>();
        for (Section s : es.sections()) spanish.add(voicing.script(es, s).spoken());
        List<String> english = new ArrayList<>();
        for (Section s : en.sections()) english.add(voicing.script(en, s).spoken());
        VoiceSettings esVoice = new VoiceSettings("es-419", 150, 100f);
        EspeakSynthesizer espeak = EspeakSynthesizer.open();
        List<Double> espeakMsPerS = new ArrayList<>();
        List<Double> freettsMsPerS = new ArrayList<>();
        List<Double> resampleMsPerS = new ArrayList<>();
        double esSeconds = 0;
        double enSeconds = 0;
        try (FreeTtsSynthesizer freetts = new FreeTtsSynthesizer(1, java.time.Duration.ofSeconds(60))) {
            for (int r = 0; r < warmup + rounds; r++) {
                long t0 = System.nanoTime();
                double audio = 0;
                for (String script : spanish) audio += espeak.speak(script, esVoice).audio().seconds();
                long t1 = System.nanoTime();
                double enAudio = 0;
                for (String script : english) enAudio += freetts.speak(script, VoiceSettings.DEFAULT).audio().seconds();
                long t2 = System.nanoTime();
                Pcm at22k = new Pcm(22_050, new short[(int) (audio * 22_050)]);
                long t3 = System.nanoTime();
                Resampler.to(at22k, 16_000);
                long t4 = System.nanoTime();
                if (r < warmup) continue;
                esSeconds = audio;
                enSeconds = enAudio;
                espeakMsPerS.add((t1 - t0) / 1e6 / audio);
                freettsMsPerS.add((t2 - t1) / 1e6 / enAudio);
                resampleMsPerS.add((t4 - t3) / 1e6 / audio);
            }
        }
        print("espeak_audio_seconds", esSeconds);
        print("freetts_audio_seconds", enSeconds);
        summary("espeak_ms_per_s", espeakMsPerS);
        summary("freetts_ms_per_s", freettsMsPerS);
        summary("resample_ms_per_s", resampleMsPerS);
        System.out.println("voices_es=" + Voices.forLanguage("es", VoiceSettings.DEFAULT).voice());
        System.out.println("rounds=" + rounds);
    }

    private static void print(String key, double value) {
        System.out.println(key + "=" + String.format(Locale.ROOT, "%.1f", value));
    }

    private static void summary(String key, List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.println(key + "=" + String.format(Locale.ROOT, "%.2f (%.2f-%.2f)", sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1)));
    }
}
