package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault injection on the artifact store: every kind of cached file is cut short, zero-filled or bit-flipped on disk,
 * while the server is serving it and while it is stopped; the next request must get exactly the bytes a healthy cache
 * gives (or a 503 with Retry-After), never the damage and never a body shorter than its Content-Length.
 */
class DamagedCacheTest {
    static final Path CONTENT = Path.of("src/test/resources/fixtures/store");
    static final List<String> KINDS = List.of("/audio/rest/resting.wav", "/audio/rest/resting.mp3", "/telephony/rest/resting.ulaw",
            "/telephony/rest/resting.alaw", "/telephony/rest/resting.wav", "/rest.epub");

    @TempDir
    static Path healthy;
    static final java.util.Map<String, byte[]> expected = new java.util.HashMap<>();
    static byte[] expectedVtt;

    @TempDir
    Path cache;

    enum Damage { TRUNCATE, ZERO_FILL, BIT_FLIP }

    @BeforeAll
    static void makeAHealthyCache() {
        try (TestServer server = TestServer.start(CONTENT, healthy, TestServer.SYNTHESIZER)) {
            for (String url : KINDS) expected.put(url, ok(server.getBytes(url)));
            expectedVtt = ok(server.getBytes("/audio/rest/resting.vtt"));
        }
    }

    static Stream<Arguments> kindsAndDamages() {
        List<Arguments> all = new ArrayList<>();
        for (String url : KINDS) for (Damage d : Damage.values()) all.add(Arguments.of(url, d));
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} while serving")
    @MethodSource("kindsAndDamages")
    void damageWhileServingIsRebuiltNotServed(String url, Damage damage) throws Exception {
        app.earshot.TestServer.copyTree(healthy, cache);
        try (TestServer server = TestServer.start(CONTENT, cache, TestServer.SYNTHESIZER)) {
            ok(server.getBytes(url));
            ok(server.getBytes(url)); // now prepared for the fast path
            damage(artifact(expected.get(url)), damage);
            assertServesExactly(server, url);
        }
        assertTrue(Arrays.equals(expected.get(url), Files.readAllBytes(artifact(expected.get(url)))), "rebuilt on disk");
    }

    @ParameterizedTest(name = "{0} {1} across a restart")
    @MethodSource("kindsAndDamages")
    void damageWhileStoppedIsRebuiltAfterARestart(String url, Damage damage) throws Exception {
        app.earshot.TestServer.copyTree(healthy, cache);
        damage(artifact(expected.get(url)), damage);
        try (TestServer server = TestServer.start(CONTENT, cache, TestServer.SYNTHESIZER)) {
            assertServesExactly(server, url);
        }
    }

    @ParameterizedTest(name = "captions sidecar {0} while serving")
    @MethodSource("damages")
    void damagedCaptionsSidecarIsRebuiltWhileServing(Damage damage) throws Exception {
        app.earshot.TestServer.copyTree(healthy, cache);
        try (TestServer server = TestServer.start(CONTENT, cache, TestServer.SYNTHESIZER)) {
            ok(server.getBytes("/audio/rest/resting.vtt"));
            Path cues = captionsOf("Rest for the day");
            byte[] good = Files.readAllBytes(cues);
            damage(cues, damage);
            assertArrayEquals(expectedVtt, ok(server.getBytes("/audio/rest/resting.vtt")));
            assertArrayEquals(good, Files.readAllBytes(cues), "the sidecar is rebuilt, not left damaged");
        }
    }

    @ParameterizedTest(name = "captions sidecar {0} across a restart")
    @MethodSource("damages")
    void damagedCaptionsSidecarIsRebuiltAfterARestart(Damage damage) throws Exception {
        app.earshot.TestServer.copyTree(healthy, cache);
        for (Path cues : files(cache, ".cues.json")) damage(cues, damage);
        try (TestServer server = TestServer.start(CONTENT, cache, TestServer.SYNTHESIZER)) {
            assertArrayEquals(expectedVtt, ok(server.getBytes("/audio/rest/resting.vtt")));
            assertEquals(200, server.get("/api/pages/rest").statusCode());
            assertArrayEquals(expected.get("/rest.epub"), ok(server.getBytes("/rest.epub")));
            assertTrue(server.get("/healthz").body().contains("\"ok\""), server.get("/healthz").body());
        }
    }

    @Test
    void telephoneClipCutShortIsNotReportedByTheIndex() throws Exception {
        app.earshot.TestServer.copyTree(healthy, cache);
        damage(artifact(expected.get("/telephony/rest/resting.ulaw")), Damage.TRUNCATE);
        try (TestServer server = TestServer.start(CONTENT, cache, TestServer.SYNTHESIZER)) {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            // At once: the damaged clip is discarded, so it is listed as not ready (never with the cut size)...
            var ulaw = mapper.readTree(server.get("/api/pages/rest").body()).at("/sections/1/telephone/0/formats/ulaw");
            assertEquals(false, ulaw.get("ready").asBoolean(), ulaw.toString());
            assertTrue(ulaw.path("bytes").isMissingNode(), ulaw.toString());
            // ...and once it is made again, with its real size.
            var resting = mapper.readTree(server.complete("/api/pages/rest").body()).at("/sections/1");
            assertEquals("resting", resting.get("id").asText());
            assertEquals(expected.get("/telephony/rest/resting.ulaw").length, resting.at("/telephone/0/formats/ulaw/bytes").asLong());
        }
    }

    @Test
    void deletingTheCacheWhileServingFreesItsSpaceAndClipsAreRebuilt() throws Exception {
        app.earshot.TestServer.copyTree(healthy, cache);
        try (TestServer server = TestServer.start(CONTENT, cache, TestServer.SYNTHESIZER)) {
            for (String url : KINDS) for (int i = 0; i < 3; i++) ok(server.getBytes(url));
            deleteTree(cache);
            assertEquals(List.of(), heldButDeleted(cache), "deleted cache files still held open or mapped");
            for (String url : KINDS) assertArrayEquals(expected.get(url), ok(server.getBytes(url)), url);
            assertTrue(Files.isRegularFile(artifact(expected.get("/audio/rest/resting.wav"))));
        }
    }

    static Stream<Damage> damages() {
        return Stream.of(Damage.values());
    }

    private void assertServesExactly(TestServer server, String url) {
        for (int i = 0; i < 3; i++) {
            HttpResponse<byte[]> r = server.getBytes(url);
            if (r.statusCode() == 503) {
                assertTrue(r.headers().firstValue("Retry-After").isPresent(), url);
                continue;
            }
            assertEquals(200, r.statusCode(), url);
            assertEquals(String.valueOf(r.body().length), r.headers().firstValue("Content-Length").orElse("?"), url);
            assertArrayEquals(expected.get(url), r.body(), url + " request " + i);
        }
    }

    private static byte[] ok(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), () -> r.uri() + ": " + new String(r.body()));
        return r.body();
    }

    /** The cached file holding exactly these bytes. */
    private Path artifact(byte[] bytes) throws IOException {
        for (Path p : files(cache, "")) {
            if (Files.size(p) == bytes.length && Arrays.equals(bytes, Files.readAllBytes(p))) return p;
        }
        // Already damaged: the only file of that size and kind.
        throw new AssertionError("no cached file holds these " + bytes.length + " bytes");
    }

    /** The captions sidecar whose cues say {@code words}. */
    private Path captionsOf(String words) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path p : files(cache, ".cues.json")) if (Files.readString(p).contains(words)) found.add(p);
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    static void damage(Path file, Damage damage) throws IOException {
        long size = Files.size(file);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            switch (damage) {
                case TRUNCATE -> f.setLength(size / 2);
                case ZERO_FILL -> f.write(new byte[(int) size]);
                case BIT_FLIP -> {
                    f.seek(size / 2);
                    int b = f.read();
                    f.seek(size / 2);
                    f.write(b ^ 0x10);
                }
            }
        }
    }

    static List<Path> files(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix))
                    .filter(p -> !p.getFileName().toString().endsWith(".sum")).toList();
        }
    }


    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Files under {@code root} that this process still maps or holds open after they were deleted. */
    static List<String> heldButDeleted(Path root) throws IOException {
        String prefix = root.toAbsolutePath().toString();
        List<String> held = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
            if (line.contains(prefix)) held.add(line);
        }
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith(prefix)) held.add(target);
                } catch (IOException e) {
                    // closed between listing and reading: not held
                }
            }
        }
        return held;
    }
}
