package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.feed.PodcastFeed;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A podcast feed per language on the bilingual fixture: /feed.xml in the site's language, /feed.es.xml in Spanish. */
class LanguageFeedsTest {
    @TempDir
    static Path content;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startWarmOnCopy(app.earshot.Fixture.BILINGUAL, content);
        PodcastNamespaceTest.installPartytime();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Document feed(String path) {
        HttpResponse<String> response = server.get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return Jsoup.parse(response.body(), "", Parser.xmlParser());
    }

    /** The pages the feed's episodes are from. */
    static List<String> pages(Document feed) {
        return feed.select("item > link").eachText().stream().map(l -> l.substring(server.url("/").length()).split("/")[0])
                .distinct().toList();
    }

    @Test
    void theSiteFeedHasTheSiteLanguageAndOnlyItsPages() {
        Document feed = feed("/feed.xml");
        assertEquals("en", feed.selectFirst("channel > language").text());
        assertEquals(List.of("about-ketamine"), pages(feed));
    }

    @Test
    void theSpanishFeedHasSpanishAndOnlySpanishPages() {
        Document feed = feed("/feed.es.xml");
        assertEquals("es", feed.selectFirst("channel > language").text());
        assertEquals(List.of("acerca-de-la-ketamina"), pages(feed));
        assertTrue(feed.selectFirst("channel > title").text().contains("Español"), feed.selectFirst("channel > title").text());
    }

    @Test
    void eachLanguagesFeedIsAShowOfItsOwn() {
        String spanish = feed("/feed.es.xml").selectFirst("channel > podcast|guid").text();
        assertEquals(PodcastFeed.guid(server.url("/feed.es.xml")).toString(), spanish);
        assertNotEquals(feed("/feed.xml").selectFirst("channel > podcast|guid").text(), spanish);
    }

    @Test
    void aSpanishPagesFeedIsInSpanish() {
        assertEquals("es", feed("/acerca-de-la-ketamina/feed.xml").selectFirst("channel > language").text());
    }

    @Test
    void eachPageLinksTheFeedOfItsLanguage() {
        assertEquals("/feed.es.xml", server.html("/acerca-de-la-ketamina").selectFirst("link[rel=alternate][type=application/rss+xml]").attr("href"));
        assertEquals("/feed.xml", server.html("/about-ketamine").selectFirst("link[rel=alternate][type=application/rss+xml]").attr("href"));
    }

    @Test
    void theSiteLanguagesFeedHasOneAddress() {
        HttpResponse<String> response = server.get("/feed.en.xml");
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("/feed.xml"), response.body());
    }

    @Test
    void aLanguageTheSiteDoesNotPublishHasNoFeed() {
        HttpResponse<String> response = server.get("/feed.fr.xml");
        assertEquals(404, response.statusCode());
        assertTrue(response.body().contains("/feed.es.xml"), response.body());
        assertFalse(response.body().contains("Exception"));
    }

    @Test
    void theStaticExportWritesTheSpanishFeed() {
        assertTrue(app.earshot.export.ExportRoots.of(server.site()).contains("/feed.es.xml"));
    }

    @Test
    void podcastPartytimeReadsTheSpanishFeed() throws Exception {
        JsonNode feed = PodcastNamespaceTest.parse(server.get("/feed.es.xml").body());
        assertEquals("es", feed.path("language").asText(), feed.toString());
        assertEquals(PodcastFeed.guid(server.url("/feed.es.xml")).toString(), feed.path("guid").asText());
        assertEquals(11, feed.path("items").size());
    }
}
