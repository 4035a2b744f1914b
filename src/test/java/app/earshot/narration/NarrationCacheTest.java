package app.earshot.narration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.CountingSynthesizer;
import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.audio.Wav;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NarrationCacheTest {
    static final String CLIP = "/audio/about-ketamine/fda-breakthrough-status.wav";

    @TempDir
    Path cache;

    CountingSynthesizer synthesizer = new CountingSynthesizer(TestServer.SYNTHESIZER);

    @Test
    void parallelRequestsForAMissingClipCauseOneSynthesis() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(12);
        try (TestServer server = TestServer.start(Fixture.SITE, cache, synthesizer)) {
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) calls.add(() -> server.getBytes(HttpRequest.newBuilder(URI.create(server.url(CLIP)))).statusCode());
            for (Future<Integer> f : pool.invokeAll(calls)) assertEquals(200, f.get());
            assertEquals(1, synthesizer.calls());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void truncatedCacheFileIsDiscardedAndMadeAgain() throws Exception {
        try (TestServer first = TestServer.start(Fixture.SITE, cache, synthesizer)) {
            first.getBytes(HttpRequest.newBuilder(URI.create(first.url(CLIP))));
        }
        Path wav = onlyFile(cache, ".wav");
        byte[] bytes = Files.readAllBytes(wav);
        Files.write(wav, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (TestServer second = TestServer.start(Fixture.SITE, cache, synthesizer)) {
            HttpResponse<byte[]> response = second.getBytes(HttpRequest.newBuilder(URI.create(second.url(CLIP))));
            assertEquals(200, response.statusCode());
            assertEquals(bytes.length, response.body().length);
            Wav.inspect(response.body());
            assertEquals(2, synthesizer.calls());
        }
    }

    @Test
    void cacheSurvivesRestart() throws Exception {
        try (TestServer first = TestServer.start(Fixture.SITE, cache, synthesizer)) {
            first.warm(first.site().pages().get(0));
        }
        int made = synthesizer.calls();
        try (TestServer second = TestServer.start(Fixture.SITE, cache, synthesizer)) {
            second.warm(second.site().pages().get(0));
        }
        assertEquals(Fixture.sectionCount(), made);
        assertEquals(made, synthesizer.calls());
    }

    @Test
    void editingOneSectionResynthesizesOnlyThatSection(@TempDir Path content) throws Exception {
        TestServer.copyTree(Fixture.SITE, content);
        try (TestServer first = TestServer.start(content, cache, synthesizer)) {
            first.warm(first.site().pages().get(0));
        }
        Path md = content.resolve("pages/about-ketamine.md");
        Files.writeString(md, Files.readString(md).replace("recognizing its breakthrough potential", "recognising its breakthrough potential"));
        int before = synthesizer.calls();
        try (TestServer second = TestServer.start(content, cache, synthesizer)) {
            second.warm(second.site().pages().get(0));
        }
        assertEquals(1, synthesizer.calls() - before);
    }

    @Test
    void failedSynthesisGives503WithRetryAfterWhilePagesStillServe() {
        synthesizer.failing(true);
        try (TestServer server = TestServer.start(Fixture.SITE, cache, synthesizer)) {
            HttpResponse<String> audio = server.get(CLIP);
            assertEquals(503, audio.statusCode());
            assertTrue(audio.headers().firstValue("Retry-After").isPresent());
            assertTrue(audio.body().startsWith("Service unavailable:"), audio.body());
            assertEquals(200, server.get("/about-ketamine/fda-breakthrough-status").statusCode());
            assertEquals(503, server.get("/audio/about-ketamine.wav").statusCode());
        }
    }

    private static Path onlyFile(Path dir, String suffix) throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> found = files.filter(p -> p.toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }

}
