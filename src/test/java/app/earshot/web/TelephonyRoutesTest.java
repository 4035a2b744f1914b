package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.Await;
import app.earshot.Fixture;
import app.earshot.Soxi;
import app.earshot.TestServer;
import app.earshot.audio.Wav;
import app.earshot.audio.WavInfo;
import app.earshot.snapshot.SnapshotStore;
import app.earshot.narration.Narrator;
import app.earshot.narration.TelephoneAudio;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelephonyRoutesTest {
    static final String SECTION = "/telephony/about-ketamine/fda-breakthrough-status";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> get(TestServer server, String path, String... headers) {
        return server.getBytes(path, headers);
    }

    @Test
    void everyWavCodecIs8kHzMonoWithTheRightEncodingAndTheLengthOfThe16kHzClip(@TempDir Path dir) throws Exception {
        Map<String, String> encodings = new java.util.HashMap<>(Map.of("", "u-law", "?codec=ulaw", "u-law", "?codec=alaw", "A-law",
                "?codec=pcm", "Signed Integer PCM", "?codec=ALaw", "A-law"));
        // Path forms, which a static export can hold as files (the ".wav" is added below).
        encodings.putAll(Map.of(".alaw", "A-law", ".pcm", "Signed Integer PCM"));
        double wide = Wav.inspect(get(server, "/audio/about-ketamine/fda-breakthrough-status.wav").body()).seconds();
        for (var e : encodings.entrySet()) {
            String url = e.getKey().startsWith("?") || e.getKey().isEmpty() ? SECTION + ".wav" + e.getKey() : SECTION + e.getKey() + ".wav";
            HttpResponse<byte[]> response = get(server, url);
            assertEquals(200, response.statusCode(), e.getKey());
            assertEquals("audio/wav", response.headers().firstValue("Content-Type").orElse(""));
            Path file = dir.resolve("clip" + e.getKey().hashCode() + ".wav");
            Files.write(file, response.body());
            assertEquals("8000", Soxi.ask("r", file));
            assertEquals("1", Soxi.ask("c", file));
            assertEquals(e.getValue(), Soxi.ask("e", file), e.getKey());
            assertEquals(wide, Double.parseDouble(Soxi.ask("D", file)), 0.05, e.getKey());
        }
    }

    @Test
    void rawG711IsTheWavsSamplesWithoutAHeader() throws Exception {
        for (String codec : new String[]{"ulaw", "alaw"}) {
            HttpResponse<byte[]> raw = get(server, SECTION + "." + codec);
            assertEquals(codec.equals("ulaw") ? "audio/basic" : "audio/x-alaw-basic", raw.headers().firstValue("Content-Type").orElse(""));
            byte[] wav = get(server, SECTION + ".wav?codec=" + codec).body();
            WavInfo info = Wav.inspect(wav);
            assertArrayEquals(Arrays.copyOfRange(wav, (int) info.dataOffset(), (int) (info.dataOffset() + info.dataLength())), raw.body());
        }
    }

    @Test
    void unknownCodecIs400ListingTheValidOnes() {
        HttpResponse<String> response = server.get(SECTION + ".wav?codec=opus");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("ulaw, alaw, pcm"), response.body());
        assertEquals(400, server.get(SECTION + ".ulaw?codec=alaw").statusCode());
        assertEquals(400, server.get(SECTION + ".alaw.wav?codec=pcm").statusCode());
        assertEquals(200, server.get(SECTION + ".alaw.wav?codec=alaw").statusCode());
    }

    @Test
    void unknownSectionsExtensionsAndPartsAre404() {
        for (String path : Stream.of("/telephony/about-ketamine/nope.wav", SECTION + ".mp3", SECTION + ".part2.wav",
                "/telephony/nope/introduction.wav", "/telephony/about-ketamine/prompts/nope.wav", SECTION).toList()) {
            HttpResponse<String> response = server.get(path);
            assertEquals(404, response.statusCode(), path);
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), path);
        }
    }

    @Test
    void everyClipCarriesCachingHeadersAndAnswersConditionalRequests() {
        HttpResponse<byte[]> first = get(server, SECTION + ".wav?v=anything");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(first.headers().firstValue("Last-Modified").isPresent());
        assertEquals("public, max-age=" + MediaResponder.MAX_AGE_SECONDS, first.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(etag, get(server, SECTION + ".wav").headers().firstValue("ETag").orElseThrow());
        assertNotEquals(etag, get(server, SECTION + ".wav?codec=alaw").headers().firstValue("ETag").orElseThrow());
        assertEquals(304, get(server, SECTION + ".wav", "If-None-Match", etag).statusCode());
        assertEquals(206, get(server, SECTION + ".ulaw", "Range", "bytes=0-99").statusCode());
    }

    @Test
    void promptsAreTelephoneClipsInEarshotsVoice(@TempDir Path dir) throws Exception {
        for (String name : new String[]{"menu", "more-1", "after-section", "menu-help", "not-an-option", "goodbye"}) {
            HttpResponse<byte[]> response = get(server, "/telephony/about-ketamine/prompts/" + name + ".wav");
            assertEquals(200, response.statusCode(), name);
            Path file = dir.resolve(name + ".wav");
            Files.write(file, response.body());
            assertEquals("8000", Soxi.ask("r", file));
            assertTrue(Double.parseDouble(Soxi.ask("D", file)) > 0.5, name);
        }
    }

    @Test
    void theVersionAndETagStayWhileTheSoundDoesAndChangeWhenItChanges(@TempDir Path content, @TempDir Path cache) throws Exception {
        TestServer.copyTree(Fixture.SITE, content);
        String[] before = versionAndEtag(content, cache);
        assertArrayEquals(before, versionAndEtag(content, cache));
        Path md = content.resolve("pages/about-ketamine.md");
        Files.writeString(md, Files.readString(md).replace("recognizing its breakthrough potential", "recognizing its potential"));
        String[] after = versionAndEtag(content, cache);
        assertNotEquals(before[0], after[0]);
        assertNotEquals(before[1], after[1]);
    }

    @Test
    void aSectionLongerThanTheLimitIsServedOnlyInNumberedParts(@TempDir Path dir) throws Exception {
        App.Content content = App.load(Fixture.SITE);
        Narrator narrator = App.narrator(TestServer.SHARED_AUDIO_CACHE, TestServer.SYNTHESIZER);
        Javalin app = WebApp.builder(new SnapshotStore(App.snapshot(content)), narrator)
                .telephone(TelephoneAudio.of(narrator, 10.0)).build().start("127.0.0.1", 0);
        try {
            HttpClient client = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + app.port() + "/telephony/about-ketamine/research-evidence"; // 25 s
            HttpResponse<String> whole = client.send(HttpRequest.newBuilder(URI.create(base + ".wav")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, whole.statusCode());
            assertTrue(whole.body().contains(".part1.wav"), whole.body());
            int parts = 0;
            while (true) {
                HttpResponse<byte[]> clip = client.send(HttpRequest.newBuilder(URI.create(base + ".part" + (parts + 1) + ".wav")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (clip.statusCode() == 404) break;
                assertEquals(200, clip.statusCode());
                Path file = dir.resolve(++parts + ".wav");
                Files.write(file, clip.body());
                assertTrue(Double.parseDouble(Soxi.ask("D", file)) <= 10.0);
            }
            assertTrue(parts >= 3, parts + " parts");
        } finally {
            app.stop();
        }
    }

    /**
     * The telephone clip's version in the API index and its ETag, from a server started on {@code content}. Asking for the
     * clip makes it; the index lists a made clip's URL with the version of its sound (waiting only for that clip, not for
     * every rendering of the page).
     */
    private static String[] versionAndEtag(Path content, Path cache) {
        try (TestServer s = TestServer.start(content, cache, TestServer.SYNTHESIZER)) {
            String etag = get(s, SECTION + ".wav").headers().firstValue("ETag").orElseThrow();
            String versioned = SECTION + ".wav?v=";
            String index = Await.value(Duration.ofSeconds(60), () -> s.get("/api/pages/" + Fixture.PAGE).body(), b -> b.contains(versioned),
                    "the index lists the made clip with its version");
            int at = index.indexOf(versioned);
            return new String[]{index.substring(at, index.indexOf('"', at)), etag};
        }
    }
}
