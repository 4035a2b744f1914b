package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A low-vision reader at 400% zoom (a viewport 320 CSS px wide) who moves with the keyboard, on the bilingual fixture,
 * whose Spanish words are longer than the English: every Tab stop's focus indicator is seen whole from side to side, and
 * a transcript reflows before its times are known.
 */
@ResourceLock(Browser.LOCK)
class ZoomBrowserTest extends ListeningFixtureBrowser {
    /**
     * The focused element's focus indicator, as far as it reaches left and right of its box (its outline and offset,
     * or its box-shadow's blur and spread, whichever reaches further), against the viewport: "" when wholly inside,
     * else what sticks out and where.
     */
    static final String CUT_RING = """
            const e = document.activeElement;
            const cs = getComputedStyle(e);
            const r = e.getBoundingClientRect();
            const outline = cs.outlineStyle === 'none' ? 0 : parseFloat(cs.outlineWidth) + parseFloat(cs.outlineOffset);
            let shadow = 0;
            for (const part of cs.boxShadow === 'none' ? [] : cs.boxShadow.split(/,(?![^(]*\\))/)) {
              const lengths = part.replace(/rgba?\\([^)]*\\)/, '').trim().split(/\\s+/).map(parseFloat);
              shadow = Math.max(shadow, Math.max(Math.abs(lengths[0]), Math.abs(lengths[1])) + (lengths[2] || 0) + (lengths[3] || 0));
            }
            const reach = Math.max(outline, shadow);
            const width = document.documentElement.clientWidth;
            return r.left - reach < 0 || r.right + reach > width
                ? e.tagName + ' "' + e.textContent.trim().slice(0, 40) + '" ' + (r.left - reach) + '..' + (r.right + reach) + ' of ' + width : '';""";

    @BeforeAll
    static void startServerAndBrowser() {
        start(Fixture.BILINGUAL, "acerca-de-la-ketamina");
    }

    /**
     * The skip link is as wide as its words: "Saltar al contenido principal" filled the 320 px viewport to its right
     * edge, and the right side of its outline and halo was drawn outside it.
     */
    @Test
    void at320PxEveryFocusIndicatorIsSeenFromSideToSide() {
        String page = "/acerca-de-la-ketamina";
        List<String> routes = List.of(page, page + "/" + server.site().page("acerca-de-la-ketamina").orElseThrow().sections().get(1).id(),
                page + "/transcript", "/es/", "/search?lang=es&q=" + URLEncoder.encode("depresión", StandardCharsets.UTF_8), "/about-ketamine");
        List<String> cut = new ArrayList<>();
        for (String route : routes) {
            browser.reset();
            browser.width(320);
            browser.driver().get(server.url(route));
            int stops = 0;
            for (int i = 0; i < 80; i++) {
                new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
                if (browser.driver().switchTo().activeElement().getTagName().equals("body")) break;
                stops++;
                String ring = (String) browser.script(CUT_RING);
                if (!ring.isEmpty()) cut.add(route + ": " + ring);
            }
            assertTrue(stops >= 6, route + ": " + stops + " Tab stops");
        }
        assertEquals(List.of(), cut);
    }

    /**
     * A transcript's lines have their times only once the audio is made (a transcript never waits for it): before that,
     * on a server just started, each line's words went into the 4.5em column the time has, and at 320 px they stood
     * one or two to a line, broken inside words ("Ketamin / e / infusions / .").
     */
    @Test
    void at320PxATranscriptWhoseAudioIsNotMadeYetUsesTheWholeLine(@TempDir Path emptyCache) {
        try (TestServer cold = TestServer.start(Fixture.SITE, emptyCache, TestServer.SYNTHESIZER)) {
            browser.reset();
            browser.width(320);
            browser.driver().get(cold.url("/" + Fixture.PAGE + "/transcript"));
            assertEquals(0L, browser.script("return document.querySelectorAll('.transcript time').length;"), "a line has its time: the audio is made");
            assertTrue((Long) browser.script("return document.querySelectorAll('.transcript .said').length;") > 5);
            assertEquals(List.of(), browser.script("""
                    return [...document.querySelectorAll('.transcript .said')]
                      .filter(s => s.getBoundingClientRect().width < 0.6 * s.closest('ol').getBoundingClientRect().width)
                      .map(s => s.textContent.slice(0, 30) + ' ' + Math.round(s.getBoundingClientRect().width) + ' px wide');"""));
        }
    }

    @Test
    void aRingThatSticksOutIsSeenSoTheCheckCanFail() {
        browser.reset();
        browser.width(320);
        browser.driver().get("data:text/html,<html lang=en><title>t</title><style>a:focus-visible{outline:3px solid;outline-offset:2px}</style>"
                + "<main><p style='margin:0'><a href=/x style='display:block'>Edge to edge</a></p></main></html>");
        browser.script("document.body.style.margin = '0';");
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        assertTrue(((String) browser.script(CUT_RING)).startsWith("A \"Edge to edge\" -5..325"), (String) browser.script(CUT_RING));
    }
}
