package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Search on the bilingual fixture over HTTP: a Spanish page's search form asks in Spanish, and the results answer in it. */
class LanguageSearchRoutesTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(app.earshot.Fixture.BILINGUAL);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Document search(String q, String lang) {
        return server.html("/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8) + (lang == null ? "" : "&lang=" + lang));
    }

    @Test
    void aSpanishPagesSearchFormSaysTheReadersLanguage() {
        assertEquals("es", server.html("/acerca-de-la-ketamina").selectFirst("form[role=search] input[type=hidden][name=lang]").val());
    }

    @Test
    void anEnglishPagesSearchFormDoesNotNeedTo() {
        assertNull(server.html("/about-ketamine").selectFirst("form[role=search] input[name=lang]"));
    }

    @Test
    void aSpanishSearchIsASpanishPageOfSpanishSections() {
        Document doc = search("depresion", "es");
        assertEquals(List.of("es", "Buscar"), List.of(doc.selectFirst("html").attr("lang"), doc.selectFirst("form[role=search] button").text()));
        assertTrue(doc.select("ol.search-results h2 a").eachAttr("href").stream().allMatch(h -> h.startsWith("/acerca-de-la-ketamina/")));
    }

    @Test
    void theResultsPageKeepsTheLanguageForTheNextSearch() {
        assertEquals("es", search("depresion", "es").selectFirst("form[role=search] input[type=hidden][name=lang]").val());
    }

    @Test
    void aSpanishCrisisSearchShowsTheSpanishCalloutBeforeTheResults() {
        Document doc = search("quiero hacerme daño", "es");
        assertTrue(doc.selectFirst(".search-urgent h2").text().endsWith("Si está pensando en el suicidio"), doc.selectFirst(".search-urgent").text());
        assertEquals("es", doc.selectFirst("html").attr("lang"));
    }

    @Test
    void aSpanishCrisisSearchInTheEnglishSearchBoxShowsTheSpanishCalloutAllInSpanish() {
        // No lang: an English page's search box. "suicidio" is a crisis word of the site's Spanish only.
        Document doc = search("suicidio", null);
        assertEquals("en", doc.selectFirst("html").attr("lang"));
        org.jsoup.nodes.Element heading = doc.selectFirst(".search-urgent h2");
        assertTrue(heading != null && heading.text().endsWith("Si está pensando en el suicidio"), doc.selectFirst("main").text());
        // Every word of the callout's heading, its label too ("Consejo urgente:"), is read with the Spanish voice.
        assertEquals(heading.text(), heading.select("[lang=es]").text(), heading.outerHtml());
        assertEquals(List.of("es"), doc.select(".search-urgent p[lang]").eachAttr("lang").stream().distinct().toList());
    }

    @Test
    void wordsOnlyAnotherLanguageHasAreFoundThereAndTheReaderIsTold() {
        Document doc = search("embarazo", null);
        assertTrue(doc.selectFirst("main").text().contains("No page in English has these words"), doc.selectFirst("main").text());
        assertEquals(List.of("es"), doc.select("ol.search-results h2").eachAttr("lang").stream().distinct().toList());
    }

    @Test
    void anEnglishReaderFindingSpanishPagesSeesThemMarkedSpanish() {
        Document doc = search("embarazo", "en");
        assertEquals(List.of("en", "es"), List.of(doc.selectFirst("html").attr("lang"),
                doc.select("ol.search-results h2").eachAttr("lang").stream().distinct().reduce("", String::concat)));
    }

    @Test
    void aSpanishReaderFindingEnglishPagesIsToldInSpanish() {
        Document doc = search("breakthrough", "es");
        assertTrue(doc.selectFirst("main").text().contains("Ninguna página en Español tiene estas palabras"), doc.selectFirst("main").text());
        assertEquals(List.of("en"), doc.select("ol.search-results h2").eachAttr("lang").stream().distinct().toList());
    }

    @Test
    void aRememberedSearchInOneLanguageIsNotTheAnswerInAnother() {
        assertFalse(search("embarazo", "es").selectFirst("main").text().contains("No page in"));
        assertTrue(search("embarazo", "en").selectFirst("main").text().contains("No page in English"));
    }

    @Test
    void aLanguageTheSiteDoesNotPublishIsABadRequestThatSaysWhichItHas() {
        HttpResponse<String> response = server.get("/search?q=ketamina&lang=fr");
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("en, es"), response.body());
        assertFalse(response.body().contains("Exception"));
    }
}
