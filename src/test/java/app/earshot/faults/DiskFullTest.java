package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import app.earshot.TestServer;
import app.earshot.audio.Mp3;
import app.earshot.audio.Wav;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 items 6 and 7: the audio cache on a small tmpfs, filled to the last byte while the server runs. Every
 * request for audio not made yet answers the right kind of bytes (held in memory) or 503 with Retry-After, never a 500;
 * pages keep answering; {@code /healthz} says "disk full", and once space is freed and nothing fails for the health
 * window (five seconds here, a minute by default) it says ok again.
 */
// It sets the system property earshot.health.window to a few seconds, and every store started meanwhile takes it; HealthTest
// does the same, and each reads its own /healthz problems within the window it expects: the two never overlap. (The
// other classes that read health problems in this JVM read content problems, which have no window.)
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
class DiskFullTest {
    static final List<String> MEDIA = List.of("/audio/rest/resting.wav", "/audio/rest/resting.mp3", "/audio/rest/resting.vtt",
            "/telephony/rest/resting.ulaw", "/audio/rest.mp3", "/audio/rest/driving.mp3", "/rest.epub");

    @TempDir
    Path dir;

    private Path mounted;

    @AfterEach
    void unmount() throws Exception {
        System.clearProperty("earshot.health.window");
        if (mounted != null) run("umount", "-l", mounted.toString());
    }

    @Test
    void aFullDiskAnswers503WithRetryAfterNot500AndHealthSaysSoThenHeals() throws Exception {
        Path cache = dir.resolve("cache");
        Files.createDirectories(cache);
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", cache.toString()) == 0,
                "mounting a small tmpfs needs root (CAP_SYS_ADMIN)");
        mounted = cache;
        System.setProperty("earshot.health.window", "PT5S");
        try (TestServer server = TestServer.start(DamagedCacheTest.CONTENT, cache, TestServer.SYNTHESIZER)) {
            Path filler = fill(cache);
            String health = "";
            for (String url : MEDIA) {
                HttpResponse<byte[]> r = server.getBytes(url);
                String body = new String(r.body(), StandardCharsets.UTF_8);
                assertNotEquals(500, r.statusCode(), url + ": " + body);
                if (r.statusCode() == 503) {
                    assertTrue(r.headers().firstValue("Retry-After").isPresent(), url + " 503 without Retry-After");
                } else {
                    assertEquals(200, r.statusCode(), url + ": " + body);
                    check(url, r.body());
                }
                // Asked right after each request until it names the problem (a file warmed before the disk filled up
                // needs no write), so always well within the window however loaded the machine.
                if (!health.contains("disk full")) health = server.get("/healthz").body();
            }
            assertEquals(200, server.get("/rest").statusCode(), "the page keeps answering");
            assertEquals(200, server.get("/rest/transcript").statusCode(), "the transcript keeps answering");
            assertTrue(health.contains("\"degraded\"") && health.contains("disk full"), health);

            Files.delete(filler);
            for (String url : MEDIA) {
                HttpResponse<byte[]> r = server.getBytes(url);
                assertEquals(200, r.statusCode(), url + " once there is space again");
                check(url, r.body());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!health.contains("\"status\":\"ok\"") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                health = server.get("/healthz").body();
            }
            assertTrue(health.contains("\"status\":\"ok\""), health);
        }
    }

    private static void check(String url, byte[] body) throws IOException {
        if (url.endsWith(".wav")) assertTrue(Wav.inspect(body).seconds() > 0.5, url);
        if (url.endsWith(".mp3")) assertTrue(Mp3.inspect(body).seconds() > 0.5, url);
        if (url.endsWith(".vtt")) assertTrue(new String(body, StandardCharsets.UTF_8).startsWith("WEBVTT"), url);
        if (url.endsWith(".ulaw") || url.endsWith(".epub")) assertTrue(body.length > 1000, url);
    }

    /** Writes one file until the file system refuses: "No space left on device". */
    private static Path fill(Path cache) throws IOException {
        Path filler = cache.resolve("filler");
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            assertTrue(String.valueOf(e.getMessage()).contains("No space left on device"), e.toString());
        }
        return filler;
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }
}
