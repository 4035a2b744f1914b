package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.CountingSynthesizer;
import app.earshot.TestServer;
import app.earshot.snapshot.SnapshotStore;
import app.earshot.narration.Narrator;
import app.earshot.narration.Warmer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import org.junit.jupiter.api.io.TempDir;

/** {@code /healthz} tells the truth: audio progress, and "degraded" with a reason whenever audio cannot be trusted. */
// It sets the system property earshot.health.window to a few seconds, and every store started meanwhile takes it; DiskFullTest
// does the same, and each reads its own /healthz problems within the window it expects: the two never overlap. (The
// other classes that read health problems in this JVM read content problems, which have no window.)
@ResourceLock(value = Resources.SYSTEM_PROPERTIES, mode = ResourceAccessMode.READ_WRITE)
class HealthTest {
    static final Path CONTENT = Path.of("src/test/resources/fixtures/store");

    @TempDir
    Path cache;

    @Test
    void audioProgressCountsSectionsWhoseAudioIsReady() throws Exception {
        try (TestServer server = TestServer.start(CONTENT, cache, TestServer.SYNTHESIZER)) {
            assertEquals(0, health(server).at("/audio/ready").asInt());
            assertEquals(3, health(server).at("/audio/total").asInt());
            server.warm(server.site().pages().get(0));
            assertEquals(3, health(server).at("/audio/ready").asInt());
            assertEquals("ok", health(server).get("status").asText());
        }
    }

    @Test
    void warmingThatStopsIsDegradedWithItsReason() throws Exception {
        CountingSynthesizer broken = new CountingSynthesizer(TestServer.SYNTHESIZER);
        broken.failing(true);
        App.Content content = App.load(CONTENT);
        Narrator narrator = App.narrator(cache, broken);
        Warmer warmer = new Warmer(narrator, 0);
        Javalin app = WebApp.builder(new SnapshotStore(App.snapshot(content)), narrator).warmer(warmer).build()
                .start("127.0.0.1", 0);
        try {
            warmer.run(App.snapshot(content).voicing(), content.site());
            JsonNode health = new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + app.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("degraded", health.get("status").asText());
            assertTrue(health.get("problems").toString().contains("audio warming stopped: engine unavailable"), health.toString());
        } finally {
            app.stop();
        }
    }

    @Test
    void unwritableCacheIsDegradedWithAReason() throws Exception {
        Path file = cache.resolve("not-a-folder");
        Files.writeString(file, "a file where the cache folder should be");
        try (TestServer server = TestServer.start(CONTENT, file, TestServer.SYNTHESIZER)) {
            assertEquals(200, server.get("/audio/rest/resting.wav").statusCode());
            JsonNode health = health(server);
            assertEquals("degraded", health.get("status").asText());
            assertTrue(health.get("problems").toString().contains("cannot be written"), health.toString());
        }
    }

    @Test
    void fileThatKeepsFailingVerificationIsDegraded() throws Exception {
        try (TestServer server = TestServer.start(CONTENT, cache, TestServer.SYNTHESIZER)) {
            damageTheUlawAgainAndAgain(server);
            JsonNode health = health(server);
            assertEquals("degraded", health.get("status").asText());
            assertTrue(health.get("problems").toString().contains("keeps failing verification"), health.toString());
        }
    }

    @Test
    void fileThatKeptFailingVerificationIsOkAgainOnceTheWindowPassesWithNothingFailing() throws Exception {
        // Ten seconds: each of the three rounds makes the clip again, and "keeps failing" counts only discards within the
        // window of each other; with three seconds, rounds slowed by other classes running beside it (load 46) fell apart.
        System.setProperty("earshot.health.window", "PT10S");
        try (TestServer server = TestServer.start(CONTENT, cache, TestServer.SYNTHESIZER)) {
            damageTheUlawAgainAndAgain(server);
            JsonNode health = health(server);
            assertTrue(health.get("problems").toString().contains("verification failed: stored file keeps failing verification"), health.toString());
            // The file is sound now and served again: within the window (ten seconds here, a minute by default) it is ok.
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
            while (!health.get("status").asText().equals("ok") && System.nanoTime() < deadline) {
                Thread.sleep(200);
                assertEquals(200, server.get("/telephony/rest/resting.ulaw").statusCode());
                health = health(server);
            }
            assertEquals("ok", health.get("status").asText(), health.toString());
        } finally {
            System.clearProperty("earshot.health.window");
        }
    }

    /** Serves the section's .ulaw, overwrites it on disk, three times: made again, damaged again. */
    private void damageTheUlawAgainAndAgain(TestServer server) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, server.get("/telephony/rest/resting.ulaw").statusCode());
            try (var files = Files.walk(cache)) {
                for (Path p : files.filter(p -> p.toString().endsWith(".ulaw")).toList()) Files.write(p, new byte[10]);
            }
        }
        assertEquals(200, server.get("/telephony/rest/resting.ulaw").statusCode());
    }

    private static JsonNode health(TestServer server) throws Exception {
        return new ObjectMapper().readTree(server.get("/healthz").body());
    }
}
