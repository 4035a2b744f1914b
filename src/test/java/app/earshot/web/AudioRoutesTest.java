package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.Soxi;
import app.earshot.TestServer;
import app.earshot.sound.Pcm;
import app.earshot.audio.Wav;
import app.earshot.audio.WavInfo;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioRoutesTest {
    static final String CLIP = "/audio/about-ketamine/fda-breakthrough-status.wav";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    HttpResponse<byte[]> get(String path, String... headers) {
        return server.getBytes(path, headers);
    }

    @Test
    void sectionClipIs16kHzMonoPcmWavOfPlausibleLengthAndNotSilent(@TempDir Path dir) throws Exception {
        HttpResponse<byte[]> response = get(CLIP);
        assertEquals(200, response.statusCode());
        assertEquals("audio/wav", response.headers().firstValue("Content-Type").orElse(""));
        byte[] wav = response.body();
        assertEquals("RIFF", new String(wav, 0, 4, "US-ASCII"));
        WavInfo info = Wav.inspect(wav);
        assertEquals(16000, info.sampleRate());
        assertEquals(1, info.channels());
        assertEquals(16, info.bitsPerSample());
        int words = server.get("/audio/about-ketamine/fda-breakthrough-status.txt").body().split("\\s+").length;
        double wpm = words / (info.seconds() / 60);
        assertTrue(wpm > 100 && wpm < 260, words + " words in " + info.seconds() + " s = " + wpm + " wpm");
        Pcm pcm = Wav.decode(wav);
        double rms = Math.sqrt(Arrays.stream(toInts(pcm)).mapToDouble(s -> (double) s * s).average().orElse(0));
        assertTrue(rms > 300, "rms " + rms);
        Path file = dir.resolve("clip.wav");
        Files.write(file, wav);
        assertEquals("16000", Soxi.ask("r", file));
        assertEquals("1", Soxi.ask("c", file));
        assertEquals(info.seconds(), Double.parseDouble(Soxi.ask("D", file)), 0.01);
    }

    @Test
    void wholePageIsEverySectionWithPausesBetween() throws Exception {
        double total = Wav.inspect(get("/audio/about-ketamine.wav").body()).seconds();
        double sections = 0;
        for (var s : server.site().page("about-ketamine").orElseThrow().sections()) {
            sections += Wav.inspect(get("/audio/about-ketamine/" + s.id() + ".wav").body()).seconds();
        }
        assertEquals(sections + 10 * app.earshot.narration.Clips.SECTION_PAUSE_SECONDS, total, 0.01);
    }

    @Test
    void captionsParseAndEveryCueLiesInsideTheClip() throws Exception {
        double clip = Wav.inspect(get(CLIP).body()).seconds();
        HttpResponse<String> vtt = server.get("/audio/about-ketamine/fda-breakthrough-status.vtt");
        assertEquals("text/vtt;charset=utf-8", vtt.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        List<double[]> cues = VttParser.cues(vtt.body());
        assertFalse(cues.isEmpty());
        double previousEnd = 0;
        for (double[] cue : cues) {
            assertTrue(cue[0] >= previousEnd && cue[1] > cue[0] && cue[1] <= clip + 0.001, Arrays.toString(cue) + " in " + clip);
            previousEnd = cue[1];
        }
    }

    @Test
    void captionsShowTheAuthorsWordsWhileTheLexiconRespellsWhatIsHeard() {
        String vtt = server.get("/audio/about-ketamine/how-does-ketamine-work.vtt").body();
        String txt = server.get("/audio/about-ketamine/how-does-ketamine-work.txt").body();
        assertTrue(vtt.contains("NMDA") && !vtt.contains("N-M-D-A"), vtt);
        assertTrue(txt.contains("N-M-D-A") && !txt.contains("NMDA"), txt);
    }

    @Test
    void wholePageCaptionsAndChaptersCoverTheWholeClip() {
        List<double[]> chapters = VttParser.cues(server.get("/audio/about-ketamine.chapters.vtt").body());
        assertEquals(Fixture.sectionCount(), chapters.size());
        List<double[]> cues = VttParser.cues(server.get("/audio/about-ketamine.vtt").body());
        assertTrue(cues.get(cues.size() - 1)[1] <= chapters.get(chapters.size() - 1)[1] + 0.001);
        assertTrue(cues.get(cues.size() - 1)[0] >= chapters.get(chapters.size() - 1)[0]);
    }

    @Test
    void spokenTextIsPlainUtf8() {
        HttpResponse<String> txt = server.get("/audio/about-ketamine/research-evidence.txt");
        assertEquals("text/plain;charset=utf-8", txt.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        assertTrue(txt.body().startsWith("Research and Evidence."), txt.body());
    }

    @Test
    void headGivesHeadersAndNoBody() {
        HttpResponse<byte[]> full = get(CLIP);
        HttpResponse<String> head = server.request("HEAD", CLIP);
        assertEquals(200, head.statusCode());
        assertEquals(String.valueOf(full.body().length), head.headers().firstValue("Content-Length").orElse(""));
        assertEquals(full.headers().firstValue("ETag"), head.headers().firstValue("ETag"));
        assertEquals("", head.body());
    }

    @Test
    void mediaHeadersAreComplete() {
        var headers = get(CLIP).headers();
        assertEquals("bytes", headers.firstValue("Accept-Ranges").orElse(""));
        assertTrue(headers.firstValue("ETag").orElse("").matches("\"[0-9a-f]{32}\\.wav\""));
        assertTrue(headers.firstValue("Last-Modified").isPresent());
        assertTrue(headers.firstValue("Cache-Control").orElse("").contains("max-age="));
    }

    @Test
    void rangeGives206WithExactlyThoseBytes() {
        byte[] full = get(CLIP).body();
        HttpResponse<byte[]> part = get(CLIP, "Range", "bytes=100-199");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-199/" + full.length, part.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(full, 100, 200), part.body());
    }

    @Test
    void suffixAndOpenRangesWork() {
        byte[] full = get(CLIP).body();
        assertArrayEquals(Arrays.copyOfRange(full, full.length - 10, full.length), get(CLIP, "Range", "bytes=-10").body());
        assertArrayEquals(Arrays.copyOfRange(full, full.length - 5, full.length), get(CLIP, "Range", "bytes=" + (full.length - 5) + "-").body());
    }

    @Test
    void rangeBeyondTheEndIs416WithTheSize() {
        HttpResponse<byte[]> response = get(CLIP, "Range", "bytes=99999999-");
        assertEquals(416, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Range").orElse("").startsWith("bytes */"));
    }

    @Test
    void rangeNumbersTooLargeForALongAreStillPositionsPastTheEnd() {
        byte[] full = get(CLIP).body();
        for (String range : List.of("bytes=0-99999999999999999999999", "bytes=0-9223372036854775808", "bytes=-99999999999999999999999")) {
            HttpResponse<byte[]> part = get(CLIP, "Range", range);
            assertEquals(206, part.statusCode(), range);
            assertEquals("bytes 0-" + (full.length - 1) + "/" + full.length, part.headers().firstValue("Content-Range").orElse(""), range);
            assertArrayEquals(full, part.body(), range);
        }
        for (String range : List.of("bytes=99999999999999999999-", "bytes=9223372036854775808-", "bytes=99999999999999999999-99999999999999999999")) {
            HttpResponse<byte[]> refused = get(CLIP, "Range", range);
            assertEquals(416, refused.statusCode(), range);
            assertEquals("bytes */" + full.length, refused.headers().firstValue("Content-Range").orElse(""), range);
            assertEquals("no-store", refused.headers().firstValue("Cache-Control").orElse(""), range);
        }
        HttpResponse<byte[]> backwards = get(CLIP, "Range", "bytes=99999999999999999999-99999999999999999998");
        assertEquals(200, backwards.statusCode(), "a last position before the first is not a range");
    }

    @Test
    void malformedOrMultipleRangesGetTheWholeFile() {
        int length = get(CLIP).body().length;
        for (String range : List.of("bytes=abc", "bytes=5-1", "items=0-1", "bytes=0-1,5-9")) {
            HttpResponse<byte[]> response = get(CLIP, "Range", range);
            assertEquals(200, response.statusCode(), range);
            assertEquals(length, response.body().length, range);
        }
    }

    @Test
    void matchingEtagGives304() {
        String etag = get(CLIP).headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> response = get(CLIP, "If-None-Match", etag);
        assertEquals(304, response.statusCode());
        assertEquals(0, response.body().length);
    }

    @Test
    void staleIfRangeGivesTheWholeFile() {
        HttpResponse<byte[]> response = get(CLIP, "Range", "bytes=0-9", "If-Range", "\"something-else\"");
        assertEquals(200, response.statusCode());
    }

    @Test
    void unknownSectionOrFormatIs404InPlainText() {
        for (String path : List.of("/audio/about-ketamine/nope.wav", "/audio/about-ketamine/fda-breakthrough-status.mp4",
                "/audio/nope.wav", "/audio/about-ketamine.ogg", "/audio/about-ketamine/..%2f..%2fpom.xml")) {
            HttpResponse<String> response = server.get(path);
            assertTrue(response.statusCode() == 404 || response.statusCode() == 400, path + " " + response.statusCode());
            assertFalse(response.body().contains("<html"), path);
        }
    }

    @Test
    void everyPageHasANamedPlayerWithCaptionsAndADescribedDownload() {
        server.warm(server.site().pages().get(0));
        Document doc = server.html("/about-ketamine/fda-breakthrough-status");
        Element audio = doc.selectFirst("main audio[controls]");
        assertEquals("Listen to this section", audio.attr("aria-label"));
        // The clip is made, so the player may fetch its length instead of showing unavailable controls.
        assertEquals("metadata", audio.attr("preload"));
        assertFalse(audio.hasAttr("autoplay"));
        // Browsers never show a <track> on <audio>; the caption file is offered as a download beside the player.
        assertTrue(audio.select("track").isEmpty());
        Element captions = doc.selectFirst("main .listen a:has(> span:matchesOwn(^Captions file))");
        assertEquals(200, server.get(captions.attr("href")).statusCode());
        assertTrue(server.get(captions.attr("href")).body().startsWith("WEBVTT"));
        String download = doc.selectFirst("main a[download]").text();
        assertTrue(download.matches("Download this section \\(MP3, \\d+ KB, \\d+ seconds\\)"), download);
    }

    @Test
    void wholePageHasOnePlayerAndOneCompactControlPerSection() {
        server.warm(server.site().pages().get(0));
        Document doc = server.html("/about-ketamine");
        assertEquals(1, doc.select("main audio[controls]").size());
        assertEquals(10, doc.select("main section .listen-section a").size());
        assertTrue(doc.selectFirst("#fda-breakthrough-status .listen-section a").text().matches("Listen to section 4: FDA Breakthrough Status, \\d+ seconds"),
                doc.selectFirst("#fda-breakthrough-status .listen-section a").text());
        assertEquals("Listen to the whole page", doc.selectFirst("main audio").attr("aria-label"));
        assertEquals("/audio/about-ketamine.vtt", doc.selectFirst("main .listen a:has(> span:matchesOwn(^Captions file))").attr("href"));
        assertTrue(doc.select("main a[download]").first().text().matches("Download the whole page \\(MP3, [\\d.]+ (KB|MB), \\d+ minutes? \\d+ seconds?\\)"),
                doc.select("main a[download]").first().text());
    }

    @Test
    void metricsCountSynthesesCacheAndRequestsInPrometheusFormat() {
        get(CLIP);
        String metrics = server.get("/metrics").body();
        for (String name : List.of("earshot_syntheses_total", "earshot_synthesis_seconds_total", "earshot_audio_cache_hits_total",
                "earshot_audio_cache_misses_total", "earshot_audio_bytes_served_total")) {
            assertTrue(metrics.contains("\n" + name + " ") || metrics.startsWith("# HELP " + name), name);
        }
        assertTrue(metrics.contains("earshot_http_requests_total{route=\"/audio/{slug}/{file}\",status=\"200\"}"), metrics);
    }

    private static int[] toInts(Pcm pcm) {
        int[] out = new int[pcm.length()];
        for (int i = 0; i < out.length; i++) out[i] = pcm.sample(i);
        return out;
    }
}
