package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.nio.file.Path;
import java.util.List;
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
        assertEquals(List.of("/ketamine-infusions/aftercare-at-home", "/after-your-session/introduction", "/before-your-visit/what-to-bring"),
                server.html("/search?q=aftercare").select("ol.search-results h2 a").eachAttr("href"));
    }

    @Test
    void eachResultNamesItsPageAndMarksTheMatchInAnExcerpt() {
        Element result = server.html("/search?q=aftercare").select("ol.search-results > li").get(2);
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
    void aPrefixFindsLongerWords() {
        assertEquals("1 result for medicin question", server.html("/search?q=medicin+question").selectFirst("h1").text());
    }

    @Test
    void everyWordMustBeInTheSameSection() {
        assertEquals("No results for preparation questions", server.html("/search?q=preparation+questions").selectFirst("h1").text());
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
