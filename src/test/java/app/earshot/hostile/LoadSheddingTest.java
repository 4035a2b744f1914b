package app.earshot.hostile;

import app.earshot.HeldSynthesizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.making.Maker;
import app.earshot.snapshot.SnapshotStore;
import app.earshot.narration.Narrator;
import app.earshot.narration.TelephoneFormat;
import io.javalin.Javalin;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import app.earshot.Await;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Load shedding against a started server whose one production slot is held by a synthesis that does not finish
 * until the test lets it: new audio is refused at once with 503 and Retry-After, while pages and the feed answer.
 */
class LoadSheddingTest {
    final HeldSynthesizer synthesizer = new HeldSynthesizer(TestServer.SYNTHESIZER);
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Javalin app;
    Narrator narrator;

    @BeforeEach
    void start(@TempDir Path cache) throws Exception {
        App.Content content = App.load(HostileBodyTest.SITE);
        narrator = App.narrator(cache, synthesizer, new Maker(1, 300, 4));
        app = App.create(new SnapshotStore(App.snapshot(content)), narrator).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        synthesizer.release.countDown();
        app.stop();
    }

    private HttpResponse<String> getQuietly(String path) {
        try {
            return get(path);
        } catch (Exception e) {
            throw new AssertionError(path, e);
        }
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Starts a request whose synthesis holds the only production slot until the test releases it. */
    CompletableFuture<HttpResponse<String>> holdTheSlot() throws Exception {
        CompletableFuture<HttpResponse<String>> held = CompletableFuture.supplyAsync(() -> {
            try {
                return get("/audio/aftercare/getting-home.wav");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(synthesizer.entered.await(20, TimeUnit.SECONDS), "the first synthesis never started");
        return held;
    }

    @Test
    void newAudioIsRefusedWith503AndRetryAfterWhileEveryProducerIsBusy() throws Exception {
        CompletableFuture<HttpResponse<String>> held = holdTheSlot();
        HttpResponse<String> refused = get("/audio/aftercare/eating.mp3");
        assertEquals(503, refused.statusCode());
        assertTrue(Integer.parseInt(refused.headers().firstValue("Retry-After").orElse("0")) >= 1, refused.headers().toString());
        synthesizer.release.countDown();
        assertEquals(200, held.get(30, TimeUnit.SECONDS).statusCode());
    }

    @Test
    void pagesDoNotWaitBehindSynthesis() throws Exception {
        holdTheSlot();
        assertEquals(200, get("/aftercare").statusCode());
        assertEquals(200, get("/aftercare/eating").statusCode());
        assertEquals(200, get("/healthz").statusCode());
    }

    @Test
    void feedAnswersAtOnceWithOnlyReadyAudioAndSaysHowManyArePending() throws Exception {
        holdTheSlot();
        HttpResponse<String> feed = get("/feed.xml");
        Document rss = Jsoup.parse(feed.body(), "", Parser.xmlParser());
        assertEquals(200, feed.statusCode());
        assertEquals(0, rss.select("item").size());
        // Episodes are the page's three sections (the whole page is not an episode of its own).
        assertEquals("3", feed.headers().firstValue("X-Episodes-Pending").orElse(""));
        assertTrue(rss.selectFirst("channel > description").text().contains("3 episodes are still being recorded"), feed.body());
    }

    @Test
    void feedIsCompleteOnceWarmingFinishes() throws Exception {
        synthesizer.release.countDown();
        new app.earshot.narration.Warmer(narrator, 0).page(App.snapshot(App.load(HostileBodyTest.SITE)).voicing(), App.load(HostileBodyTest.SITE).site().pages().get(0), () -> {});
        HttpResponse<String> feed = get("/feed.xml");
        assertEquals(3, Jsoup.parse(feed.body(), "", Parser.xmlParser()).select("item").size());
        assertTrue(feed.headers().firstValue("X-Episodes-Pending").isEmpty());
    }

    @Test
    void apiAnswersAtOnceListingAudioNotYetMadeAsNotReady() throws Exception {
        holdTheSlot();
        HttpResponse<String> api = get("/api/pages/aftercare");
        assertEquals(200, api.statusCode(), api.body());
        JsonNode page = JSON.readTree(api.body());
        List<JsonNode> audio = renderings(page, r -> r.get("mediaType").asText().startsWith("audio/"));
        assertTrue(audio.size() > 20 && audio.stream().noneMatch(r -> r.get("ready").asBoolean()), audio.toString());
        assertTrue(audio.stream().noneMatch(r -> r.has("bytes") || r.has("seconds") || r.has("etag")), audio.toString());
        // Pending: every rendering listed as not ready, and the telephone codecs of sections whose parts are not known yet.
        int unknownParts = 0;
        for (JsonNode section : page.get("sections")) if (section.get("telephone").isEmpty()) unknownParts++;
        assertEquals(3, unknownParts);
        assertEquals(renderings(page, r -> !r.get("ready").asBoolean()).size() + unknownParts * TelephoneFormat.values().length,
                page.get("pending").asInt());
        assertEquals(page.get("pending").asText(), api.headers().firstValue("X-Renderings-Pending").orElse(""));
    }

    @Test
    void wholeApiAnswersAtOnceAndCountsWhatIsPending() throws Exception {
        holdTheSlot();
        HttpResponse<String> api = get("/api/pages");
        JsonNode all = JSON.readTree(api.body());
        assertEquals(200, api.statusCode());
        assertEquals(all.get("pages").get(0).get("pending").asInt(), all.get("pending").asInt());
        assertEquals(all.get("pending").asText(), api.headers().firstValue("X-Renderings-Pending").orElse(""));
    }

    @Test
    void apiIsCompleteOnceItsAudioIsMadeWithSizesThatMatchWhatIsServed() throws Exception {
        synthesizer.release.countDown();
        new app.earshot.narration.Warmer(narrator, 0).page(App.snapshot(App.load(HostileBodyTest.SITE)).voicing(), App.load(HostileBodyTest.SITE).site().pages().get(0), () -> {});
        JsonNode page = JSON.readTree(complete("/api/pages/aftercare").body());
        assertEquals(0, page.get("pending").asInt());
        for (JsonNode r : renderings(page, r -> true)) {
            HttpResponse<byte[]> served = client.send(HttpRequest.newBuilder(URI.create(r.get("url").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertTrue(r.get("ready").asBoolean(), r.toString());
            assertEquals(r.get("bytes").asText(), served.headers().firstValue("Content-Length").orElse(""), r.toString());
            assertEquals(r.get("bytes").asInt(), served.body().length, r.toString());
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    /** The API answer once nothing in it is pending (it makes the rest in the background). */
    HttpResponse<String> complete(String path) throws Exception {
        return Await.value(Duration.ofSeconds(180), () -> getQuietly(path), r -> r.headers().firstValue("X-Renderings-Pending").isEmpty(),
                path + " has nothing pending");
    }

    /** Every rendering (an object with a "url" and a "ready") below {@code node} that {@code which} accepts. */
    static List<JsonNode> renderings(JsonNode node, java.util.function.Predicate<JsonNode> which) {
        List<JsonNode> out = new java.util.ArrayList<>();
        if (node.has("url") && node.has("ready") && which.test(node)) out.add(node);
        node.forEach(child -> out.addAll(renderings(child, which)));
        return out;
    }
}
