package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.feed.PodcastFeed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The feeds as a Podcasting 2.0 app reads them: parsed by npm podcast-partytime, every companion URL fetched. */
class PodcastNamespaceTest {
    static final Path PARTYTIME = Path.of("target", "partytime");
    @TempDir
    static Path content;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startWarmOnCopy(Path.of("src/test/resources/podcast-site"), content);
        installPartytime();
    }

    /**
     * Installs npm podcast-partytime under target/ once (pinned: a copy in npm's cache is used without asking again).
     * Synchronized: LanguageFeedsTest installs it too, and with classes running concurrently the second one saw the
     * package's folder, made early by the first one's install under way, and ran node on half a package ("Cannot find
     * module './toString'" in ramda).
     */
    static synchronized void installPartytime() throws Exception {
        if (!Files.isDirectory(PARTYTIME.resolve("node_modules/podcast-partytime"))) {
            Files.createDirectories(PARTYTIME);
            run(List.of("npm", "install", "--prefix", PARTYTIME.toString(), "--no-audit", "--no-fund", "--prefer-offline",
                    "podcast-partytime@5.0.0"), null);
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String run(List<String> command, String input) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        if (input != null) p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), command + " took too long");
        assertEquals(0, p.exitValue(), command + " failed: " + out);
        return out;
    }

    /** The feed at {@code path} as podcast-partytime parses it. */
    static JsonNode partytime(String path) throws Exception {
        return parse(server.get(path).body());
    }

    /** The feed {@code rss} as podcast-partytime parses it. */
    static JsonNode parse(String rss) throws Exception {
        String module = PARTYTIME.resolve("node_modules/podcast-partytime").toAbsolutePath().toString();
        return new ObjectMapper().readTree(run(List.of("node", "src/test/resources/partytime/parse.js", module), rss));
    }

    @Test
    void theShowHasItsNamespaceGuidAndIsLockedToItsOwner() throws Exception {
        for (String path : List.of("/feed.xml", "/" + server.site().pages().get(0).slug() + "/feed.xml")) {
            JsonNode feed = partytime(path);
            assertEquals(PodcastFeed.guid(server.url(path)).toString(), feed.path("guid").asText(), path + ": " + feed);
            assertTrue(feed.path("locked").asBoolean(), path + " locked: " + feed.path("locked"));
            assertEquals("podcasts@example.org", feed.path("podcastOwner").asText(), path);
        }
    }

    @Test
    void everyEpisodeHasCaptionsATranscriptAndChaptersThatAnswer() throws Exception {
        JsonNode items = partytime("/feed.xml").path("items");
        assertTrue(items.size() > 0);
        for (JsonNode item : items) {
            List<String> types = new ArrayList<>();
            for (JsonNode t : item.path("podcastTranscripts")) {
                types.add(t.path("type").asText());
                HttpResponse<String> r = server.get(path(t.path("url").asText()));
                assertEquals(200, r.statusCode(), t.toString());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith(t.path("type").asText()), t.toString());
            }
            assertEquals(List.of("text/vtt", "text/html"), types, item.path("title").asText());
            JsonNode chapters = item.path("podcastChapters");
            assertEquals("application/json+chapters", chapters.path("type").asText(), item.toString());
            HttpResponse<String> r = server.get(path(chapters.path("url").asText()));
            assertEquals(200, r.statusCode());
            JsonNode json = new ObjectMapper().readTree(r.body());
            assertEquals("1.2.0", json.path("version").asText());
            assertEquals(0, json.path("chapters").path(0).path("startTime").asDouble());
            String chapter = json.path("chapters").path(0).path("title").asText();
            assertTrue(!chapter.isBlank() && item.path("title").asText().startsWith(chapter), chapter + " / " + item.path("title"));
        }
    }

    @Test
    void reviewingAPageAgainKeepsEveryEpisodesGuid() throws Exception {
        List<String> before = guids();
        Path page = Files.list(content.resolve("pages")).filter(p -> p.toString().endsWith(".md")).findFirst().orElseThrow();
        String original = Files.readString(page);
        try {
            Files.writeString(page, original.replaceFirst("reviewed: \\d{4}-\\d{2}-\\d{2}", "reviewed: 2026-12-01"));
            server.store().replace(App.snapshot(App.load(content)));
            assertTrue(server.get("/feed.xml").body().contains("Tue, 1 Dec 2026"), "the review date took effect");
            assertEquals(new java.util.TreeSet<>(before), new java.util.TreeSet<>(guids()));
        } finally {
            Files.writeString(page, original);
            server.store().replace(App.snapshot(App.load(content)));
        }
    }

    static List<String> guids() throws Exception {
        List<String> guids = new ArrayList<>();
        Jsoup.parse(server.get("/feed.xml").body(), "", org.jsoup.parser.Parser.xmlParser()).select("item > guid")
                .forEach(g -> guids.add(g.text()));
        assertTrue(!guids.isEmpty());
        return guids;
    }

    static String path(String url) {
        assertTrue(url.startsWith(server.url("/")), url);
        return url.substring(server.url("").length());
    }
}
