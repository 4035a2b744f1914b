package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.audio.Wav;
import app.earshot.speech.FreeTtsSynthesizer;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults a real deployment meets: a killed process, an unwritable cache, a saturated synthesizer. */
class FaultsTest {
    @TempDir
    Path cache;

    @Test
    void killedDuringWarmLeavesOnlyCompleteClipsAndARestartFinishesAndCleansUp() throws Exception {
        Process warm = earshot("warm", "--content", Fixture.SITE.toString(), "--audio-cache", cache.toString());
        try (BufferedReader out = new BufferedReader(new InputStreamReader(warm.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("warm: 2/")) {
                // wait until work is under way
            }
        }
        warm.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no cleanup
        assertTrue(warm.waitFor(30, TimeUnit.SECONDS));
        assertEveryFinishedClipIsValid();
        // A crash leftover from a writer that no longer exists, as a kill mid-write leaves it.
        Path shard = Files.list(cache).filter(Files::isDirectory).findFirst().orElseThrow();
        Path leftover = shard.resolve("0".repeat(64) + ".wav.p" + deadPid() + ".abc.tmp");
        Files.write(leftover, new byte[]{'R', 'I', 'F'});

        Process again = earshot("warm", "--content", Fixture.SITE.toString(), "--audio-cache", cache.toString());
        String output = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(again.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, again.exitValue(), output);
        assertTrue(output.contains("warm: done"), output);
        assertFalse(Files.exists(leftover), "stray temp file not cleaned up");
        assertEquals(List.of(), files(".tmp"));
        assertEquals(Fixture.sectionCount() + 1, files(".wav").size(), "every section and the whole page");
        assertEveryFinishedClipIsValid();
    }

    @Test
    void unwritableCacheStillServesAudioAndPages() throws Exception {
        Path notADirectory = cache.resolve("audio-cache");
        Files.writeString(notADirectory, "a file where the cache folder should be");
        try (TestServer server = TestServer.start(Fixture.SITE, notADirectory, TestServer.SYNTHESIZER)) {
            HttpResponse<byte[]> clip = server.getBytes(HttpRequest.newBuilder(URI.create(server.url("/audio/about-ketamine/fda-breakthrough-status.wav"))));
            assertEquals(200, clip.statusCode());
            assertEquals(16000, Wav.inspect(clip.body()).sampleRate());
            assertEquals(200, server.get("/about-ketamine").statusCode());
        }
    }

    @Test
    void saturatedSynthesisPoolAnswers503WithRetryAfterInsteadOfQueueingForever() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(11);
        try (FreeTtsSynthesizer oneVoice = new FreeTtsSynthesizer(1, Duration.ofMillis(1));
             TestServer server = TestServer.start(Fixture.SITE, cache, oneVoice)) {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (var section : server.site().pages().get(0).sections()) {
                answers.add(clients.submit(() -> server.get("/audio/about-ketamine/" + section.id() + ".wav")));
            }
            int busy = 0;
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                assertTrue(r.statusCode() == 200 || r.statusCode() == 503, "status " + r.statusCode());
                if (r.statusCode() == 503) {
                    busy++;
                    assertTrue(r.headers().firstValue("Retry-After").isPresent());
                }
            }
            assertTrue(busy > 0, "eleven simultaneous syntheses on one voice with a 1 ms wait should turn some away");
            assertEquals(200, server.get("/about-ketamine").statusCode());
        } finally {
            clients.shutdownNow();
        }
    }

    private void assertEveryFinishedClipIsValid() throws Exception {
        for (Path wav : files(".wav")) Wav.inspect(wav);
    }

    private List<Path> files(String suffix) throws Exception {
        try (Stream<Path> all = Files.walk(cache)) {
            return all.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) pid++;
        return pid;
    }

    /** Runs the real command line in its own JVM, with the test run's classpath. */
    private static Process earshot(String... args) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, "app.earshot.Earshot"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }
}
