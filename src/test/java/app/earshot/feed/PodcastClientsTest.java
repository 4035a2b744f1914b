package app.earshot.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.TestServer;
import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.FeedInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The podcast feeds as a maintained feed library (Rome with its iTunes module) reads them, checked against the
 * published requirements of Apple Podcasts and Spotify that apply to Earshot: channel title, description, language,
 * category, explicit flag, owner with e-mail, square RGB PNG/JPEG art of 1400 to 3000 pixels, serial type; per episode
 * a title, an MP3 enclosure whose length is its exact size and which answers byte ranges, a unique GUID, a unique
 * enclosure URL, a duration, season and episode numbers, and distinct publication dates in episode order; text within
 * Apple's 255-character limit (4,000 for summaries).
 */
class PodcastClientsTest {
    static TestServer server;
    static TestServer fixture;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        fixture = TestServer.start(Path.of("src/test/resources/podcast-site"));
        // The feeds list only audio that is ready (they never wait for synthesis): warm first, as a running server does.
        for (TestServer on : List.of(server, fixture)) on.site().pages().forEach(page -> on.warm(page));
    }

    @AfterAll
    static void stop() {
        server.close();
        fixture.close();
    }

    static SyndFeed rome(TestServer on, String path) throws Exception {
        HttpResponse<byte[]> response = on.getBytes(path);
        assertEquals(200, response.statusCode(), path);
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
    }

    static HttpResponse<byte[]> fetch(TestServer on, String url, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) request.headers(headers);
        return on.getBytes(request);
    }

    /** Every rule both directories publish for a show, applied to {@code feed}. */
    static void assertPublishable(TestServer on, SyndFeed feed) throws Exception {
        FeedInformation show = (FeedInformation) feed.getModule(ITunes.URI);
        assertNotNull(show, "iTunes namespace");
        for (String required : List.of(feed.getTitle(), feed.getDescription(), feed.getLanguage(), feed.getLink())) {
            assertFalse(required == null || required.isBlank());
        }
        assertTrue(feed.getTitle().length() <= 255 && show.getSummary().length() <= 4000);
        assertFalse(show.getCategories().isEmpty());
        assertFalse(show.getExplicitNullable() == null || show.getExplicitNullable());
        assertEquals("serial", show.getType());
        assertFalse(show.getOwnerName() == null || show.getOwnerName().isBlank());
        assertArtwork(on, show.getImageUri());

        Set<String> guids = new HashSet<>();
        Set<String> enclosures = new HashSet<>();
        List<SyndEntry> entries = feed.getEntries();
        assertFalse(entries.isEmpty());
        for (SyndEntry entry : entries) {
            EntryInformation episode = (EntryInformation) entry.getModule(ITunes.URI);
            assertTrue(entry.getTitle().length() <= 255 && !entry.getTitle().isBlank());
            assertTrue(guids.add(entry.getUri()), "GUIDs are unique");
            SyndEnclosure enclosure = entry.getEnclosures().get(0);
            assertEquals("audio/mpeg", enclosure.getType());
            assertTrue(enclosures.add(enclosure.getUrl()), "no enclosure URL twice (Apple ignores repeats)");
            HttpResponse<byte[]> mp3 = fetch(on, enclosure.getUrl());
            assertEquals(enclosure.getLength(), mp3.body().length);
            assertEquals(206, fetch(on, enclosure.getUrl(), "Range", "bytes=0-99").statusCode(), "byte ranges enabled");
            assertTrue(episode.getDuration().getMilliseconds() > 0);
            assertNotNull(episode.getEpisode());
            assertEquals("full", episode.getEpisodeType());
            assertNotNull(entry.getPublishedDate());
        }
        // Serial order: by season then episode number, each episode published after the one before.
        List<SyndEntry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparing((SyndEntry e) -> season(e)).thenComparing(e -> ((EntryInformation) e.getModule(ITunes.URI)).getEpisode()));
        for (int i = 1; i < ordered.size(); i++) {
            assertTrue(ordered.get(i).getPublishedDate().after(ordered.get(i - 1).getPublishedDate()), ordered.get(i).getTitle());
        }
    }

    static int season(SyndEntry entry) {
        Integer season = ((EntryInformation) entry.getModule(ITunes.URI)).getSeason();
        return season == null ? 0 : season;
    }

    /** Apple: square, 1400 to 3000 pixels, JPEG or PNG, RGB colour space. */
    static void assertArtwork(TestServer on, String url) throws Exception {
        HttpResponse<byte[]> art = fetch(on, url);
        assertEquals(200, art.statusCode(), url);
        String type = art.headers().firstValue("Content-Type").orElse("");
        assertTrue(type.equals("image/png") || type.equals("image/jpeg"), type);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(art.body()));
        assertEquals(image.getWidth(), image.getHeight());
        assertTrue(image.getWidth() >= 1400 && image.getWidth() <= 3000, "width " + image.getWidth());
        assertEquals(ColorSpace.TYPE_RGB, image.getColorModel().getColorSpace().getType());
        assertFalse(image.getColorModel().hasAlpha());
    }

    @Test
    void theSiteFeedMeetsApplesAndSpotifysRequirements() throws Exception {
        assertPublishable(server, rome(server, "/feed.xml"));
    }

    @Test
    void aPageFeedMeetsThemToo() throws Exception {
        SyndFeed feed = rome(server, "/about-ketamine/feed.xml");
        assertPublishable(server, feed);
        assertEquals(Fixture.sectionCount(), feed.getEntries().size());
    }

    @Test
    void theFixtureFeedNamesItsOwnerWithEmailAndUsesTheAuthorsArt() throws Exception {
        SyndFeed feed = rome(fixture, "/feed.xml");
        assertPublishable(fixture, feed);
        FeedInformation show = (FeedInformation) feed.getModule(ITunes.URI);
        assertEquals("Fixture Clinic Podcasts", show.getOwnerName());
        assertEquals("podcasts@example.org", show.getOwnerEmailAddress());
        assertTrue(show.getImageUri().endsWith("/artwork.jpg"), show.getImageUri());
    }

    @Test
    void eachPageIsASeasonAndItsSectionsAreEpisodesInPageOrder() throws Exception {
        List<String> order = new ArrayList<>();
        for (SyndEntry e : rome(fixture, "/feed.xml").getEntries()) {
            EntryInformation episode = (EntryInformation) e.getModule(ITunes.URI);
            order.add(episode.getSeason() + "." + episode.getEpisode() + " " + episode.getTitle());
        }
        assertEquals(List.of("1.1 Introduction to First Aid", "1.2 Call for Help", "1.3 Keep Warm", "2.1 Introduction to Sleep",
                "2.2 Routine"), order);
    }

    @Test
    void withoutArtTheDefaultIsDrawnFromTheSiteTitle() throws Exception {
        HttpResponse<byte[]> art = server.getBytes("/artwork.png");
        assertEquals(200, art.statusCode());
        assertArtwork(server, server.url("/artwork.png"));
        assertEquals(404, server.getBytes("/artwork.jpg").statusCode());
        assertTrue(java.util.Arrays.equals(art.body(), server.getBytes("/artwork.png").body()), "cached: the same bytes again");
    }
}
