package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import app.earshot.TestServer;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class IntroductionPlayerTest {
    @Test
    void theWholePageHasAPlayerAndDownloadForTheIntroduction() {
        try (TestServer server = TestServer.start()) {
            Document doc = server.html("/what-is-ketamine");
            Element player = doc.selectFirst("main .listen:has(source[src=/audio/what-is-ketamine/introduction.mp3])");
            assertNotNull(player, "a player for the introduction");
            assertEquals("/audio/what-is-ketamine/introduction.mp3", player.selectFirst("a[download]").attr("href"));
            assertEquals(200, server.getBytes("/audio/what-is-ketamine/introduction.mp3").statusCode());
        }
    }
}
