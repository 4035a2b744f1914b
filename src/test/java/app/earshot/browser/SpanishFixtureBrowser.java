package app.earshot.browser;

import app.earshot.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** For a browser test class on the bilingual fixture's Spanish page: one server (the page's audio made) and one Chromium. */
abstract class SpanishFixtureBrowser {
    static final String PAGE = "/acerca-de-la-ketamina";

    static TestServer server;
    static Browser browser;

    @BeforeAll
    static void startServerAndBrowser() {
        server = TestServer.start(Path.of("src/test/resources/site-es"));
        // With its audio made, the page shows everything it can: player, read-along, sizes, durations.
        server.warm(server.site().page("acerca-de-la-ketamina").orElseThrow());
        browser = Browser.start();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }
}
