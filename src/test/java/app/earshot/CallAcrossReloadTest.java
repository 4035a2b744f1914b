package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A phone caller is in a section when the clinic renames it: the call's state names a section that is gone, and the
 * next key is not taken as a key of the menu (where 1, "repeat", would play the introduction instead).
 */
class CallAcrossReloadTest {
    @TempDir
    Path content;

    @Test
    void aKeyPressedInASectionRenamedMeanwhileHearsTheMenuAgainNotAnotherSection() throws Exception {
        TestServer.copyTree(Fixture.SITE, content);
        Path page = content.resolve("pages/about-ketamine.md");
        try (TestServer server = TestServer.start(content);
             ContentWatcher watcher = new ContentWatcher(content, server.store(), snapshot -> {}).start()) {
            String pageLine = "/ivr/about-ketamine/twiml?section=fda-breakthrough-status";
            String siteLine = "/ivr/twiml?page=about-ketamine&section=fda-breakthrough-status";
            assertTrue(plays(server, pageLine, "1").get(0).contains("/about-ketamine/fda-breakthrough-status.wav"), "1 repeats the section");
            Files.writeString(page, Files.readString(page).replace("## FDA Breakthrough Status", "## FDA Breakthrough Designation"));
            Await.until(Duration.ofSeconds(10), () -> server.get("/about-ketamine/fda-breakthrough-designation").statusCode() == 200, "the rename is served");
            for (String key : List.of("1", "4", "6")) {
                assertEquals(List.of("/telephony/about-ketamine/prompts/menu.wav"), paths(plays(server, pageLine, key)), "page line, key " + key);
                List<String> site = paths(plays(server, siteLine, key));
                assertTrue(site.stream().allMatch(p -> p.contains("/prompts/")), "site line, key " + key + ": " + site);
            }
        }
    }

    /** The URLs a TwiML turn plays after {@code key} is pressed in the state {@code pathAndQuery}. */
    private static List<String> plays(TestServer server, String pathAndQuery, String key) {
        var response = server.send(HttpRequest.newBuilder(URI.create(server.url(pathAndQuery)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("CallSid=CA123&Digits=" + key)).build());
        assertEquals(200, response.statusCode(), response.body());
        return Jsoup.parse(response.body(), "", Parser.xmlParser()).select("Play").stream().map(Element::text).toList();
    }

    private static List<String> paths(List<String> urls) {
        return urls.stream().map(u -> URI.create(u).getPath()).toList();
    }
}
