package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.messages.Catalogues;
import app.earshot.messages.Messages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Spanish fixture page, its section and transcript pages, served by a real server: every word the server writes
 * around the content is the Spanish catalogue's, in a document that says {@code lang="es"}.
 */
class SpanishInterfaceTest {
    static final Path SITE = app.earshot.Fixture.BILINGUAL;
    static final String PAGE = "/acerca-de-la-ketamina";
    static final List<String> ENGLISH_WORDS = List.of("Listen", "Contents", "Skip", "Download", "Search", "Transcript",
            "Back", "Page last reviewed", "Next review", "More ways", "Section", "Introduction", "Urgent advice");

    static TestServer server;
    static final Messages ES = Catalogues.bundled().forLanguage("es");

    @BeforeAll
    static void start() {
        server = TestServer.start(SITE);
        // With audio made, the page shows its read-along, sizes and durations: every state's words are checked.
        server.site().page("acerca-de-la-ketamina").ifPresent(server::warm);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> paths() {
        Document page = get(PAGE);
        List<String> paths = new ArrayList<>(List.of(PAGE, PAGE + "/transcript"));
        String section = page.select("main section a.way[href^=" + PAGE + "/]").first().attr("href");
        paths.add(section);
        paths.add(section + "/transcript");
        paths.add(PAGE + "/introduction");
        return paths;
    }

    static Document get(String path) {
        var response = server.get(path);
        assertEquals(200, response.statusCode(), path);
        return Jsoup.parse(response.body(), server.url(path));
    }

    /**
     * Addresses under a Spanish page that name no audio, telephone clip or phone-line document are refused in Spanish,
     * the page's language, whatever the browser asks for (the English page's are in English).
     */
    @Test
    void audioTelephoneAndPhoneLineAddressesThatDoNotExistAreRefusedInThePagesLanguage() {
        Messages en = Catalogues.bundled().forLanguage("en");
        assertRefused("/audio/acerca-de-la-ketamina.ogg", ES, ES.get("errors.audio.page-formats"));
        assertRefused("/audio/about-ketamine.ogg", en, en.get("errors.audio.page-formats"));
        assertRefused("/audio/acerca-de-la-ketamina/hls/primero.mp3", ES,
                ES.format("errors.audio.hls-number", "/audio/acerca-de-la-ketamina/hls/0.mp3"));
        assertRefused("/audio/acerca-de-la-ketamina/hls/99999.mp3", ES, ES.format("errors.audio.hls-fewer", "/acerca-de-la-ketamina.m3u8"));
        assertRefused("/audio/acerca-de-la-ketamina/hls/0.mp3?v=x", ES, ES.format("errors.audio.hls-version", "/acerca-de-la-ketamina.m3u8"));
        assertRefused("/audio/acerca-de-la-ketamina/hls/0.mp3?v=" + "0".repeat(64), ES,
                ES.format("errors.audio.hls-gone", "/acerca-de-la-ketamina.m3u8"));
        String section = server.site().page("acerca-de-la-ketamina").orElseThrow().sections().get(0).id();
        assertRefused("/telephony/acerca-de-la-ketamina/" + section + ".flac", ES, ES.get("errors.telephony.formats"));
        assertRefused("/telephony/acerca-de-la-ketamina/" + section + ".wav/extra", ES, ES.get("errors.404.text"));
        assertRefused("/telephony/acerca-de-la-ketamina/" + section + ".part1.wav", ES,
                ES.format("errors.telephony.not-split", section + ".wav"));
        assertRefused("/telephony/acerca-de-la-ketamina/" + section + ".wav?codec=flac", 400, ES,
                ES.format("errors.telephony.codec-unknown", "flac", "ulaw, alaw, pcm"));
        assertRefused("/telephony/acerca-de-la-ketamina/" + section + ".ulaw?codec=alaw", 400, ES,
                ES.format("errors.telephony.codec-raw", "ulaw", "alaw"));
        assertRefused("/telephony/acerca-de-la-ketamina/" + section + ".alaw.wav?codec=pcm", 400, ES,
                ES.format("errors.telephony.codec-path", "alaw", "pcm"));
        assertRefused("/ivr/es/nada.vxml", ES, ES.get("errors.ivr.line-documents"));
        assertRefused("/ivr/acerca-de-la-ketamina/ivr.vxml", ES, ES.get("errors.ivr.no-line"));
    }

    /** An error (404 unless named) in plain text, {@code msg}'s language, saying {@code text}, asked for by a browser that prefers English. */
    private static void assertRefused(String path, Messages msg, String text) {
        assertRefused(path, 404, msg, text);
    }

    private static void assertRefused(String path, int status, Messages msg, String text) {
        java.net.http.HttpResponse<String> answer = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url(path)))
                .header("Accept-Language", "en").build());
        assertEquals(status, answer.statusCode(), path + ": " + answer.body());
        assertEquals(msg.get("errors." + status) + ": " + text + "\n", answer.body(), path);
    }

    @Test
    void everyPageSaysItIsSpanish() {
        for (String path : paths()) assertEquals("es", get(path).select("html").attr("lang"), path);
    }

    @Test
    void noEnglishInterfaceWordRemainsOutsideTheContent() {
        for (String path : paths()) {
            Document doc = get(path);
            String around = interfaceText(doc);
            for (String word : ENGLISH_WORDS) {
                assertTrue(!Pattern.compile("\\b" + word + "\\b").matcher(around).find(),
                        path + " still says '" + word + "': " + around);
            }
        }
    }

    /** The /es/ home and Spanish searches (results, urgent help, none found): the words around their content too. */
    @Test
    void theSpanishHomeAndSearchPagesSayNoEnglishInterfaceWord() {
        for (String path : List.of("/es/", "/search?lang=es&q=depresi%C3%B3n", "/search?lang=es&q=quiero+hacerme+da%C3%B1o",
                "/search?lang=es&q=zzzxq")) {
            Document doc = get(path);
            assertEquals("es", doc.select("html").attr("lang"), path);
            String around = listText(doc);
            for (String word : ENGLISH_WORDS) {
                assertTrue(!Pattern.compile("\\b" + word + "\\b").matcher(around).find(), path + " still says '" + word + "': " + around);
            }
        }
        // The same reading of the English home finds its English words, so the loop above can fail.
        assertTrue(listText(get("/")).contains("Search"), listText(get("/")));
    }

    /** Topic titles are the content's, in each language: a Spanish page names and links the Spanish home's topics. */
    @Test
    void theSpanishSearchPagesLeadToTheSpanishHomesTopics() {
        List<String> topics = get("/es/").select("main h2[id^=topic-]").eachText();
        assertEquals(List.of("Tratamientos"), topics);
        for (String path : List.of("/search?lang=es&q=depresi%C3%B3n", "/search?lang=es&q=zzzxq", "/search?lang=es&q=")) {
            Document doc = get(path);
            assertTrue(doc.select("a[href*='#topic-']").size() > 0, path);
            for (Element a : doc.select("a[href*='#topic-']")) {
                assertTrue(a.attr("href").startsWith("/es/#topic-") && topics.contains(a.text()), path + ": " + a.outerHtml());
            }
            for (Element a : doc.select("main a:not([href*='#']):not([href^='/acerca'])")) {
                assertEquals("/es/", a.attr("href"), path + ": " + a.outerHtml());
            }
        }
    }

    /** The interface text of a home or search page: without page titles, descriptions, excerpts, the searched words,
     *  the urgent help's own text, the site's name and links written in another language (lang="en": "English"). */
    static String listText(Document doc) {
        Document copy = doc.clone();
        copy.select(".page-list h3, .page-list p, main > h2[id^=topic-], .site-nav a, .site-name, .search-results h2, "
                + ".search-result-page span, .search-excerpt, bdi, main [class^=care], [lang]:not(html), script, style, title").remove();
        return ownText(copy);
    }

    @Test
    void everyInterfaceTextIsMadeOfTheSpanishCatalogue() {
        // Each text the server writes around the content (not titles and headings of the page itself) must be built
        // from Spanish messages: we check that its words all occur in the catalogue or in the page's own content.
        Set<String> known = new LinkedHashSet<>();
        for (String key : ES.keys()) known.addAll(words(ES.get(key)));
        // Review dates are written by the language's own date format ("26 de noviembre de 2026").
        for (String month : new java.text.DateFormatSymbols(java.util.Locale.forLanguageTag("es")).getMonths()) known.addAll(words(month));
        for (String path : paths()) {
            Document doc = get(path);
            Set<String> content = new LinkedHashSet<>(words(doc.select("main h1, main h2, main .lead, main section, "
                    + "main .said, nav.breadcrumbs, .site-nav, .site-name, main [class^=care], main p.listen-section a, "
                    + "main .pager-title, main .part-of .part-of-page, main .contents a").text()));
            content.addAll(words(doc.title()));
            content.addAll(words(server.site().organisation()));
            // Format names are the same in every language ("MP3", "EPUB", "WAV").
            content.addAll(List.of("mp", "epub", "wav"));
            Set<String> strange = new LinkedHashSet<>();
            for (String w : words(interfaceText(doc))) if (!known.contains(w) && !content.contains(w)) strange.add(w);
            assertEquals(Set.of(), strange, path);
        }
    }

    @Test
    void thePlayerGivesTheScriptSpanishWords() {
        Element player = get(PAGE).selectFirst("[data-player]");
        assertEquals(ES.get("listen.follow"), player.attr("data-follow"));
        assertEquals(ES.get("listen.pause"), player.attr("data-pause"));
        assertEquals(ES.get("listen.listen-to"), player.attr("data-listen-to"));
    }

    @Test
    void careCalloutsAndTheIntroductionAreNamedInSpanish() {
        Document doc = get(PAGE);
        assertTrue(doc.select("main .care-title").first().text().startsWith(ES.get("page.care.urgent") + ":"));
        assertEquals(ES.get("page.introduction"), get(PAGE + "/introduction").select("main h1").text());
    }

    /** The own text of every element outside the page's content, plus accessible names the server writes. */
    static String interfaceText(Document doc) {
        Document copy = doc.clone();
        // The content itself: the page's words, which the content's author wrote (in Spanish, in the fixture).
        copy.select("main h1, main .lead, main section > :not(.listen-section), main .said, main [class^=care], "
                + "main .contents a, main .pager-title, main .part-of .part-of-page, .site-nav a, .site-name, nav.breadcrumbs a, "
                + "main section > h2, script, style, title").remove();
        // A section's page has its body straight in main, between the player and the pager.
        copy.select("main > :not(h1):not(.part-of):not(.listen):not(.pager):not(.review-dates):not(ol.transcript)"
                + ":not(nav.contents):not(section)").remove();
        return ownText(copy);
    }

    /** The own text of every element of {@code copy}, with the accessible names written in attributes. */
    static String ownText(Document copy) {
        StringBuilder out = new StringBuilder();
        for (Element e : copy.getAllElements()) {
            for (TextNode t : e.textNodes()) if (!t.isBlank()) out.append(t.text().strip()).append(' ');
            for (String attribute : List.of("aria-label", "title", "alt", "data-label")) {
                if (e.hasAttr(attribute)) out.append(e.attr(attribute)).append(' ');
            }
        }
        return out.toString();
    }

    static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String w : text.split("[^\\p{L}]+")) if (w.length() > 1) out.add(w.toLowerCase(java.util.Locale.ROOT));
        return out;
    }
}
