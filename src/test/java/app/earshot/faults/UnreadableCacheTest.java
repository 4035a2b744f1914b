package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.earshot.TestServer;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 items 5 and 7: every cached file made unreadable (chmod 000) under a running server. The tests run as root,
 * which reads any file whatever its mode, so the server runs in its own JVM started through {@code setpriv} without the
 * capabilities that let root ignore file modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): it is still uid 0, so it reads
 * the build's class path, but a mode-000 file is as unreadable to it as to a non-root server. Each request must get the
 * right bytes (rebuilt) or 503 with Retry-After, never a 500; pages keep answering; {@code /healthz} names the problem,
 * then returns to ok once the health window (five seconds here, a minute by default) passes with nothing failing.
 */
class UnreadableCacheTest {
    static final List<String> MEDIA = List.of("/audio/rest/resting.wav", "/audio/rest/resting.mp3", "/audio/rest/resting.vtt",
            "/telephony/rest/resting.ulaw", "/audio/rest.mp3", "/rest.epub");

    @TempDir
    Path cache;

    private Process server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroyForcibly();
            server.waitFor();
        }
        Files.deleteIfExists(log());
    }

    /** The server's output, beside its cache folder (so that the server's files are the only ones in the cache). */
    private Path log() {
        return cache.resolveSibling(cache.getFileName() + ".log");
    }

    @Test
    void unreadableFilesAnswerRebuiltBytesOr503AndHealthNamesThemThenHeals() throws Exception {
        assumeTrue(new File("/usr/bin/setpriv").canExecute(), "setpriv (util-linux) is needed to drop root's file-mode override");
        Map<String, byte[]> good = new java.util.HashMap<>();
        try (TestServer healthy = TestServer.start(DamagedCacheTest.CONTENT, cache, TestServer.SYNTHESIZER)) {
            for (String url : MEDIA) good.put(url, ok(healthy.getBytes(url)));
        }
        int port = freePort();
        server = serve(port);
        String base = "http://127.0.0.1:" + port;
        awaitUp(base);
        for (String url : MEDIA) assertArrayEquals(good.get(url), ok(get(base + url)), url);
        // The server's own warming (the sections MEDIA does not name) is over before the files turn unreadable, so the
        // health seen below is the requests' alone (warming that meets an unreadable file skips it and tries it again
        // later: UnreadableWarmingTest).
        app.earshot.Await.until(Duration.ofSeconds(120), () -> healthOf(base).contains("\"warming\":\"done\""), "the server's warming done");

        List<Path> stored = storedFiles();
        assertTrue(stored.size() >= MEDIA.size(), "the cache holds the files: " + stored);
        for (Path file : stored) Files.setPosixFilePermissions(file, Set.of());
        assertTrue(unreadableToTheServer(stored.get(0)), "the server's process must not be able to read a mode-000 file");

        // Asked at once after the first request met an unreadable file, well within the window however loaded the machine.
        assertRightOr503(get(base + MEDIA.get(0)), good.get(MEDIA.get(0)), MEDIA.get(0));
        String health = new String(get(base + "/healthz").body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(health.contains("\"degraded\"") && health.contains("unreadable"), health);
        for (int round = 0; round < 2; round++) {
            for (String url : MEDIA) {
                assertRightOr503(get(base + url), good.get(url), url);
                assertRightOr503(get(base + url, "Range", "bytes=10-99"), java.util.Arrays.copyOfRange(good.get(url), 10, 100), url + " range");
            }
            assertEquals(200, get(base + "/rest").statusCode(), "the page keeps answering");
            assertEquals(200, get(base + "/rest/transcript").statusCode(), "the transcript keeps answering");
            assertEquals(200, get(base + "/rest/resting").statusCode(), "the section page keeps answering");
        }

        // Every file is served again (rebuilt, readable): once the window passes with nothing failing, health is ok.
        for (String url : MEDIA) assertArrayEquals(good.get(url), ok(get(base + url)), url + " after healing");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!health.contains("\"ok\"") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            for (String url : MEDIA) ok(get(base + url));
            health = new String(get(base + "/healthz").body(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(health.contains("\"status\":\"ok\""), health);
    }

    private String healthOf(String base) {
        try {
            return new String(get(base + "/healthz").body(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError(base + "/healthz", e);
        }
    }

    private static void assertRightOr503(HttpResponse<byte[]> r, byte[] expected, String what) {
        assertNotEquals(500, r.statusCode(), what + ": " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        if (r.statusCode() == 503) {
            assertTrue(r.headers().firstValue("Retry-After").isPresent(), what + " 503 without Retry-After");
        } else {
            assertTrue(r.statusCode() == 200 || r.statusCode() == 206, what + ": status " + r.statusCode());
            assertArrayEquals(expected, r.body(), what);
        }
    }

    private boolean unreadableToTheServer(Path file) throws Exception {
        Process cat = new ProcessBuilder(command(List.of("cat", file.toString()))).redirectErrorStream(true).start();
        cat.getInputStream().readAllBytes();
        return cat.waitFor() != 0;
    }

    private List<Path> storedFiles() throws Exception {
        try (Stream<Path> all = Files.walk(cache)) {
            return all.filter(Files::isRegularFile).toList();
        }
    }

    private Process serve(int port) throws Exception {
        // Warming from the start (no 1.5 s delay): the test waits for it to be done before the files lose their mode.
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dearshot.health.window=PT5S", "-Dearshot.warm.delay.ms=0"));
        for (String option : ServerJvm.options().split(" ")) if (!option.isEmpty()) java.add(option);
        java.addAll(List.of("-cp", ServerJvm.classPath(), "app.earshot.Earshot", "serve", "--port", Integer.toString(port),
                "--content", DamagedCacheTest.CONTENT.toString(), "--audio-cache", cache.toString()));
        return new ProcessBuilder(command(java)).redirectErrorStream(true)
                .redirectOutput(log().toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** {@code argv} run as root without the capabilities that let root read and search whatever the mode says. */
    private static List<String> command(List<String> argv) {
        List<String> all = new ArrayList<>(Origin.WITHOUT_MODE_OVERRIDE);
        all.addAll(argv);
        return all;
    }

    /** At most three minutes, as {@link Origin#awaitUp()}: a loaded machine took over a minute to start a server. */
    private void awaitUp(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(server.isAlive(), "server exited: " + Files.readString(log()));
            try {
                if (get(base + "/healthz").statusCode() == 200) return;
            } catch (java.io.IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("server did not start within 3 minutes: " + Files.readString(log()));
    }

    private HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (headers.length > 0) b.headers(headers);
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] ok(HttpResponse<byte[]> r) {
        assertEquals(200, r.statusCode(), () -> new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        return r.body();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
