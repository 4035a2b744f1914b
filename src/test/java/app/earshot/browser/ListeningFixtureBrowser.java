package app.earshot.browser;

import app.earshot.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * For a browser test class on the listening fixture: one server (its page's audio made) and one Chromium. Its
 * subclasses run one at a time ({@link #FIELDS}, inherited): they share these two static fields, so two of them running
 * at once would overwrite each other's server and browser (and leave one Chromium unclosed).
 */
@ResourceLock(ListeningFixtureBrowser.FIELDS)
abstract class ListeningFixtureBrowser {
    /** The lock on {@link #server} and {@link #browser}, held by each subclass for its whole run. */
    static final String FIELDS = "ListeningFixtureBrowser.server+browser";

    static TestServer server;
    static Browser browser;

    @BeforeAll
    static void startServerAndBrowser() {
        start(Path.of("src/test/resources/listening"), "sleep-well");
    }

    /** A server on {@code site} with {@code page}'s audio made, and one browser for the class. */
    static void start(Path site, String page) {
        server = TestServer.start(site);
        server.warm(server.site().page(page).orElseThrow());
        browser = Browser.start();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }
}
