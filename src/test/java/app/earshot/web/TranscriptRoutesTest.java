package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTML transcripts: what is spoken, in order, with times, in the written words; linked as "Transcript". */
class TranscriptRoutesTest {
    static TestServer server;
    static Page page;

    @BeforeAll
    static void start() {
        server = TestServer.start(Path.of("src/test/resources/listening"));
        page = server.site().page("sleep-well").orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void sectionTranscriptIsTheSpokenScriptWithTheWrittenWordsRestored() {
        Section help = page.section("when-to-ask-for-help").orElseThrow();
        String spoken = server.voicing().script(page, help).spoken();
        assertTrue(spoken.contains("N-M-D-A"), "fixture's lexicon must respell a word: " + spoken);
        assertEquals(server.voicing().script(page, help).text(), said(server.html("/sleep-well/when-to-ask-for-help/transcript")));
    }

    @Test
    void tableRowsAreShownAsTheVoiceReadsThem() {
        Section table = page.section("sleep-by-age").orElseThrow();
        String said = said(server.html("/sleep-well/sleep-by-age/transcript"));
        assertEquals(server.voicing().script(page, table).text(), said);
        assertTrue(said.contains("Teenager. Hours: 8 to 10. Naps: Rarely.") || said.contains("Teenager. Hours: eight to ten."), said);
    }

    @Test
    void pageTranscriptHasEverySectionInOrderWithRisingTimes() {
        Document doc = server.html("/sleep-well/transcript");
        List<String> expected = page.sections().stream().map(s -> server.voicing().script(page, s).text()).toList();
        assertEquals(String.join("\n\n", expected), said(doc));
        List<Double> times = doc.select("ol.transcript time").eachAttr("datetime").stream()
                .map(t -> Double.parseDouble(t.substring(2, t.length() - 1))).toList();
        for (int i = 1; i < times.size(); i++) assertTrue(times.get(i) > times.get(i - 1), "times " + times);
    }

    @Test
    void everyPlayerLinksItsTranscriptByThatName() {
        assertEquals("/sleep-well/transcript", server.html("/sleep-well").selectFirst(".listen a:has(> span:matchesOwn(^Transcript$))").attr("href"));
        assertEquals("/sleep-well/habits-that-help/transcript",
                server.html("/sleep-well/habits-that-help").selectFirst(".listen a:has(> span:matchesOwn(^Transcript$))").attr("href"));
    }

    @Test
    void faviconIsServedAsAnIcon() {
        var response = server.getBytes("/favicon.ico");
        assertEquals(200, response.statusCode());
        assertEquals("image/vnd.microsoft.icon", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(List.of(0, 0, 1, 0), List.of((int) response.body()[0], (int) response.body()[1], (int) response.body()[2], (int) response.body()[3]));
    }

    @Test
    void readAlongScriptIsServedUnderItsVersionedPath() {
        String src = server.html("/sleep-well").selectFirst("script[src]").attr("src");
        assertTrue(src.matches("/static/[0-9a-f]{12}/readalong\\.js"), src);
        assertEquals("text/javascript; charset=utf-8", server.get(src).headers().firstValue("Content-Type").orElseThrow());
        assertEquals(404, server.get("/static/000000000000/readalong.js").statusCode());
    }

    @Test
    void contentsSectionPagesAndKeypadCountTheIntroductionAlike() {
        Document whole = server.html("/sleep-well");
        assertEquals("Introduction", whole.selectFirst(".contents li a").text());
        assertEquals("Section 3 of 5 of Sleep Well", server.html("/sleep-well/habits-that-help").selectFirst(".part-of").text());
        assertEquals("Habits That Help", whole.select(".contents li a").get(2).text());
        assertTrue(whole.selectFirst("#habits-that-help .listen-section a").text().startsWith("Listen to section 3"));
    }

    @Test
    void aContentsEntryNamedLikeAPageSaysItIsTheSection() {
        assertEquals("Sleep Well (section)", server.html("/sleep-well").select(".contents li a").get(1).text());
    }

    @Test
    void transcriptOfAnUnknownSectionIsA404() {
        assertEquals(404, server.get("/sleep-well/no-such-section/transcript").statusCode());
        assertFalse(server.get("/sleep-well/no-such-section/transcript").body().contains("Exception"));
    }

    /** The transcript's paragraphs as the script writes them: lines joined by newlines, paragraphs by blank lines. */
    private static String said(Document doc) {
        List<String> paragraphs = new ArrayList<>();
        for (Element said : doc.select("ol.transcript .said")) {
            paragraphs.add(said.select(".said-line").stream().map(Element::text).collect(Collectors.joining("\n")));
        }
        return String.join("\n\n", paragraphs);
    }
}
