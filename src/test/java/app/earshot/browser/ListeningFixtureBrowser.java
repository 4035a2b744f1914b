package app.earshot.browser;

import app.earshot.TestServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** For a browser test class on the listening fixture: one server (its page's audio made) and one Chromium. */
abstract class ListeningFixtureBrowser {
    static TestServer server;
    static Browser browser;

    @BeforeAll
    static void startServerAndBrowser() {
        server = TestServer.start(Path.of("src/test/resources/listening"));
        server.warm(server.site().page("sleep-well").orElseThrow());
        browser = Browser.start();
    }

    @AfterAll
    static void stopServerAndBrowser() {
        if (browser != null) browser.close();
        if (server != null) server.close();
    }
}
