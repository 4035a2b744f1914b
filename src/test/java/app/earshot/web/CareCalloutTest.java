package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Section;
import java.nio.file.Path;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Care callouts ("> [!urgent] Title"): a labelled note on the page, said first in its section's narration. */
class CareCalloutTest {
    static TestServer server;
    static Page page;
    static Section section;

    @BeforeAll
    static void start() {
        server = TestServer.start(Path.of("src/test/resources/listening"));
        page = server.site().page("sleep-well").orElseThrow();
        section = page.section("when-to-ask-for-help").orElseThrow();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void careCalloutHasAHeadingThatSaysItsUrgencyAndTitle() {
        // Issue 26: role=note was announced by Orca as "comment"; issue 22: heading keys could not reach it.
        Element care = server.html("/sleep-well/when-to-ask-for-help").selectFirst("main .care.care-urgent");
        assertFalse(care.hasAttr("role"), care.attr("role"));
        assertEquals("h2", care.child(0).tagName());
        assertEquals("Urgent advice: If you are thinking about suicide", care.child(0).text());
        assertEquals("Call or text 988 at any time.", care.select("p").last().text());
    }

    @Test
    void onTheWholePageTheCalloutsHeadingIsOneLevelUnderItsSections() {
        Element care = server.html("/sleep-well").selectFirst("#when-to-ask-for-help .care");
        assertEquals("h3", care.child(0).tagName());
    }

    @Test
    void careCalloutIsSpokenStraightAfterTheHeading() {
        String second = server.voicing().passages(page, section).get(1).text();
        assertTrue(second.startsWith("Urgent advice: If you are thinking about suicide. Call or text 988 at any time."), second);
    }

    @Test
    void theCrisisNumberIsSaidDigitByDigit() {
        assertTrue(server.voicing().script(page, section).spoken().contains("text nine-eight-eight at"));
    }
}
