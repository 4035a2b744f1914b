package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Await;
import app.earshot.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A disk that fails reads with EIO ("Input/output error") under one clip's files, as a bad sector would: the server
 * runs with {@code eio.so} preloaded (src/test/resources/faults/eio.c, built here with the C compiler .ci/run installs),
 * which fails every read of a file whose path holds the clip's key while a switch file exists. Opening, writing and
 * deleting work, so the store's discard-and-make-again meets the same failure when it reads its new file back.
 */
class DiskReadErrorTest {
    static final String CLIP = "/audio/rest/resting.wav";
    static final List<String> OTHERS = List.of("/audio/rest/driving.wav", "/audio/rest/driving.mp3");
    static final Map<String, String> QUICK = Map.of("JAVA_OPTS",
            "-Dearshot.warm.delay.ms=0 -Dearshot.health.window=PT2S -Dearshot.warm.retry=PT1S");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path made;
    @TempDir
    static Path tools;
    @TempDir
    Path dir;

    private static Path shim;
    private static final Map<String, byte[]> good = new HashMap<>();
    private static String key;

    @BeforeAll
    static void madeByAHealthyServerAndTheShimBuilt() throws Exception {
        shim = tools.resolve("eio.so");
        Process cc = new ProcessBuilder("cc", "-shared", "-fPIC", "-O2", "-o", shim.toString(),
                Path.of("src/test/resources/faults/eio.c").toAbsolutePath().toString(), "-ldl").redirectErrorStream(true).start();
        String ccOutput = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(cc.waitFor(2, TimeUnit.MINUTES) && cc.exitValue() == 0 && Files.isRegularFile(shim),
                "cc (gcc, installed by .ci/run) must build the EIO shim: " + ccOutput);
        try (TestServer healthy = TestServer.start(DamagedCacheTest.CONTENT, made, TestServer.SYNTHESIZER)) {
            healthy.site().pages().forEach(healthy::warm);
            for (String url : OTHERS) good.put(url, ok(healthy.getBytes(url)));
            HttpResponse<byte[]> clip = healthy.getBytes(CLIP);
            good.put(CLIP, ok(clip));
            // The ETag starts with the key's first 16 hex digits (then the bytes' digest's): enough to name one file.
            key = clip.headers().firstValue("ETag").orElseThrow().replace("\"", "").substring(0, 16);
        }
    }

    @Test
    void aClipTheDiskCannotReadIsAnswered503NeverInPartAndServedAgainOnceTheDiskReads() throws Exception {
        Path cache = dir.resolve("cache");
        TestServer.copyTree(made, cache);
        Path failing = dir.resolve("disk-failing");
        Files.createFile(failing);
        Map<String, String> env = new HashMap<>(QUICK);
        env.putAll(Map.of("LD_PRELOAD", shim.toString(), "EIO_MATCH", key, "EIO_WHEN", failing.toString()));
        try (Origin server = Origin.start(DamagedCacheTest.CONTENT, cache, dir.resolve("eio.log"), env)) {
            server.awaitUp();
            // Warming meets the failure (reading the stored clip, then reading back the one it makes again) and goes on.
            JsonNode health = Await.value(Duration.ofSeconds(120), () -> health(server),
                    h -> h.at("/audio/warming").asText().equals("retrying"), "warming to skip the clip and wait to try it again");
            assertEquals("degraded", health.get("status").asText(), health.toString());
            assertEquals(health.at("/audio/total").asInt() - 1, health.at("/audio/ready").asInt(), health.toString());
            String problems = health.get("problems").toString();
            assertTrue(problems.contains("Input/output error") && problems.contains("rest/resting"), problems);
            assertFalse(problems.contains("producer made an invalid"), "a read the disk failed is not the producer's fault: " + problems);
            assertFalse(problems.contains(cache.toString()), "health names files by their place in the cache: " + problems);

            // Asked for it, a listener is told to come back: never a part of the clip, never a stack trace.
            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> asked = server.get(CLIP);
                String body = new String(asked.body(), StandardCharsets.UTF_8);
                assertEquals(503, asked.statusCode(), body);
                assertTrue(asked.headers().firstValue("Retry-After").isPresent(), "503 without Retry-After");
                assertFalse(body.contains("Exception") || body.contains(cache.toString()), body);
            }
            // Every other clip is served, whole.
            for (String url : OTHERS) assertArrayEquals(good.get(url), ok(server.get(url)), url);

            // The disk reads again: the clip is made and served whole, and health returns to ok, with no restart.
            Files.delete(failing);
            assertArrayEquals(good.get(CLIP), ok(server.get(CLIP)), CLIP);
            Await.value(Duration.ofSeconds(120), () -> health(server), h -> h.get("status").asText().equals("ok")
                    && h.at("/audio/warming").asText().equals("done")
                    && h.at("/audio/ready").asInt() == h.at("/audio/total").asInt(), "health back to ok once the disk reads");
            String log = server.output();
            assertTrue(log.contains("Input/output error"), "the failure is logged: " + log);
            assertFalse(log.contains(cache.toString()), "the log names files by their place in the cache: " + log);
        }
    }

    private static JsonNode health(Origin server) {
        try {
            return JSON.readTree(server.get("/healthz").body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("/healthz", e);
        }
    }

    private static byte[] ok(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }
}
