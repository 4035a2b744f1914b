package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Search, read as a screen-reader user meets it: the heading says how many, each result links to its section. */
class SearchRoutesTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Path.of("src/test/resources/library"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void headingSaysHowManyResults() {
        assertEquals("3 results for aftercare", server.html("/search?q=aftercare").selectFirst("h1").text());
    }

    @Test
    void headingMatchComesFirst() {
        List<String> found = server.html("/search?q=aftercare").select("ol.search-results h2 a").eachAttr("href");
        assertEquals("/ketamine-infusions/aftercare-at-home", found.get(0));
        assertEquals(Set.of("/after-your-session/introduction", "/before-your-visit/what-to-bring"), Set.copyOf(found.subList(1, 3)));
    }

    @Test
    void eachResultNamesItsPageAndMarksTheMatchInAnExcerpt() {
        Element result = server.html("/search?q=aftercare").selectFirst("ol.search-results > li:has(a[href=/before-your-visit/what-to-bring])");
        assertEquals("From the page: Before your visit", result.selectFirst(".search-result-page").text());
        assertEquals(List.of("aftercare"), result.select(".search-excerpt mark").eachText());
    }

    @Test
    void oneResultIsSingular() {
        Document doc = server.html("/search?q=anaesthetist");
        assertEquals("1 result for anaesthetist", doc.selectFirst("h1").text());
        assertEquals("Insurance", doc.selectFirst("ol.search-results h2").text());
    }

    @Test
    void noResultsSaysSoAndOffersTheTopics() {
        Document doc = server.html("/search?q=zebra");
        assertEquals("No results for zebra", doc.selectFirst("h1").text());
        assertTrue(doc.select("ol.search-results").isEmpty());
        assertNotNull(doc.selectFirst("main a[href=/]"));
    }

    @Test
    void emptySearchIsAHelpfulPageNotAnError() {
        var response = server.get("/search?q=+");
        assertEquals(200, response.statusCode());
        assertEquals("Search the library", org.jsoup.Jsoup.parse(response.body()).selectFirst("h1").text());
    }

    @Test
    void otherFormsOfAWordAreFoundAndMarked() {
        Element first = server.html("/search?q=medicine+question").selectFirst("ol.search-results > li");
        assertEquals(List.of("medicines", "questions"), first.select(".search-excerpt mark").eachText());
    }

    @Test
    void anyWordFindsASectionAndTheOneWithEveryWordComesFirst() {
        Document doc = server.html("/search?q=medicine+question");
        assertEquals("2 results for medicine question", doc.selectFirst("h1").text());
        assertEquals("/before-your-visit/what-to-bring", doc.selectFirst("ol.search-results h2 a").attr("href"));
    }

    @Test
    void tableCellsAreSearched() {
        assertEquals(List.of("/before-your-visit/eating-and-drinking"),
                server.html("/search?q=water").select("ol.search-results h2 a").eachAttr("href"));
    }

    @Test
    void caseAndCompatibilityFormsDoNotMatter() {
        assertEquals("1 result for ＡＮＡＥＳＴＨＥＴＩＳＴ", server.html("/search?q=%EF%BC%A1%EF%BC%AE%EF%BC%A1%EF%BC%A5%EF%BC%B3%EF%BC%B4%EF%BC%A8%EF%BC%A5%EF%BC%B4%EF%BC%A9%EF%BC%B3%EF%BC%B4").selectFirst("h1").text());
    }

    @Test
    void headerSearchFormIsALabelledGetFormOnEveryPage() {
        Element form = server.html("/ketamine-infusions").selectFirst("header form[role=search]");
        assertEquals("/search", form.attr("action"));
        assertEquals("get", form.attr("method"));
        assertEquals("Search the library", form.selectFirst("label[for=" + form.selectFirst("input[name=q]").id() + "]").text());
    }

    @Test
    void resultsPageKeepsTheQueryInTheSearchBox() {
        assertEquals("aftercare", server.html("/search?q=aftercare").selectFirst("input[name=q]").val());
    }

    @Test
    void searchIsReservedAsAPageAddress() {
        assertTrue(app.earshot.content.ContentLoader.RESERVED_SLUGS.contains("search"));
    }
}
