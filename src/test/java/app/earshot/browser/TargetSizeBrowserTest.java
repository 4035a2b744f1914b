package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import app.earshot.Fixture;
import app.earshot.TestServer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Issue 22: every control that is not inline in a sentence is at least 44 x 44 CSS px (WCAG 2.5.5), on every page
 * kind, at desktop width and at 320 px, with the script on (the page's own player) and off.
 */
@ResourceLock(Browser.LOCK)
class TargetSizeBrowserTest {
    /**
     * Controls smaller than 44 x 44, as "text WxH". A control is inline, and exempt, when the block around it has words
     * besides its own; a check box or radio button is measured by its label, which is its target.
     */
    static final String SMALL_TARGETS = """
            const out = [];
            for (const el of document.querySelectorAll('a[href], button, summary, input, select, textarea')) {
              if (!el.checkVisibility() || el.closest('.skip-link')) continue;
              const target = (el.type === 'checkbox' || el.type === 'radio') && el.closest('label') ? el.closest('label') : el;
              const block = target.parentElement.closest('p, li, td, th, dd, dt, caption, div, h1, h2, h3, h4');
              if (block && target.tagName === 'A') {
                const rest = block.textContent.replace(target.textContent, '').replace(/[\\s\\u00a0]+/g, '');
                if (rest.length > 0 && !block.matches('.way, nav li')) continue;
              }
              const r = target.getBoundingClientRect();
              if (r.width < 43.5 || r.height < 43.5) out.push((target.textContent.trim() || target.tagName) + ' ' + Math.round(r.width) + 'x' + Math.round(r.height));
            }
            return out;""";

    static TestServer server;
    static Browser browser;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        server.warm(server.site().pages().get(0));
        browser = Browser.open();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }

    @TestFactory
    Stream<DynamicTest> everyControlNotInASentenceIsAtLeast44By44() {
        List<String> routes = List.of("/", "/" + Fixture.PAGE, "/" + Fixture.PAGE + "/fda-breakthrough-status",
                "/" + Fixture.PAGE + "/transcript", "/no-such-page", "/search?q=ketamine", "/search?q=zzzz");
        return Stream.of(1280, 320).flatMap(width -> routes.stream().map(route -> dynamicTest(width + " " + route, () -> {
            browser.reset();
            browser.width(width);
            browser.driver().get(server.url(route));
            browser.script("const d = document.querySelector('details.listen-more'); if (d) d.open = true;");
            assertEquals(List.of(), browser.script(SMALL_TARGETS), width + " px " + route);
        })));
    }

    @Test
    void aSmallLinkOnItsOwnIsCaughtSoTheCheckCanFail() {
        browser.reset();
        browser.driver().get("data:text/html,<html lang=en><title>t</title><main><p><a href=/x>Alone</a></p>"
                + "<p>In a <a href=/y>sentence</a> it is fine.</p></main></html>");
        assertTrue(browser.script(SMALL_TARGETS).toString().startsWith("[Alone "), browser.script(SMALL_TARGETS).toString());
    }
}
