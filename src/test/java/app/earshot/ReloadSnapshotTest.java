package app.earshot;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits to the lexicon and the speech settings reach every route that shows spoken words or plays prompts, at once. */
class ReloadSnapshotTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/store");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path content;
    @TempDir
    Path cache;
    TestServer server;
    ContentWatcher watcher;

    @BeforeEach
    void start() throws Exception {
        TestServer.copyTree(FIXTURE, content);
        server = TestServer.start(content, cache, TestServer.SYNTHESIZER);
        watcher = new ContentWatcher(content, server.store(), snapshot -> {}).start();
    }

    @AfterEach
    void stop() {
        watcher.close();
        server.close();
    }

    @Test
    void lexiconEditChangesTheIndexsSpokenTextAndTheVoiceXmlFallbackWords() throws Exception {
        assertTrue(spokenText().contains("N-M-D-A"), spokenText());
        assertTrue(vxmlWords().contains("N-M-D-A"));
        editLexicon("<alias>N-M-D-A</alias>", "<alias>N M D A</alias>");
        Await.until(Duration.ofSeconds(10), () -> spokenText().contains("N M D A effect"), "the spoken text follows the lexicon");
        assertTrue(vxmlWords().contains("N M D A effect") && !vxmlWords().contains("N-M-D-A"), vxmlWords());
    }

    @Test
    void rateEditChangesTheTelephonePromptsAtOnce() throws Exception {
        String before = promptUrl();
        byte[] oldSound = server.getBytes(before).body();
        Path site = content.resolve("site.yaml");
        Files.writeString(site, Files.readString(site).replace("normal: 150", "normal: 170"));
        Await.until(Duration.ofSeconds(10), () -> !promptUrl().equals(before), "the prompt's URL version follows its sound");
        byte[] newSound = server.getBytes(promptUrl()).body();
        assertNotEquals(oldSound.length, newSound.length, "a faster voice makes a shorter prompt");
    }

    private void editLexicon(String from, String to) throws Exception {
        Path pls = content.resolve("lexicon.pls");
        Files.writeString(pls, Files.readString(pls).replace(from, to));
    }

    private String spokenText() {
        return index().at("/sections/1/spokenText").asText();
    }

    /** The first prompt's URL once the prompt is made (before then the API lists it without a version). */
    private String promptUrl() {
        // Waits for this one prompt, not for every rendering of the page the index also makes in the background.
        String url = Await.value(Duration.ofSeconds(180), () -> index().at("/ivr/prompts/0/telephone/ulaw.wav/url").asText(),
                u -> u.contains("?v="), "the first prompt is made");
        return url.substring(url.indexOf("/telephony/"));
    }

    private JsonNode index() {
        try {
            return JSON.readTree(server.get("/api/pages/rest").body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private String vxmlWords() {
        return Jsoup.parse(server.get("/ivr/rest.vxml").body(), "", Parser.xmlParser()).select("audio").eachText().toString();
    }
}
