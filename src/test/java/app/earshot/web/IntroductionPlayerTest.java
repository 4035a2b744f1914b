package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import app.earshot.TestServer;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class IntroductionPlayerTest {
    @Test
    void theWholePageOffersTheIntroductionsOwnPlayerAndDownloadUnderMoreWaysToListen() {
        try (TestServer server = TestServer.start()) {
            Document doc = server.html("/about-ketamine");
            Element control = doc.selectFirst("main .listen details a:has(> span:matchesOwn(^The introduction on its own))");
            assertNotNull(control, "the introduction's own player, behind More ways to listen (no extra Tab stop)");
            assertEquals("/about-ketamine/introduction", control.attr("href"));
            Document own = server.html(control.attr("href"));
            assertNotNull(own.selectFirst("main audio source[src=/audio/about-ketamine/introduction.mp3]"), "its player");
            assertEquals(200, server.getBytes(own.selectFirst("main a[download][href$=.mp3]").attr("href")).statusCode());
        }
    }
}
