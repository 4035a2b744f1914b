package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 22 item 9, less noise: one link home before the content, titles said once, downloads that state their size. */
class QuietPagesTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Path.of("src/test/resources/listening"));
        server.warm(server.site().page("sleep-well").orElseThrow());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void oneLinkToTheHomePageBeforeTheContent() {
        for (String route : List.of("/", "/sleep-well", "/sleep-well/habits-that-help", "/sleep-well/transcript", "/no-such-page")) {
            Document doc = server.html(route);
            long before = doc.select("a[href=/]").stream().filter(a -> a.closest("main") == null && a.closest("footer") == null).count();
            assertEquals(1, before, route);
        }
    }

    @Test
    void aSectionNamedLikeItsPageSaysTheNameOnceInTheTitle() {
        assertEquals("Sleep Well (section) \u2013 " + server.site().title(), server.html("/sleep-well/sleep-well").title());
        assertEquals("Habits That Help \u2013 Sleep Well \u2013 " + server.site().title(), server.html("/sleep-well/habits-that-help").title());
    }

    @Test
    void everyMadeMp3DownloadStatesItsSize() {
        for (String route : List.of("/sleep-well", "/sleep-well/habits-that-help")) {
            String base = route.equals("/sleep-well") ? "/audio/sleep-well" : "/audio/sleep-well/habits-that-help";
            for (String speed : List.of(".slower", ".faster")) assertEquals(200, server.getBytes(base + speed + ".mp3").statusCode());
            for (Element a : server.html(route).select("main a[download][href$=.mp3]")) {
                assertTrue(a.selectFirst(".format").text().matches("\\(MP3, [\\d.]+ (KB|MB)(, .*)?\\)"), route + ": " + a.text());
            }
        }
    }
}
