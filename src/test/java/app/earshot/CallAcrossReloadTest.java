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

    /**
     * A VoiceXML browser holds the page's document for the whole call, so the clip URLs in it must keep answering after
     * the clinic renames that section or its page: the clip the document named (its {@code v}) is served as it
     * was, not a 404 the platform reads as an error and hangs up on. A version the server never published stays a 404.
     */
    @Test
    void aVoiceXmlDocumentFetchedBeforeASectionOrPageIsRenamedStillPlaysItsClips() throws Exception {
        TestServer.copyTree(Fixture.SITE, content);
        Path page = content.resolve("pages/about-ketamine.md");
        try (TestServer server = TestServer.start(content);
             ContentWatcher watcher = new ContentWatcher(content, server.store(), snapshot -> {}).start()) {
            assertEquals(200, server.getBytes("/telephony/about-ketamine/fda-breakthrough-status.wav").statusCode());
            java.util.concurrent.atomic.AtomicReference<String> named = new java.util.concurrent.atomic.AtomicReference<>();
            Await.until(Duration.ofSeconds(60), () -> {
                named.set(Jsoup.parse(server.get("/ivr/about-ketamine.vxml").body(), "", Parser.xmlParser())
                        .select("audio[src*=/fda-breakthrough-status.wav?v=]").stream().map(a -> URI.create(a.attr("src")))
                        .map(u -> u.getPath() + "?" + u.getQuery()).findFirst().orElse(null));
                return named.get() != null;
            }, "the document names the section's clip");
            String clip = named.get();
            byte[] before = server.getBytes(clip).body();
            URI menuUri = URI.create(Jsoup.parse(server.get("/ivr/about-ketamine.vxml").body(), "", Parser.xmlParser())
                    .select("audio[src*=/prompts/menu.wav?v=]").first().attr("src"));
            String menu = menuUri.getPath() + "?" + menuUri.getQuery();
            byte[] menuBefore = server.getBytes(menu).body();
            Files.writeString(page, Files.readString(page).replace("## FDA Breakthrough Status", "## FDA Breakthrough Designation"));
            Await.until(Duration.ofSeconds(10), () -> server.get("/about-ketamine/fda-breakthrough-designation").statusCode() == 200, "the rename is served");
            var renamed = server.getBytes(clip);
            assertEquals(200, renamed.statusCode(), clip + ": " + new String(renamed.body()));
            org.junit.jupiter.api.Assertions.assertArrayEquals(before, renamed.body());
            assertEquals(404, server.getBytes(clip.replaceAll("v=[0-9a-f]+", "v=0123456789abcdef")).statusCode(), "a version never published");
            // The page's file renamed: its old address is gone (the fixture's only page cannot simply be deleted).
            Files.move(page, page.resolveSibling("ketamine-basics.md"));
            Await.until(Duration.ofSeconds(10), () -> server.get("/about-ketamine").statusCode() == 404, "the removal is served");
            var removed = server.getBytes(clip);
            assertEquals(200, removed.statusCode(), clip + ": " + new String(removed.body()));
            org.junit.jupiter.api.Assertions.assertArrayEquals(before, removed.body());
            var menuAfter = server.getBytes(menu);
            assertEquals(200, menuAfter.statusCode(), menu + ": " + new String(menuAfter.body()));
            org.junit.jupiter.api.Assertions.assertArrayEquals(menuBefore, menuAfter.body(), "the page's menu prompt as given out");
            assertEquals(404, server.getBytes(menu.replace("/prompts/menu.wav", "/prompts/goodbye.wav")).statusCode(), "another prompt's path");
            assertEquals(404, server.getBytes(clip.replace("/about-ketamine/", "/another-page/")).statusCode(), "only under the path it was published at");
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
