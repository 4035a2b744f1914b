package app.earshot.making;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.narration.Narrator;
import app.earshot.narration.Warmer;
import app.earshot.snapshot.Snapshot;
import app.earshot.snapshot.SnapshotStore;
import app.earshot.speech.Speech;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One person alone on a server that has just started, with warming under way on its one production slot (as
 * {@code earshot serve} sets it up on two cores): every rendering asked for in turn is answered, never 503.
 */
class LoneListenerTest {
    static final Path SITE = Path.of("src/test/resources/hostile/site");

    /** The real voice; the first synthesis (warming's) takes longer than a request may wait, until released. */
    static final class SlowFirstSynthesis implements Synthesizer {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public Speech speak(String script, VoiceSettings voice) {
            if (entered.getCount() > 0) {
                entered.countDown();
                try {
                    release.await(8, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return TestServer.SYNTHESIZER.speak(script, voice);
        }

        @Override
        public String engineId() {
            return TestServer.SYNTHESIZER.engineId();
        }

        @Override
        public void close() {}
    }

    final SlowFirstSynthesis synthesizer = new SlowFirstSynthesis();
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Javalin app;

    @AfterEach
    void stop() {
        synthesizer.release.countDown();
        if (app != null) app.stop();
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aLoneListenerOnAWarmingServerIsNeverTurnedAway(@TempDir Path cache) throws Exception {
        Snapshot snapshot = App.snapshot(App.load(SITE));
        Narrator narrator = App.narrator(cache, synthesizer, new Maker(1, 4000, 64));
        Warmer warmer = new Warmer(narrator, 0);
        app = App.create(new SnapshotStore(snapshot), narrator).start("127.0.0.1", 0);
        warmer.start(snapshot.voicing(), snapshot.site());
        assertTrue(synthesizer.entered.await(30, TimeUnit.SECONDS), "warming is making the first section");

        HttpResponse<String> transcript = get("/aftercare/eating/transcript");
        assertEquals(200, transcript.statusCode(), transcript.body());
        assertTrue(Jsoup.parse(transcript.body()).select("ol.transcript li").size() > 0, transcript.body());
        for (String path : new String[] {"/audio/aftercare/eating.mp3", "/aftercare/transcript", "/audio/aftercare.mp3",
                "/aftercare.epub", "/aftercare.m3u", "/aftercare.m3u8"}) {
            HttpResponse<String> answer = get(path);
            assertEquals(200, answer.statusCode(), path + ": " + answer.body());
            if (path.endsWith("eating.mp3")) synthesizer.release.countDown();
        }
    }
}
