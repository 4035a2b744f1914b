package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.Mp3Decoder;
import app.earshot.TestServer;
import app.earshot.audio.Mp3;
import app.earshot.audio.Mp3Info;
import app.earshot.audio.Wav;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CompressedAudioTest {
    static final String SECTION = "/audio/about-ketamine/fda-breakthrough-status";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> get(String path, String... headers) {
        return server.getBytes(path, headers);
    }

    static double mp3Seconds(String path) throws Exception {
        return Mp3.inspect(get(path).body()).seconds();
    }

    @Test
    void sectionMp3DecodesToTheWavsLengthAtAFifthOfItsSize() throws Exception {
        assertMatchesWav(SECTION);
    }

    @Test
    void wholePageMp3DecodesToTheWavsLengthAtAFifthOfItsSize() throws Exception {
        assertMatchesWav("/audio/about-ketamine");
    }

    private static void assertMatchesWav(String base) throws Exception {
        HttpResponse<byte[]> mp3 = get(base + ".mp3");
        assertEquals("audio/mpeg", mp3.headers().firstValue("Content-Type").orElse(""));
        byte[] wav = get(base + ".wav").body();
        Mp3Info info = Mp3.inspect(mp3.body());
        Mp3Decoder.Decoded decoded = Mp3Decoder.decode(mp3.body());
        double wavSeconds = Wav.inspect(wav).seconds();
        assertEquals(Wav.inspect(wav).sampleRate(), decoded.rate(), "encoded at the WAV's own rate");
        assertEquals(info.frames() + 1, decoded.frames());
        // What JLayer decodes, less the tag frame and the delay and padding the tag declares, is the WAV's length.
        double gapless = (decoded.samples().length - info.samplesPerFrame() - info.encoderDelay() - info.encoderPadding()) / (double) info.sampleRate();
        assertEquals(wavSeconds, gapless, 0.001);
        assertEquals(wavSeconds, info.seconds(), 0.001);
        assertTrue(wav.length >= 5L * mp3.body().length, wav.length + " bytes of WAV, " + mp3.body().length + " of MP3");
    }

    @Test
    void mp3IsServedAsMediaWithItsOwnEtagAndRanges() {
        HttpResponse<byte[]> full = get(SECTION + ".mp3");
        String etag = full.headers().firstValue("ETag").orElse("");
        assertTrue(etag.matches("\"[0-9a-f]{32}\\.mp3\""), etag);
        assertNotEquals(get(SECTION + ".wav").headers().firstValue("ETag").orElse(""), etag);
        assertEquals(304, get(SECTION + ".mp3", "If-None-Match", etag).statusCode());
        HttpResponse<byte[]> part = get(SECTION + ".mp3", "Range", "bytes=0-3");
        assertEquals(206, part.statusCode());
        assertEquals("bytes 0-3/" + full.body().length, part.headers().firstValue("Content-Range").orElse(""));
    }

    @Test
    void speedsDifferInDurationAsTheirRatesSay() throws Exception {
        double slower = mp3Seconds(SECTION + ".slower.mp3");
        double normal = mp3Seconds(SECTION + ".mp3");
        double faster = mp3Seconds(SECTION + ".faster.mp3");
        // site.yaml: slower 120, normal 150, faster 190 words per minute.
        assertEquals(150.0 / 120, slower / normal, 0.05 * 150 / 120);
        assertEquals(190.0 / 150, normal / faster, 0.05 * 190 / 150);
    }

    @Test
    void everySpeedHasItsOwnWavCaptionsAndWholePage() throws Exception {
        double wav = Wav.inspect(get(SECTION + ".faster.wav").body()).seconds();
        List<double[]> cues = VttParser.cues(server.get(SECTION + ".faster.vtt").body());
        assertTrue(cues.get(cues.size() - 1)[1] <= wav + 0.001);
        assertTrue(wav < Wav.inspect(get(SECTION + ".wav").body()).seconds());
        assertEquals(Fixture.sectionCount(), VttParser.cues(server.get("/audio/about-ketamine.slower.chapters.vtt").body()).size());
        assertEquals(200, get("/audio/about-ketamine.slower.mp3").statusCode());
    }

    @Test
    void speedNamesOutsideTheSchemeAre404() {
        for (String path : List.of(SECTION + ".normal.mp3", SECTION + ".quick.mp3", SECTION + ".slower.txt",
                SECTION + ".slower.ogg", "/audio/about-ketamine.faster.txt")) {
            assertEquals(404, server.get(path).statusCode(), path);
        }
    }

    @Test
    void playersOfferMp3FirstWavAsFallbackAndOtherSpeedsAsLinks() {
        server.warm(server.site().pages().get(0));
        Document doc = server.html("/about-ketamine");
        Set<String> names = new HashSet<>();
        for (Element player : doc.select("main .listen")) {
            List<String> types = player.select("audio source").eachAttr("type");
            assertEquals(List.of("audio/mpeg", "audio/wav"), types);
            Element slower = player.selectFirst("a:contains(Download a slower reading)");
            Element faster = player.selectFirst("a:contains(Download a faster reading)");
            assertTrue(slower.attr("href").endsWith(".slower.mp3") && faster.attr("href").endsWith(".faster.mp3"));
            for (Element link : player.select("a")) assertTrue(names.add(link.text()), "duplicate link text: " + link.text());
        }
        assertEquals(1, doc.select("main .listen").size());
        assertEquals(200, get(doc.selectFirst("main a:contains(Download a faster reading)").attr("href")).statusCode());
        // The only script is the read-along, from the server itself: nothing inline.
        assertEquals(List.of(), doc.select("script:not([src])").eachText());
    }

    @Test
    void downloadLinkNamesTheMp3ItsSizeAndLength() {
        server.warm(server.site().pages().get(0));
        String download = server.html("/about-ketamine/fda-breakthrough-status").selectFirst("main a[download]").text();
        assertTrue(download.matches("Download this section \\(MP3, \\d+ KB, \\d+ seconds\\)"), download);
    }
}
