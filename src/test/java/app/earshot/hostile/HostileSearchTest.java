package app.earshot.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Hostile searches: too long, markup, invisible characters, broken encodings, other methods; each has a defined answer. */
class HostileSearchTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Path.of("src/test/resources/library"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String q(String text) {
        return "/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void searchLongerThanTheLimitIsAnsweredKeptInTheBoxAndTheRestNamed() {
        String typed = "aftercare " + "x".repeat(150) + " " + "y".repeat(100);
        var response = server.get(q(typed));
        assertEquals(200, response.statusCode());
        Document doc = Jsoup.parse(response.body());
        assertEquals("3 results for aftercare " + "x".repeat(150), doc.selectFirst("h1").text());
        assertEquals(typed, doc.selectFirst("input[name=q]").val());
        assertEquals("y".repeat(100), doc.selectFirst("main p q").text());
    }

    /**
     * A search whose first word runs past the 200 characters searched: nothing is searched, and the page says why rather
     * than asking the patient to type words (it showed the empty page's "type one or more words" and no note).
     */
    @Test
    void searchWhoseFirstWordRunsPastTheLimitSaysNothingWasSearchedAndWhy() {
        for (String typed : List.of("k".repeat(250), "aftercare" + "x".repeat(250))) {
            var response = server.get(q(typed));
            assertEquals(200, response.statusCode());
            Document doc = Jsoup.parse(response.body());
            assertEquals(typed, doc.selectFirst("input[name=q]").val());
            String note = doc.select("main p").text();
            assertTrue(note.contains("Your search has " + typed.length() + " characters") && note.contains("nothing was searched"), note);
            assertFalse(note.contains("Type one or more words"), note);
        }
    }

    @Test
    void searchOfAThousandCharactersIsAnsweredWithoutError() {
        var response = server.get(q("care ".repeat(200)));
        assertEquals(200, response.statusCode());
        assertTrue(Jsoup.parse(response.body()).selectFirst("main p q").text().startsWith("care care"));
    }

    @Test
    void limitCountsCharactersNotBytes() {
        assertEquals(200, server.get(q("\uD83D\uDE00".repeat(200))).statusCode());
    }

    @Test
    void markupInTheQueryIsShownAsText() {
        Document doc = server.html(q("<script>alert(1)</script><img src=x onerror=alert(1)>"));
        assertEquals("No results for <script>alert(1)</script><img src=x onerror=alert(1)>", doc.selectFirst("h1").text());
        assertTrue(doc.select("script, main img, [onerror]").isEmpty());
    }

    @Test
    void quoteInTheQueryCannotLeaveTheSearchBoxValue() {
        Document doc = server.html(q("\" autofocus onfocus=\"alert(1)"));
        assertEquals("\" autofocus onfocus=\"alert(1)", doc.selectFirst("input[name=q]").val());
        assertTrue(doc.select("[onfocus], [autofocus]").isEmpty());
    }

    @Test
    void bidiOverridesAndControlCharactersAreNotShownBack() {
        var response = server.get(q("after\u202Ecare\u0000\u0007"));
        assertEquals(200, response.statusCode());
        assertEquals("3 results for aftercare", Jsoup.parse(response.body()).selectFirst("h1").text());
        assertFalse(response.body().contains("\u202E") || response.body().contains("\u0000"));
    }

    @Test
    void anyScriptIsSearchedAndShownBackIsolated() {
        Document doc = server.html(q("دواء 药物 лекарство"));
        assertEquals("دواء 药物 лекарство", doc.selectFirst("h1 bdi").text());
    }

    @Test
    void manyWordsAreCutToTheFirstTenWithANote() {
        String words = IntStream.range(0, 30).mapToObj(i -> "w" + i).collect(Collectors.joining(" "));
        assertTrue(server.html(q(words)).select("main p").eachText().contains("Only the first 10 different words of your search were used."));
    }

    @Test
    void malformedPercentEncodingIsTreatedAsNoSearch() throws Exception {
        RawHttp.Answer answer = RawHttp.send(java.net.URI.create(server.url("/")).getPort(), RawHttp.request("GET", "/search?q=%E0%A4%zz%FFcare"), 5000);
        assertEquals(200, answer.status(), answer.head());
        assertEquals("Search the library", Jsoup.parse(answer.body()).selectFirst("h1").text());
    }

    @Test
    void repeatedParameterUsesTheFirst() {
        assertEquals("1 result for anaesthetist", server.html("/search?q=anaesthetist&q=zebra").selectFirst("h1").text());
    }

    @Test
    void onlyGetAndHeadAreAllowed() {
        var response = server.request("POST", "/search?q=aftercare");
        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD, OPTIONS", response.headers().firstValue("Allow").orElse(""));
    }

    @Test
    void headAnswersWithoutABody() {
        var response = server.request("HEAD", "/search?q=aftercare");
        assertEquals(200, response.statusCode());
        assertEquals("", response.body());
    }
}
