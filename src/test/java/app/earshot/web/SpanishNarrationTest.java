package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Ffmpeg;
import app.earshot.Soxi;
import app.earshot.TestServer;
import app.earshot.audio.ActiveSpeechLevel;
import app.earshot.audio.Wav;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.sound.Pcm;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spanish fixture page heard through a started server: eSpeak NG speech, captions, MP3 and telephone audio. */
class SpanishNarrationTest {
    static final Path SITE = app.earshot.Fixture.BILINGUAL;
    static final String SLUG = "acerca-de-la-ketamina";
    private static final Pattern CUE = Pattern.compile("(\\d+):(\\d{2}):(\\d{2}\\.\\d{3}) --> (\\d+):(\\d{2}):(\\d{2}\\.\\d{3})");

    @TempDir
    static Path dir;
    static TestServer server;
    static Section section;

    @BeforeAll
    static void start() {
        server = TestServer.start(SITE, dir.resolve("cache"), TestServer.SYNTHESIZER);
        Page page = server.site().page(SLUG).orElseThrow();
        section = page.sections().stream().filter(s -> s.heading().startsWith("Designación")).findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] get(String path) {
        HttpResponse<byte[]> response = server.getBytes(path);
        assertEquals(200, response.statusCode(), path + ": " + new String(response.body()));
        return response.body();
    }

    private static Path save(String path, String name) throws Exception {
        return Files.write(dir.resolve(name), get(path));
    }

    private String audio(String extension) {
        return "/audio/" + SLUG + "/" + section.id() + extension;
    }

    @Test
    void sectionIsSpeechAtAPlausiblePace() throws Exception {
        Pcm pcm = Wav.decode(get(audio(".wav")));
        assertTrue(ActiveSpeechLevel.measure(pcm) > -40, "active speech level " + ActiveSpeechLevel.measure(pcm));
        int words = new String(get(audio(".txt")), java.nio.charset.StandardCharsets.UTF_8).strip().split("\\s+").length;
        double wpm = words / (pcm.seconds() / 60);
        assertTrue(wpm > 100 && wpm < 220, words + " words in " + pcm.seconds() + " s: " + wpm + " wpm");
    }

    @Test
    void sectionIsAtBroadcastLoudness() throws Exception {
        assertEquals(-19.0, Ffmpeg.ebur128(save(audio(".wav"), "section.wav")).integratedLufs(), 1.0);
    }

    @Test
    void captionsAreInOrderAndEndWithTheAudio() throws Exception {
        double seconds = Wav.decode(get(audio(".wav"))).seconds();
        List<double[]> cues = new ArrayList<>();
        Matcher m = CUE.matcher(new String(get(audio(".vtt")), java.nio.charset.StandardCharsets.UTF_8));
        while (m.find()) {
            cues.add(new double[] {time(m.group(1), m.group(2), m.group(3)), time(m.group(4), m.group(5), m.group(6))});
        }
        assertTrue(cues.size() > 1, "cues: " + cues.size());
        for (int i = 1; i < cues.size(); i++) assertTrue(cues.get(i)[0] >= cues.get(i - 1)[1], "cue " + i + " out of order");
        assertEquals(seconds, cues.get(cues.size() - 1)[1], 0.5);
    }

    private static double time(String h, String m, String s) {
        return Integer.parseInt(h) * 3600 + Integer.parseInt(m) * 60 + Double.parseDouble(s);
    }

    @Test
    void wholePageMp3DecodesWithFfmpeg() throws Exception {
        Path mp3 = save("/audio/" + SLUG + ".mp3", "page.mp3");
        assertEquals("mp3", Ffmpeg.probe(mp3).get("codec_name"));
        assertTrue(Ffmpeg.decodedSeconds(mp3, 16_000) > 30, "decoded " + Ffmpeg.decodedSeconds(mp3, 16_000) + " s");
    }

    @Test
    void telephoneClipIs8kHz() throws Exception {
        Path wav = save("/telephony/" + SLUG + "/" + section.id() + ".wav", "phone.wav");
        assertEquals("8000", Soxi.ask("r", wav));
    }
}
