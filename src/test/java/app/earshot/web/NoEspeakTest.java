package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.speech.EspeakSynthesizer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.io.TempDir;

/** A machine without espeak-ng: English is heard as before, Spanish pages are served as text and say why they are not. */
// Alone: it sets the system property earshot.espeak.library to a missing file, and while it is set every server that
// starts (or answers /healthz, or runs check) in this JVM finds no eSpeak NG, whichever class it belongs to.
@Isolated
class NoEspeakTest {
    static final String SPANISH = "/acerca-de-la-ketamina";

    @TempDir
    static Path dir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = withoutEspeak(SpanishNarrationTest.SITE, dir.resolve("cache"), TestServer.SYNTHESIZER);
    }

    /** A server on {@code site} as on a machine without espeak-ng: its library's property names a missing file. */
    static TestServer withoutEspeak(Path site, Path cache, app.earshot.speech.Synthesizer english) {
        System.setProperty(EspeakSynthesizer.LIBRARY_PROPERTY, "/nonexistent/libespeak-ng.so.1");
        try {
            return TestServer.start(site, cache, english);
        } finally {
            System.clearProperty(EspeakSynthesizer.LIBRARY_PROPERTY);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void spanishPageIsTextWithNoListenControlsOrAudioLinks() {
        Document page = server.html(SPANISH);
        assertFalse(page.select("main h2").isEmpty(), "the text is there");
        assertTrue(page.select("[data-player], audio, .listen-section, a[href^=/audio/], a[href^=/telephony/]").isEmpty(), page.select("main").outerHtml());
    }

    @Test
    void spanishSectionPageHasNoPlayer() {
        String id = server.site().page("acerca-de-la-ketamina").orElseThrow().sections().get(1).id();
        Document section = server.html(SPANISH + "/" + id);
        assertTrue(section.select("[data-player], audio").isEmpty());
    }

    @Test
    void englishPageKeepsItsPlayer() {
        assertEquals(1, server.html("/about-ketamine").select("main [data-player]").size());
    }

    @Test
    void spanishAudioIsNotFoundNamingWhatToInstall() {
        HttpResponse<String> audio = server.get("/audio" + SPANISH + ".mp3");
        assertEquals(404, audio.statusCode());
        // In the page's language (Spanish), naming the package: "... falta la voz de su idioma (espeak-ng) ...".
        assertTrue(audio.body().contains("(espeak-ng)") && audio.body().contains("falta la voz"), audio.body());
        assertFalse(audio.body().contains("Exception"), audio.body());
    }

    @Test
    void healthNamesTheMissingVoice() {
        String health = server.get("/healthz").body();
        assertTrue(health.contains("no voice for es: ") && health.contains("install espeak-ng"), health);
        assertFalse(health.contains("/nonexistent"), "no server folders: " + health);
    }

    @Test
    void thePhoneLineLeavesAVoicelessLanguageOutOfItsChoice() {
        String line = server.get("/ivr.vxml").body();
        assertFalse(line.contains("language-es") || line.contains("id=\"languages\""), "no language menu with one voiced language: " + line);
        assertFalse(line.contains("acerca-de-la-ketamina"), "the English line offers English pages only");
        assertEquals(404, server.get("/ivr/es/ivr.vxml").statusCode());
        assertTrue(server.get("/healthz").body().contains("espeak-ng"), "the reason is in /healthz");
    }
}
