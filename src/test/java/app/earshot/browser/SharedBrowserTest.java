package app.earshot.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.earshot.TestServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The browser the test classes share: what one class leaves in it (a cookie, stored items, an emulated width, colour
 * scheme and forced colours, a blocked URL, a changed script timeout) is gone for the next class, in the same browser
 * process and on the same origin, while inside one class it stays (so these checks can fail).
 */
@ResourceLock(Browser.LOCK)
class SharedBrowserTest {
    /** What a later class would see: cookie, stored item, width, dark, forced colours, style sheet loaded, script timeout. */
    static final String STATE = """
            return [document.cookie, String(localStorage.getItem('earshot.speed')), String(sessionStorage.getItem('s')),
                    String(window.innerWidth), String(matchMedia('(prefers-color-scheme: dark)').matches),
                    String(matchMedia('(forced-colors: active)').matches), String(performance.getEntriesByType('resource').some(e => /\\.css/.test(e.name) && e.responseStatus === 200))];""";
    static final List<String> FRESH = List.of("", "null", "null", String.valueOf(Browser.WIDTH), "false", "false", "true");
    static final List<String> LEFT = List.of("left=1", "0.75", "x", "320", "true", "true", "false");

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void whatOneClassLeavesIsGoneForTheNext() {
        String session;
        try (Browser earlier = Browser.open()) {
            session = earlier.driver().getSessionId().toString();
            earlier.driver().get(server.url("/"));
            assertEquals(FRESH, state(earlier), "a new lease starts clean");
            leaveEverything(earlier);
            // Within the lease all of it stays, over a reload: the check below sees leftovers when there are any.
            earlier.driver().get(server.url("/"));
            assertEquals(LEFT, state(earlier), "the leftovers, seen inside the lease that made them");
            assertEquals(7, earlier.driver().manage().timeouts().getScriptTimeout().toSeconds());
        }
        try (Browser later = Browser.open()) {
            assertEquals(session, later.driver().getSessionId().toString(), "the same browser, not a new one");
            assertEquals("about:blank", later.driver().getCurrentUrl());
            later.driver().get(server.url("/"));
            assertEquals(FRESH, state(later), "what the earlier lease left");
            assertEquals(Browser.SCRIPT_TIMEOUT, later.driver().manage().timeouts().getScriptTimeout());
            assertEquals(Browser.PAGE_LOAD_TIMEOUT, later.driver().manage().timeouts().getPageLoadTimeout());
        }
    }

    @Test
    void aSecondLeaseWhileOneIsOpenFails() {
        try (Browser first = Browser.open()) {
            assertThrows(IllegalStateException.class, Browser::open);
            first.driver().get(server.url("/"));
            assertEquals(FRESH, state(first), "the refused lease changed nothing");
        }
        Browser.open().close();
    }

    private static void leaveEverything(Browser browser) {
        browser.script("document.cookie = 'left=1; max-age=3600; path=/'; localStorage.setItem('earshot.speed', '0.75');"
                + " sessionStorage.setItem('s', 'x');");
        browser.width(320);
        browser.media(Map.of("prefers-color-scheme", "dark", "forced-colors", "active"));
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*.css")));
        browser.driver().manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(7));
    }

    @SuppressWarnings("unchecked")
    private static List<String> state(Browser browser) {
        return (List<String>) browser.script(STATE);
    }
}
