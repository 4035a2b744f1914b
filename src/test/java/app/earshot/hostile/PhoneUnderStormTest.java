package app.earshot.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.making.Maker;
import app.earshot.snapshot.SnapshotStore;
import app.earshot.ivr.VoiceXmlValidator;
import app.earshot.narration.Narrator;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import app.earshot.Await;
import java.time.Duration;
import java.util.List;
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
 * The phone lines during a synthesis storm: with the one production slot held by a synthesis that does not finish,
 * every TwiML and VoiceXML answer still comes at once with 200, saying the words of every clip not made yet, and the
 * clips are made in the background once the slot frees.
 */
class PhoneUnderStormTest {
    final app.earshot.HeldSynthesizer synthesizer = new app.earshot.HeldSynthesizer(TestServer.SYNTHESIZER);
    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Javalin app;
    CompletableFuture<Void> held;

    @BeforeEach
    void start(@TempDir Path cache) throws Exception {
        App.Content content = App.load(HostileBodyTest.SITE);
        Narrator narrator = App.narrator(cache, synthesizer, new Maker(1, 300, 4));
        app = App.create(new SnapshotStore(App.snapshot(content)), narrator).start("127.0.0.1", 0);
        held = CompletableFuture.runAsync(() -> send("GET", "/audio/aftercare/getting-home.wav"));
        assertTrue(synthesizer.entered.await(20, TimeUnit.SECONDS), "the slot was never taken");
    }

    @AfterEach
    void stop() throws Exception {
        synthesizer.release.countDown();
        held.get(30, TimeUnit.SECONDS);
        // Stopping waits for the clip the line is making in the background, so nothing writes to the cache after.
        app.stop();
    }

    HttpResponse<String> send(String method, String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).timeout(Duration.ofSeconds(20));
            request = method.equals("POST") ? request.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA1&Digits=1")) : request.GET();
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> said(String twiml) {
        return Jsoup.parse(twiml, "", Parser.xmlParser()).select("Say").eachText();
    }

    @Test
    void twimlSaysThePromptsWordsInTheSitesLanguageInsteadOf503() {
        for (String path : List.of("/ivr/twiml", "/ivr/aftercare/twiml")) {
            HttpResponse<String> answer = send("GET", path);
            assertEquals(200, answer.statusCode(), path);
            Document doc = Jsoup.parse(answer.body(), "", Parser.xmlParser());
            assertTrue(doc.select("Gather > Say").first().text().startsWith("Aftercare."), answer.body());
            assertEquals("en-US", doc.select("Say").attr("language"));
            assertTrue(doc.select("Play").isEmpty(), answer.body());
        }
    }

    @Test
    void aChosenSectionIsReadOutWhileItsClipIsMade() {
        HttpResponse<String> answer = send("POST", "/ivr/aftercare/twiml");
        assertEquals(200, answer.statusCode());
        assertTrue(said(answer.body()).get(0).contains("Rest for the remainder"), answer.body());
    }

    @Test
    void voiceXmlIsValidWithThePromptsAsText() throws Exception {
        for (String path : List.of("/ivr.vxml", "/ivr/aftercare.vxml")) {
            HttpResponse<String> answer = send("GET", path);
            assertEquals(200, answer.statusCode(), path);
            assertEquals(List.of(), VoiceXmlValidator.schemaErrors(answer.body()), path);
            Document doc = Jsoup.parse(answer.body(), "", Parser.xmlParser());
            // The first prompt a caller arriving at the first form hears (variant v==0; others are help and retries).
            var heard = doc.select("form").first().select("prompt").stream()
                    .filter(p -> !p.hasAttr("cond") || java.util.List.of(p.attr("cond").split("\\|\\|")).contains("v==0")).findFirst().orElseThrow();
            assertTrue(heard.ownText().startsWith("Aftercare."), answer.body());
        }
    }

    @Test
    void theClipsAreMadeInTheBackgroundOnceTheSlotFrees() throws Exception {
        assertFalse(said(send("GET", "/ivr/twiml").body()).isEmpty());
        synthesizer.release.countDown();
        String body = Await.value(Duration.ofSeconds(60), () -> send("GET", "/ivr/twiml").body(), b -> said(b).isEmpty(),
                "the line's clips are all made");
        assertEquals(List.of(), said(body));
        assertTrue(body.contains("/telephony/aftercare/prompts/menu.wav?v="), body);
    }
}
