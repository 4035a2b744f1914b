package app.earshot.browser;

import app.earshot.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * For a browser test class on a fixture with one page's audio made: one server and a window of the shared Chromium.
 * Each class starts them in its own {@code @BeforeAll} with {@link #start}: a {@code @BeforeAll} here ran as well as a
 * subclass's static method of the same name (which hides it, not overrides it), so the Spanish classes started a
 * second server, warmed the listening fixture and started a second browser they never used.
 */
@ResourceLock(Browser.LOCK) // also keeps two subclasses off these static fields at once
abstract class ListeningFixtureBrowser {
    static TestServer server;
    static Browser browser;

    static final Path LISTENING = Path.of("src/test/resources/listening");

    /** A server on {@code site} with {@code page}'s audio made, and one browser for the class. */
    static void start(Path site, String page) {
        server = TestServer.start(site);
        server.warm(server.site().page(page).orElseThrow());
        browser = Browser.open();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }
}
