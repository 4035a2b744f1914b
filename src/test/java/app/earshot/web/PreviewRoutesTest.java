package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code serve --preview}: the authors' pronunciation preview, and that a normal server has none of it. */
class PreviewRoutesTest {
    static final Path FIXTURE = Path.of("src/test/resources/speech-check");
    static TestServer preview;
    static TestServer plain;

    @BeforeAll
    static void start() {
        preview = TestServer.startWithPreview(FIXTURE);
        plain = TestServer.start(FIXTURE);
    }

    @AfterAll
    static void stop() {
        preview.close();
        plain.close();
    }

    @Test
    void previewDoesNotExistWithoutTheFlag() {
        assertEquals(404, plain.get("/preview/nasal-spray").statusCode());
        assertEquals(404, plain.get("/preview/nasal-spray/words/0.wav").statusCode());
    }

    @Test
    void apiHasNoGuessedWordsWithoutTheFlag() throws Exception {
        assertFalse(new ObjectMapper().readTree(plain.get("/api/pages/nasal-spray").body()).has("guessedWords"));
    }

    @Test
    void previewMarksExactlyTheGuessedWordsInTheSpokenScript() {
        Document doc = preview.html("/preview/nasal-spray");
        assertEquals(List.of("Spravato", "Spravato", "Neurobiological", "neurobiological"), doc.select("td mark").eachText());
    }

    @Test
    void previewShowsTheSpokenScriptBesideTheWrittenText() {
        Element row = preview.html("/preview/nasal-spray").select("caption:contains(How it is given) ~ tbody tr").get(1);
        assertTrue(row.child(0).text().startsWith("The spray is given at the clinic under the REMS program."), row.text());
        assertTrue(row.child(1).text().startsWith("The spray is given at the clinic under the R-E-M-S program."), row.text());
        assertTrue(row.child(1).text().contains("need an I-V line."), row.text());
    }

    @Test
    void eachGuessedWordHasAHeadingPhonesAndAPlayer() {
        Document doc = preview.html("/preview/nasal-spray");
        assertEquals(List.of("Spravato", "Neurobiological", "neurobiological"), doc.select("#guessed-heading ~ h3").eachText());
        assertEquals("s p r aa1 v aa1 t ow", doc.selectFirst("#word-0 + dl code").text());
        assertEquals("/preview/nasal-spray/words/1.suggested.wav", doc.select("audio source").get(2).attr("src"));
    }

    @Test
    void plsSnippetIsReadyToCopy() {
        String pls = preview.html("/preview/nasal-spray").selectFirst("pre code").wholeText();
        assertTrue(pls.contains("<lexeme>\n    <grapheme>Neurobiological</grapheme>\n    <grapheme>neurobiological</grapheme>\n"
                + "    <alias>neuro-biological</alias>\n  </lexeme>"), pls);
    }

    @Test
    void wordClipsAreWavAsSaidNowAndWithTheSuggestedAlias() throws Exception {
        for (String path : List.of("/preview/nasal-spray/words/0.wav", "/preview/nasal-spray/words/1.suggested.wav")) {
            HttpResponse<byte[]> r = preview.getBytes(path);
            assertEquals(200, r.statusCode(), path);
            assertEquals("audio/wav", r.headers().firstValue("Content-Type").orElse(""));
            AudioInputStream audio = AudioSystem.getAudioInputStream(new ByteArrayInputStream(r.body()));
            assertTrue(audio.getFrameLength() / audio.getFormat().getFrameRate() > 0.3, path);
        }
    }

    @Test
    void suggestedClipDiffersFromTheClipAsSaidNow() {
        assertFalse(java.util.Arrays.equals(preview.getBytes("/preview/nasal-spray/words/1.wav").body(),
                preview.getBytes("/preview/nasal-spray/words/1.suggested.wav").body()));
    }

    @Test
    void clipsThatDoNotExistAreNotFound() {
        assertEquals(404, preview.get("/preview/nasal-spray/words/0.suggested.wav").statusCode());
        assertEquals(404, preview.get("/preview/nasal-spray/words/99.wav").statusCode());
        assertEquals(404, preview.get("/preview/nasal-spray/words/..%2F..%2Fsite.yaml").statusCode());
        assertEquals(404, preview.get("/preview/no-such-page").statusCode());
    }

    @Test
    void apiGainsGuessedWordsWithTheFlag() throws Exception {
        JsonNode page = new ObjectMapper().readTree(preview.get("/api/pages/nasal-spray").body());
        assertEquals("Spravato", page.at("/guessedWords/0/word").asText());
        assertEquals("[8,14]", page.at("/guessedWords/0/lines").toString());
        assertEquals("neuro-biological", page.at("/guessedWords/1/suggestion/alias").asText());
    }
}
