package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Search on a clinic library with care callouts, as patients search: crisis words, lay words, slips, no results. */
class UrgentHelpSearchTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Path.of("src/test/resources/clinic"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Document search(String text) {
        return server.html("/search?q=" + URLEncoder.encode(text, StandardCharsets.UTF_8));
    }

    @Test
    void crisisSearchShowsTheMostUrgentCalloutRightAfterTheHeading() {
        Element next = search("suicidal").selectFirst("main h1").nextElementSibling();
        assertEquals("Immediate action required: If your life is in danger now", next.selectFirst("h2").text());
        assertTrue(next.hasClass("care-emergency"));
    }

    @Test
    void urgentHelpComesBeforeEveryResult() {
        Document doc = search("suicidal thoughts");
        assertTrue(doc.selectFirst("main .care").siblingIndex() < doc.selectFirst("main ol.search-results").siblingIndex());
    }

    @Test
    void urgentHelpLinksToTheSectionItIsIn() {
        assertEquals("/getting-help/introduction", search("988").selectFirst("main .care a").attr("href"));
    }

    @Test
    void crisisSearchThatFindsNothingElseStillShowsUrgentHelp() {
        assertEquals("Immediate action required: If your life is in danger now", search("i want to kill myself").selectFirst("main .care h2").text());
    }

    @Test
    void ordinarySearchHasNoUrgentHelp() {
        assertTrue(search("insurance").select("main .care").isEmpty());
    }

    @Test
    void noResultsOffersUrgentHelpAndTheTopics() {
        Document doc = search("zebra");
        assertEquals("No results for zebra", doc.selectFirst("h1").text());
        assertEquals("Immediate action required: If your life is in danger now", doc.selectFirst("main .care h2").text());
        assertEquals(List.of("/#topic-treatments", "/#topic-preparing-for-a-visit", "/#topic-aftercare", "/#topic-consent", "/#topic-billing"),
                doc.select("main ul a").eachAttr("href"));
    }

    @Test
    void layWordFindsTheLibrarysWord() {
        assertEquals("/who-can-have-it/pregnancy-and-breastfeeding", search("pregnant").selectFirst("ol.search-results h2 a").attr("href"));
    }

    @Test
    void ukSpellingFindsUsSpellingAndMarksIt() {
        Element first = search("anaesthetist").selectFirst("ol.search-results li");
        assertEquals(List.of("anesthesiologist"), first.select("mark").eachText());
    }

    @Test
    void typingSlipFindsTheWordAndMarksIt() {
        Element first = search("depresion").selectFirst("ol.search-results li");
        assertEquals("depression", first.selectFirst("mark").text().toLowerCase());
    }

    @Test
    void questionFindsTheSectionThatAnswersItInTheTopThree() {
        assertTrue(search("how long does ketamine take to work").select("ol.search-results h2 a").eachAttr("href")
                .subList(0, 3).contains("/what-is-ketamine/how-quickly-it-works"));
    }

    @Test
    void safetyQuestionRanksSafetyAboveTheDefinition() {
        List<String> found = search("is ketamine safe").select("ol.search-results h2 a").eachAttr("href");
        assertTrue(found.indexOf("/who-can-have-it/introduction") < found.indexOf("/what-is-ketamine/introduction"), found.toString());
    }

    @Test
    void searchOf270CharactersIsAnsweredKeepsTheWordsAndSaysWhatWasLeftOut() {
        String typed = ("can i drive home after my infusion session or should someone collect me " .repeat(4)).strip();
        var response = server.get("/search?q=" + URLEncoder.encode(typed, StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode());
        Document doc = org.jsoup.Jsoup.parse(response.body());
        assertEquals(typed, doc.selectFirst("input[name=q]").val());
        // A limit on the box would cut a patient's question as they type it, silently; the page says what was left out.
        assertFalse(doc.selectFirst("input[name=q]").hasAttr("maxlength"), doc.selectFirst("input[name=q]").outerHtml());
        Element note = doc.selectFirst("main p:has(q)");
        assertTrue(note.text().startsWith("Your search has " + typed.length() + " characters; only the first 200 were searched."), note.text());
        assertEquals(typed.substring(typed.lastIndexOf(' ', 200) + 1), note.selectFirst("q").text());
    }
}
