package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.messages.Catalogues;
import app.earshot.messages.Messages;
import app.earshot.speech.Speech;
import app.earshot.speech.Synthesizer;
import app.earshot.speech.VoiceSettings;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The errors a reader meets on the bilingual fixture (a page without a voice, a search in a language the library does not
 * publish in, a feed or cover art that is not there) are written in the page's language, or in the reader's
 * Accept-Language where no page is named: in Spanish, every word is the Spanish catalogue's; in English, the English one's.
 * Isolated: its server starts as on a machine without espeak-ng, a system property every class's servers read.
 */
@Isolated
class ErrorLanguageTest {
    static final Messages EN = Catalogues.bundled().forLanguage("en");
    static final Messages ES = Catalogues.bundled().forLanguage("es");

    @TempDir
    static Path cache;
    static TestServer server;

    /** The fixture voice's engine, but saying no voice can be heard here (a machine without espeak-ng, say). */
    static final class Voiceless implements Synthesizer {
        @Override
        public Speech speak(String script, VoiceSettings voice) {
            throw new AssertionError("nothing is spoken without a voice");
        }

        @Override
        public String engineId() {
            return TestServer.SYNTHESIZER.engineId();
        }

        @Override
        public Optional<String> unavailable(String voice) {
            return Optional.of("install espeak-ng (apt-get install espeak-ng): test");
        }

        @Override
        public void close() {
        }
    }

    @BeforeAll
    static void start() {
        server = NoEspeakTest.withoutEspeak(Fixture.BILINGUAL, cache, new Voiceless());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPageWithoutAVoiceSaysSoInItsOwnLanguage() {
        assertPlain(get("/audio/about-ketamine.mp3", null), 404, EN, EN.format("errors.no-voice", "espeak-ng", "/about-ketamine"));
        assertPlain(get("/audio/acerca-de-la-ketamina.mp3", null), 404, ES,
                ES.format("errors.no-voice", "espeak-ng", "/acerca-de-la-ketamina"));
        // The page decides, not the browser.
        assertPlain(get("/audio/acerca-de-la-ketamina.mp3", "en"), 404, ES,
                ES.format("errors.no-voice", "espeak-ng", "/acerca-de-la-ketamina"));
        // ... so the answer does not vary by the browser's languages: a cache may give it to every reader.
        assertFalse(String.join(",", get("/audio/acerca-de-la-ketamina.mp3", "en").headers().allValues("Vary")).contains("Accept-Language"));
    }

    @Test
    void aSearchInALanguageTheLibraryDoesNotPublishInIsRefusedInTheReadersLanguage() {
        assertHtml(get("/search?q=ketamina&lang=fr", null), 400, EN, EN.format("errors.lang", "en, es"));
        assertHtml(get("/search?q=ketamina&lang=fr", "es-ES,es;q=0.9,en;q=0.5"), 400, ES, ES.format("errors.lang", "en, es"));
        assertHtml(get("/search?q=ketamina&lang=fr", "de, en;q=0.5"), 400, EN, EN.format("errors.lang", "en, es"));
        assertEquals(java.util.List.of("Accept-Language"), get("/search?q=ketamina&lang=fr", "es").headers().allValues("Vary"));
    }

    @Test
    void aFeedOrCoverArtThatIsNotThereIsAnsweredInTheReadersLanguage() {
        String feeds = "/feed.xml (en), /feed.es.xml (es)";
        assertHtml(get("/feed.fr.xml", null), 404, EN, EN.format("errors.feeds", feeds));
        assertHtml(get("/feed.fr.xml", "es"), 404, ES, ES.format("errors.feeds", feeds));
        assertHtml(get("/artwork.jpg", null), 404, EN, EN.format("errors.artwork", "/artwork.png"));
        assertHtml(get("/artwork.jpg", "es"), 404, ES, ES.format("errors.artwork", "/artwork.png"));
    }

    @Test
    void anErrorOnASpanishPageIsASpanishPage() {
        assertHtml(get("/acerca-de-la-ketamina/no-existe", null), 404, ES, ES.format("errors.no-section.of", "Acerca de la ketamina"), "Acerca de la ketamina");
        assertHtml(get("/about-ketamine/no-such-section", "es"), 404, EN, EN.format("errors.no-section.of", "About Ketamine"), "About Ketamine");
    }

    @Test
    void aMalformedAcceptLanguageIsTheSitesLanguage() {
        assertHtml(get("/feed.fr.xml", ";;;q=x,,"), 404, EN, EN.format("errors.feeds", "/feed.xml (en), /feed.es.xml (es)"));
    }

    private static HttpResponse<String> get(String path, String acceptLanguage) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)));
        if (acceptLanguage != null) request.header("Accept-Language", acceptLanguage);
        return server.send(request.build());
    }

    /** A plain-text answer: the status, then "heading: text", all in {@code msg}'s language. */
    private static void assertPlain(HttpResponse<String> answer, int status, Messages msg, String text) {
        assertEquals(status, answer.statusCode(), answer.body());
        assertEquals(msg.get("errors." + status) + ": " + text + "\n", answer.body());
        assertOnlyWordsOf(msg, answer.body());
    }

    /**
     * An HTML error page: the status, {@code lang}, its heading and text, all in {@code msg}'s language but for the
     * {@code content} it names (a page's title).
     */
    private static void assertHtml(HttpResponse<String> answer, int status, Messages msg, String text, String... content) {
        assertEquals(status, answer.statusCode(), answer.body());
        Document page = Jsoup.parse(answer.body());
        assertEquals(msg.language(), page.select("html").attr("lang"), answer.body());
        assertEquals(msg.get("errors." + status), page.select("main h1").text());
        assertEquals(text, page.select("main h1 + p").text());
        // The topics it offers are the content's words, in the language's own home ("/es/#topic-...").
        Document words = page.clone();
        for (var topic : words.select("main a[href*='#topic-']")) {
            assertTrue(topic.attr("href").startsWith(msg == ES ? "/es/#topic-" : "/#topic-"), topic.outerHtml());
            topic.remove();
        }
        String said = words.select("main").text();
        for (String c : content) said = said.replace(c, " ");
        assertOnlyWordsOf(msg, said);
        assertFalse(answer.body().contains("Exception"), answer.body());
    }

    /**
     * Every word of {@code text} (paths, tags and package names aside) is in {@code msg}'s catalogue, and none is a word
     * only the other language's catalogue has: no English word in a Spanish answer, and the reverse.
     */
    private static void assertOnlyWordsOf(Messages msg, String text) {
        Messages other = msg == ES ? EN : ES;
        Set<String> own = words(msg);
        Set<String> foreign = words(other);
        foreign.removeAll(own);
        Set<String> said = Arrays.stream(text.replaceAll("\\S*[/.(-]\\S*\\w\\S*", " ").split("[^\\p{L}]+"))
                .filter(w -> w.length() > 1 && !TAGS.contains(w)).map(String::toLowerCase).collect(Collectors.toCollection(TreeSet::new));
        Set<String> strange = new TreeSet<>(said);
        strange.removeAll(own);
        assertTrue(strange.isEmpty(), "not " + msg.language() + " catalogue words: " + strange + " in " + text);
        said.retainAll(foreign);
        assertTrue(said.isEmpty(), "words of the other language: " + said + " in " + text);
    }

    /** The fixture's language tags, named in some answers: codes, not words of either language. */
    static final Set<String> TAGS = Set.of("en", "es");

    private static Set<String> words(Messages msg) {
        Set<String> words = new TreeSet<>();
        for (String key : msg.keys()) {
            for (String w : msg.get(key).split("[^\\p{L}]+")) if (w.length() > 1) words.add(w.toLowerCase());
        }
        return words;
    }
}
