package app.earshot.narration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.audio.ActiveSpeechLevel;
import app.earshot.sound.Pcm;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.speech.Captions;
import app.earshot.speech.Speech;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelephoneAudioTest {
    static App.Content content;
    static Page page;

    @BeforeAll
    static void load() throws Exception {
        content = App.load(Fixture.SITE);
        page = content.site().pages().get(0);
    }

    static TelephoneAudio telephone(Narrator narrator) {
        return TelephoneAudio.of(narrator);
    }

    static Narrator narrator(Path cache, Synthesizer synthesizer) {
        return App.narrator(cache, synthesizer);
    }

    @Test
    void aToneAbove4kHzDoesNotFoldBackIntoTheTelephoneBand(@TempDir Path cache) throws Exception {
        Section section = page.sections().get(1);
        Pcm high = Wav.decode(telephone(narrator(cache, new ToneSynthesizer(6000))).section(App.snapshot(content).voicing(), page, section, 1,
                TelephoneFormat.WAV_PCM).audio().readAllBytes());
        Pcm low = Wav.decode(telephone(narrator(cache.resolve("low"), new ToneSynthesizer(1000))).section(App.snapshot(content).voicing(), page, section, 1,
                TelephoneFormat.WAV_PCM).audio().readAllBytes());
        // Both tones were brought to the same loudness, then to the telephone level: the 1 kHz one is heard at that
        // level, the 6 kHz one (all of it out of band) at least 50 dB under it even after the levelling's gain.
        double passed = middleRms(low);
        assertEquals(ActiveSpeechLevel.TELEPHONE_TARGET_DBOV, 20 * Math.log10(passed / 32768), 0.5);
        assertTrue(20 * Math.log10(middleRms(high) / passed) < -50, "6 kHz leaks at " + 20 * Math.log10(middleRms(high) / passed) + " dB");
    }

    @Test
    void speechIsNeverClippedAndKeepsItsLengthToTheSample() throws Exception {
        Narrator narrator = narrator(TestServer.SHARED_AUDIO_CACHE, TestServer.SYNTHESIZER);
        TelephoneAudio telephone = TelephoneAudio.of(narrator);
        for (Section section : page.sections()) {
            Pcm wide = Wav.decode(narrator.clips().sectionWav(App.snapshot(content).voicing(), page, section, app.earshot.content.Speed.NORMAL).audio().readAllBytes());
            Pcm narrow = Wav.decode(telephone.section(App.snapshot(content).voicing(), page, section, 1, TelephoneFormat.WAV_PCM).audio().readAllBytes());
            assertEquals(8000, narrow.sampleRate());
            assertEquals((wide.length() + 1) / 2, narrow.length(), section.id());
            assertTrue(saturated(narrow) <= saturated(wide), section.id() + ": " + saturated(narrow) + " clipped samples");
        }
    }

    @Test
    void convertingOnceServesEveryLaterRequestFromTheCache(@TempDir Path cache) {
        Narrator narrator = narrator(cache, TestServer.SYNTHESIZER);
        TelephoneAudio first = TelephoneAudio.of(narrator);
        Section section = page.sections().get(3);
        Clip clip = first.section(App.snapshot(content).voicing(), page, section, 1, TelephoneFormat.WAV_ULAW);
        assertEquals(1, first.conversions());
        assertEquals(clip.etag(), first.section(App.snapshot(content).voicing(), page, section, 1, TelephoneFormat.WAV_ULAW).etag());
        TelephoneAudio afterRestart = telephone(narrator(cache, TestServer.SYNTHESIZER));
        afterRestart.section(App.snapshot(content).voicing(), page, section, 1, TelephoneFormat.WAV_ULAW);
        afterRestart.section(App.snapshot(content).voicing(), page, section, 1, TelephoneFormat.ALAW);
        assertEquals(1, afterRestart.conversions()); // only A-law is new
    }

    @Test
    void sectionsLongerThanTheLimitAreSplitBetweenSentencesIntoPartsThatFit() throws Exception {
        Narrator narrator = narrator(TestServer.SHARED_AUDIO_CACHE, TestServer.SYNTHESIZER);
        TelephoneAudio telephone = TelephoneAudio.of(narrator, 8.0);
        int split = 0;
        for (Section section : page.sections()) {
            double whole = narrator.clips().sectionWav(App.snapshot(content).voicing(), page, section, app.earshot.content.Speed.NORMAL).seconds();
            List<TelephoneAudio.Part> parts = telephone.parts(App.snapshot(content).voicing(), page, section);
            if (whole <= 8.0) {
                assertEquals(1, parts.size());
                continue;
            }
            split++;
            List<Captions.Cue> cues = narrator.captions().sectionCues(App.snapshot(content).voicing(), page, section, app.earshot.content.Speed.NORMAL);
            double total = 0;
            for (TelephoneAudio.Part part : parts) {
                double seconds = Wav.inspect(telephone.section(App.snapshot(content).voicing(), page, section, part.number(), TelephoneFormat.WAV_ULAW).audio().readAllBytes()).seconds();
                assertTrue(seconds <= 8.0, section.id() + " part " + part.number() + ": " + seconds + " s");
                total += seconds;
                if (part.number() > 1) assertTrue(betweenCues(cues, part.start()), section.id() + " cut at " + part.start());
            }
            assertEquals(whole, total, 0.001, section.id());
        }
        assertTrue(split >= 5, "only " + split + " sections are longer than 8 s");
    }

    @Test
    void aCutPrefersTheEndOfASentenceAndFallsBackToTheLimit() {
        List<Captions.Cue> cues = List.of(new Captions.Cue(0, 3, "One sentence."), new Captions.Cue(3.2, 5, "A phrase,"),
                new Captions.Cue(5.2, 9, "and the rest."));
        List<int[]> spans = TelephoneAudio.split(16000 * 9, cues, 6.0);
        assertEquals(2, spans.size());
        assertEquals(16000 * 3.1, spans.get(0)[1], 2); // after "One sentence.", not after "A phrase,"
        List<int[]> hard = TelephoneAudio.split(16000 * 9, List.of(new Captions.Cue(0, 9, "One long breath")), 4.0);
        assertEquals(List.of(0, 64000, 128000), hard.stream().map(s -> s[0]).toList());
    }

    private static boolean betweenCues(List<Captions.Cue> cues, double t) {
        for (int i = 0; i + 1 < cues.size(); i++) {
            if (t >= cues.get(i).end() - 0.001 && t <= cues.get(i + 1).start() + 0.001) return true;
        }
        return false;
    }

    private static int saturated(Pcm pcm) {
        int n = 0;
        for (int i = 0; i < pcm.length(); i++) if (pcm.sample(i) == Short.MAX_VALUE || pcm.sample(i) == Short.MIN_VALUE) n++;
        return n;
    }

    private static double middleRms(Pcm pcm) {
        int edge = pcm.length() / 10;
        double sum = 0;
        for (int i = edge; i < pcm.length() - edge; i++) sum += (double) pcm.sample(i) * pcm.sample(i);
        return Math.sqrt(sum / (pcm.length() - 2 * edge));
    }

    /** "Speaks" every script as two seconds of a pure tone at half scale, so the filter can be measured end to end. */
    private record ToneSynthesizer(double hz) implements Synthesizer {
        @Override
        public Speech speak(String script, VoiceSettings voice) {
            short[] s = new short[32000];
            for (int i = 0; i < s.length; i++) s[i] = (short) Math.round(16000 * Math.sin(2 * Math.PI * hz * i / 16000));
            return new Speech(new Pcm(16000, s), List.of());
        }

        @Override
        public String engineId() {
            return "tone-" + hz;
        }

        @Override
        public void close() {}
    }
}
