package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.earshot.Await;
import app.earshot.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Background warming that meets an unreadable cached file (mode 000) goes on with every other item, says so at
 * {@code /healthz} with a reason and a count, tries the item again later, and returns to ok by itself once the file can
 * be read again: no restart. The server runs in its own process without root's file-mode override
 * ({@link Origin#startUnprivileged}), on a cache the fixture's audio was made into by a healthy server first.
 */
class UnreadableWarmingTest {
    static final List<String> MEDIA = List.of("/audio/rest/resting.wav", "/audio/rest/driving.wav", "/audio/rest/resting.mp3",
            "/audio/rest/resting.vtt", "/audio/rest.mp3");
    /** Health problems are remembered for two seconds, and warming tries a skipped item again after one (then 2, 4...). */
    static final Map<String, String> QUICK = Map.of("JAVA_OPTS",
            "-Dearshot.warm.delay.ms=0 -Dearshot.health.window=PT2S -Dearshot.warm.retry=PT1S");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<PosixFilePermission> READABLE = PosixFilePermissions.fromString("rw-r--r--");

    @TempDir
    static Path made;
    @TempDir
    Path dir;

    private Path cache;
    private static final Map<String, byte[]> good = new HashMap<>();
    private static final Map<String, String> etags = new HashMap<>();

    /** The fixture's audio, made once by a healthy server; each test's server gets a copy. */
    @BeforeAll
    static void madeByAHealthyServer() throws Exception {
        assumeTrue(new File("/usr/bin/setpriv").canExecute(), "setpriv (util-linux) is needed to drop root's file-mode override");
        try (TestServer healthy = TestServer.start(DamagedCacheTest.CONTENT, made, TestServer.SYNTHESIZER)) {
            healthy.site().pages().forEach(healthy::warm);
            for (String url : MEDIA) {
                HttpResponse<byte[]> r = healthy.getBytes(url);
                good.put(url, ok(r));
                etags.put(url, r.headers().firstValue("ETag").orElseThrow().replace("\"", ""));
            }
        }
    }

    @BeforeEach
    void copied() throws IOException {
        cache = dir.resolve("cache");
        TestServer.copyTree(made, cache);
    }

    @Test
    void warmingThatMeetsFilesTurningUnreadableGoesOnAndHealsOnceTheyAreReadable() throws Exception {
        AtomicBoolean flipping = new AtomicBoolean(true);
        // Every stored file loses and regains its mode over and over while the server warms: some reads meet a file
        // that was readable when it was checked a moment before.
        Thread flipper = new Thread(() -> {
            for (boolean off = true; flipping.get(); off = !off) setModes(off ? Set.of() : READABLE);
        }, "mode-flipper");
        try (Origin server = Origin.startUnprivileged(DamagedCacheTest.CONTENT, cache, dir.resolve("flip.log"), QUICK)) {
            flipper.start();
            try {
                server.awaitUp();
                Await.until(Duration.ofSeconds(120), () -> !warming(server).equals("running") && !warming(server).equals("idle"),
                        "the first warming run to end while the files flip");
            } finally {
                flipping.set(false);
                flipper.join();
                setModes(READABLE);
            }
            // The last health seen is in the failure's message, not the one before the wait.
            Await.value(Duration.ofSeconds(120), () -> health(server), health -> health.get("status").asText().equals("ok")
                    && health.at("/audio/warming").asText().equals("done")
                    && health.at("/audio/ready").asInt() == health.at("/audio/total").asInt(),
                    "health back to ok, warming done, every section ready, once the files are readable");
            for (String url : MEDIA) assertArrayEquals(good.get(url), ok(server.get(url)), url);
            assertFalse(server.output().contains("warming stopped"), server.output());
        }
    }

    /**
     * A warmed clip whose mode is taken away for a moment, while {@code /healthz} is asked, is not ready then, and is
     * ready again once its mode is back, with no request for it: the file is the very one verified (same size, time and
     * identity), so nothing has to read it again to know it. (CI saw health stay at 2 of 3 sections ready for good after
     * a warming that met files flipping their modes.)
     */
    @Test
    void aClipUnreadableForAMomentIsReadyAgainOnceItCanBeRead() throws Exception {
        Path wav = stored("/audio/rest/resting.wav");
        try (Origin server = Origin.startUnprivileged(DamagedCacheTest.CONTENT, cache, dir.resolve("moment.log"), QUICK)) {
            server.awaitUp();
            JsonNode warmed = Await.value(Duration.ofSeconds(120), () -> health(server),
                    h -> h.at("/audio/warming").asText().equals("done"), "the first warming run to end");
            int total = warmed.at("/audio/total").asInt();
            assertEquals(total, warmed.at("/audio/ready").asInt(), warmed.toString());

            Files.setPosixFilePermissions(wav, Set.of());
            JsonNode unreadable = health(server);
            Files.setPosixFilePermissions(wav, READABLE);
            assertEquals(total - 1, unreadable.at("/audio/ready").asInt(), "not ready while it cannot be read: " + unreadable);

            JsonNode after = health(server);
            assertEquals(total, after.at("/audio/ready").asInt(), "ready again once it can be read: " + after);
            assertArrayEquals(good.get("/audio/rest/resting.wav"), ok(server.get("/audio/rest/resting.wav")));
        }
    }

    @Test
    void aFileThatCannotBeReadOrReplacedIsSkippedReportedAnsweredWith503AndTriedAgainUntilItCanBeRead() throws Exception {
        Path wav = stored("/audio/rest/resting.wav");
        String relative = cache.relativize(wav).toString();
        Files.setPosixFilePermissions(wav, Set.of());
        Files.setPosixFilePermissions(Path.of(wav + ".sum"), Set.of());
        Files.setPosixFilePermissions(wav.getParent(), PosixFilePermissions.fromString("r-xr-xr-x"));
        try (Origin server = Origin.startUnprivileged(DamagedCacheTest.CONTENT, cache, dir.resolve("stuck.log"), QUICK)) {
            server.awaitUp();
            Await.value(Duration.ofSeconds(120), () -> health(server), h -> h.at("/audio/warming").asText().equals("retrying"),
                    "warming to finish its run and wait to try the skipped item again");
            // Every other section was made; only the one whose clip cannot be read is not ready.
            JsonNode health = health(server);
            assertEquals(health.at("/audio/total").asInt() - 1, health.at("/audio/ready").asInt(), health.toString());
            assertEquals(1, health.at("/cache/unreadable").asInt(), health.toString());

            // Long past the health window (time that must pass), while the file is still unreadable, health still says
            // so: it is not a problem that passed.
            Thread.sleep(3_000);
            health = health(server);
            assertEquals("degraded", health.get("status").asText(), health.toString());
            String problems = health.get("problems").toString();
            assertTrue(problems.contains("unreadable: 1 stored file") && problems.contains(relative)
                    && problems.contains("permission denied"), problems);
            assertTrue(problems.contains("audio warming skipped 1 item") && problems.contains("rest/resting"), problems);

            // A listener asking for that clip is told to come back, in plain words, without a stack trace.
            HttpResponse<byte[]> asked = server.get("/audio/rest/resting.wav");
            assertEquals(503, asked.statusCode());
            assertTrue(asked.headers().firstValue("Retry-After").isPresent(), "503 without Retry-After");
            String body = new String(asked.body(), StandardCharsets.UTF_8);
            assertTrue(body.contains("cannot be read") && !body.contains("Exception") && !body.contains(cache.toString()), body);
            // Every other clip is served.
            assertArrayEquals(good.get("/audio/rest/driving.wav"), ok(server.get("/audio/rest/driving.wav")));

            // The operator puts the mode right; nobody restarts anything.
            Files.setPosixFilePermissions(wav, READABLE);
            Files.setPosixFilePermissions(Path.of(wav + ".sum"), READABLE);
            Await.value(Duration.ofSeconds(120), () -> health(server),
                    h -> h.get("status").asText().equals("ok") && h.at("/audio/warming").asText().equals("done"),
                    "health back to ok by itself once the file is readable");
            health = health(server);
            assertEquals(health.at("/audio/total").asInt(), health.at("/audio/ready").asInt(), health.toString());
            assertArrayEquals(good.get("/audio/rest/resting.wav"), ok(server.get("/audio/rest/resting.wav")));
            // Logged once by the store and once by the warming, by its place in the cache, however often it was tried.
            String log = server.output();
            assertEquals(1, log.lines().filter(line -> line.contains(relative) && line.contains("WARN") && line.contains(".Warmer")).count(), log);
            assertEquals(2, log.lines().filter(line -> line.contains(relative) && line.contains("WARN")).count(), log);
            assertFalse(log.contains(wav.toString()), "the log names the file by its place in the cache: " + log);
        } finally {
            Files.setPosixFilePermissions(wav.getParent(), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aRottenClipIsDiscardedAndLoggedByItsPlaceInTheCacheNeverByTheServersFolders() throws Exception {
        Path wav = stored("/audio/rest/driving.wav");
        String relative = cache.relativize(wav).toString();
        BitRotTest.rot(wav, Files.size(wav) / 2); // size and time kept
        try (Origin server = Origin.start(DamagedCacheTest.CONTENT, cache, dir.resolve("rot.log"), QUICK)) {
            server.awaitUp();
            assertArrayEquals(good.get("/audio/rest/driving.wav"), ok(server.get("/audio/rest/driving.wav")));
            String log = server.output();
            assertTrue(log.lines().anyMatch(line -> line.contains("WARN") && line.contains("Discarding cached file " + relative)), log);
            assertFalse(log.contains(cache.toString()), "the log names files by their place in the cache, not the server's folders: " + log);
        }
    }

    /** The stored file that {@code url} is served from, found by its ETag (the key's first 16 hex digits, then the bytes'). */
    private Path stored(String url) throws IOException {
        String etag = etags.get(url);
        String key = etag.substring(0, 16);
        String extension = etag.substring(33);
        try (Stream<Path> files = Files.list(cache.resolve(key.substring(0, 2)))) {
            return files.filter(f -> f.getFileName().toString().startsWith(key) && f.getFileName().toString().endsWith("." + extension))
                    .findFirst().orElseThrow();
        }
    }

    private void setModes(Set<PosixFilePermission> mode) {
        try (Stream<Path> all = Files.walk(cache)) {
            for (Path file : all.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".tmp")).toList()) {
                try {
                    Files.setPosixFilePermissions(file, mode);
                } catch (IOException gone) {
                    // Replaced by the server meanwhile: the next pass finds the new one.
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            // A folder changed while it was walked: the next pass walks it again.
        }
    }

    private static String warming(Origin server) {
        return health(server).at("/audio/warming").asText();
    }

    private static JsonNode health(Origin server) {
        try {
            return JSON.readTree(server.get("/healthz").body());
        } catch (Exception e) {
            throw new AssertionError("/healthz", e);
        }
    }

    private static byte[] ok(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        return r.body();
    }
}
