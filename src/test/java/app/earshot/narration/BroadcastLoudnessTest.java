package app.earshot.narration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.Ffmpeg;
import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.audio.ActiveSpeechLevel;
import app.earshot.audio.LoudnessMeter;
import app.earshot.sound.Pcm;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real FreeTTS narration of a fixture page, measured by our own meters and by ffmpeg: every clip at broadcast loudness
 * (-19 LUFS +/- 1 LU, true peak at most -1.5 dBTP), MP3s that keep the whole band, telephone clips at phone level.
 */
class BroadcastLoudnessTest {
    static final Path FIXTURE = Path.of("src/test/resources/loudness");
    static final String HIGH_BAND = "aresample=44100,highpass=f=6000,highpass=f=6000,highpass=f=6000,highpass=f=6000";

    @TempDir
    static Path dir;
    static Narrator narrator;
    static TelephoneAudio telephone;
    static Page page;
    static App.Content content;

    @BeforeAll
    static void narrate() throws Exception {
        content = App.load(FIXTURE);
        page = content.site().pages().get(0);
        narrator = App.narrator(dir.resolve("cache"), TestServer.SYNTHESIZER);
        telephone = TelephoneAudio.of(narrator);
    }

    static Path file(Clip clip, String name) throws IOException {
        return Files.write(dir.resolve(name), clip.audio().readAllBytes());
    }

    static Pcm pcm(Clip clip) throws IOException {
        return Wav.decode(clip.audio().readAllBytes());
    }

    static void assertBroadcastLoudness(Path file, Pcm pcm) {
        double[] own = pcm == null ? null : new double[] {LoudnessMeter.integrated(pcm), LoudnessMeter.truePeak(pcm)};
        assertBroadcastLoudness(file, Ffmpeg.ebur128(file), own);
    }

    /** As above, with ffmpeg's and our own meter's figures already measured ({@code own}: LUFS, dBTP; null for none). */
    private static void assertBroadcastLoudness(Path file, Ffmpeg.Loudness ffmpeg, double[] own) {
        assertEquals(-19.0, ffmpeg.integratedLufs(), 1.0, file + " (ffmpeg)");
        assertTrue(ffmpeg.truePeakDbtp() <= -1.5, file + ": ffmpeg true peak " + ffmpeg.truePeakDbtp());
        if (own == null) return;
        assertEquals(-19.0, own[0], 1.0, file + " (own meter)");
        assertTrue(own[1] <= -1.5, file + ": true peak " + own[1]);
    }

    @Test
    void everySectionIsAtMinus19LufsWithItsTruePeakUnderMinus1point5Dbtp() throws Exception {
        for (Section section : page.sections()) {
            Clip wav = narrator.clips().sectionWav(App.snapshot(content).voicing(), page, section, app.earshot.content.Speed.NORMAL);
            assertBroadcastLoudness(file(wav, section.id() + ".wav"), pcm(wav));
        }
    }

    @Test
    void sectionsOfEveryLengthAreWithinHalfALuOfEachOther() throws Exception {
        List<Double> levels = new ArrayList<>();
        for (Section section : page.sections()) levels.add(LoudnessMeter.integrated(pcm(narrator.clips().sectionWav(App.snapshot(content).voicing(), page, section, app.earshot.content.Speed.NORMAL))));
        double spread = levels.stream().mapToDouble(d -> d).max().orElseThrow() - levels.stream().mapToDouble(d -> d).min().orElseThrow();
        assertTrue(spread <= 0.5, "section loudness " + levels);
    }

    @Test
    void theWholePageMadeFromTheSectionsMeasuresAtTheTargetToo() throws Exception {
        Clip wav = narrator.clips().pageWav(App.snapshot(content).voicing(), page, app.earshot.content.Speed.NORMAL);
        assertBroadcastLoudness(file(wav, "page.wav"), pcm(wav));
    }

    @Test
    void slowerAndFasterNarrationIsAsLoud() throws Exception {
        for (Speed speed : List.of(Speed.SLOWER, Speed.FASTER)) {
            Clip wav = narrator.clips().sectionWav(App.snapshot(content).voicing(), page, page.sections().get(1), speed);
            assertBroadcastLoudness(file(wav, speed + ".wav"), pcm(wav));
        }
    }

    @Test
    void mp3sKeepTheLoudnessAndStayUnderTheCeiling() throws Exception {
        assertBroadcastLoudness(file(narrator.clips().pageMp3(App.snapshot(content).voicing(), page, Speed.NORMAL), "page.mp3"), null);
        Section section = page.sections().get(1);
        assertBroadcastLoudness(file(narrator.clips().sectionMp3(App.snapshot(content).voicing(), page, section, Speed.NORMAL), "section.mp3"), null);
    }

    @Test
    void mp3KeepsTheSpeechAbove6kHzThatTheWavHas() throws Exception {
        Path wav = file(narrator.clips().pageWav(App.snapshot(content).voicing(), page, app.earshot.content.Speed.NORMAL), "band.wav");
        Path mp3 = file(narrator.clips().pageMp3(App.snapshot(content).voicing(), page, Speed.NORMAL), "band.mp3");
        double wavHigh = Ffmpeg.volume(wav, HIGH_BAND).meanDb();
        assertTrue(wavHigh > -70, "the WAV itself has speech above 6 kHz: " + wavHigh);
        assertEquals(wavHigh, Ffmpeg.volume(mp3, HIGH_BAND).meanDb(), 1.5);
    }

    @Test
    void mp3IsMonoAtTheVoicesRateAtLeast32kbpsLastsAsLongAsTheWavAndIsAFifthOfItsSize() throws Exception {
        Clip wavClip = narrator.clips().pageWav(App.snapshot(content).voicing(), page, app.earshot.content.Speed.NORMAL);
        Clip mp3Clip = narrator.clips().pageMp3(App.snapshot(content).voicing(), page, Speed.NORMAL);
        Path mp3 = file(mp3Clip, "probe.mp3");
        Map<String, String> probe = Ffmpeg.probe(mp3);
        assertEquals("16000", probe.get("sample_rate"));
        assertEquals("1", probe.get("channels"));
        assertTrue(Integer.parseInt(probe.get("bit_rate")) >= 32000, probe.toString());
        assertEquals(wavClip.seconds(), Ffmpeg.decodedSeconds(mp3, 16000), 0.001);
        assertTrue(wavClip.size() >= 5 * mp3Clip.size(), wavClip.size() + " bytes of WAV, " + mp3Clip.size() + " of MP3");
    }

    @Test
    void telephoneClipsHaveAnActiveSpeechLevelBetweenMinus26AndMinus20DbovAndPeaksUnderMinus3() throws Exception {
        for (Section section : page.sections()) {
            for (TelephoneFormat format : List.of(TelephoneFormat.WAV_ULAW, TelephoneFormat.WAV_ALAW)) {
                assertTelephoneLevel(telephone.section(App.snapshot(content).voicing(), page, section, 1, format), section.id() + "." + format.id());
            }
        }
        assertTelephoneLevel(telephone.prompt(App.snapshot(content).voicing(), "Press 1 to hear the next section.", TelephoneFormat.WAV_ULAW), "prompt.wav");
    }

    static void assertTelephoneLevel(Clip clip, String name) throws IOException {
        double own = ActiveSpeechLevel.measure(pcm(clip));
        assertTrue(own >= -26 && own <= -20, name + ": active level " + own + " dBov");
        // ffmpeg's view: the level with pauses over 0.2 s removed (an approximation of P.56), and the highest sample.
        Ffmpeg.Volume ffmpeg = Ffmpeg.volume(file(clip, name), "silenceremove=stop_periods=-1:stop_duration=0.2:stop_threshold=-45dB");
        assertTrue(ffmpeg.meanDb() >= -26 && ffmpeg.meanDb() <= -20, name + ": ffmpeg speech level " + ffmpeg.meanDb());
        assertTrue(ffmpeg.maxDb() < -3, name + ": ffmpeg peak " + ffmpeg.maxDb() + " dBov");
    }

    /** Every section of the fixture page, shaped like the clinic's (headings, lists, a table); prints each one's figures. */
    @Test
    void everyFixtureSectionMeetsR128ByBothMeters() throws Exception {
        App.Content clinic = App.load(Fixture.SITE);
        Page fixturePage = clinic.site().pages().get(0);
        Narrator shared = App.narrator(TestServer.SHARED_AUDIO_CACHE, TestServer.SYNTHESIZER);
        TelephoneAudio phone = TelephoneAudio.of(shared);
        for (Section section : fixturePage.sections()) {
            Clip clip = shared.clips().sectionWav(App.snapshot(clinic).voicing(), fixturePage, section, app.earshot.content.Speed.NORMAL);
            Path wav = file(clip, "fixture-" + section.id() + ".wav");
            Pcm pcm = pcm(clip);
            // Each meter runs once per section: the figures printed are the figures checked.
            Ffmpeg.Loudness ffmpeg = Ffmpeg.ebur128(wav);
            double[] own = {LoudnessMeter.integrated(pcm), LoudnessMeter.truePeak(pcm)};
            Clip tel = phone.section(App.snapshot(clinic).voicing(), fixturePage, section, 1, TelephoneFormat.WAV_ULAW);
            System.out.printf(Locale.ROOT, "loudness %-45s own %6.2f LUFS %6.2f dBTP | ffmpeg %6.1f LUFS %5.1f dBTP | phone %6.2f dBov%n",
                    section.id(), own[0], own[1], ffmpeg.integratedLufs(), ffmpeg.truePeakDbtp(), ActiveSpeechLevel.measure(pcm(tel)));
            assertBroadcastLoudness(wav, ffmpeg, own);
            assertTelephoneLevel(tel, "fixture-" + section.id() + ".ulaw.wav");
        }
        Clip whole = shared.clips().pageWav(App.snapshot(clinic).voicing(), fixturePage, app.earshot.content.Speed.NORMAL);
        assertBroadcastLoudness(file(whole, "fixture-page.wav"), pcm(whole));
    }
}
