package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.audio.Mp3;
import app.earshot.feed.PodcastFeed;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class FeedRoutesTest {
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        // The feed lists only audio that is ready (it never waits for synthesis): warm first, as a running server does.
        server.site().pages().forEach(page -> server.warm(page));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Document xml(String body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    static String text(Element parent, String ns, String name) {
        NodeList list = ns == null ? parent.getElementsByTagName(name) : parent.getElementsByTagNameNS(ns, name);
        return list.getLength() == 0 ? null : list.item(0).getTextContent();
    }

    static List<Element> items(Document doc) {
        List<Element> items = new ArrayList<>();
        NodeList list = doc.getElementsByTagName("item");
        for (int i = 0; i < list.getLength(); i++) items.add((Element) list.item(i));
        return items;
    }

    static HttpResponse<byte[]> getAbsolute(String url) {
        return server.getBytes(HttpRequest.newBuilder(URI.create(url)));
    }

    @Test
    void feedIsWellFormedRss2WithTheShowInItunesTerms() throws Exception {
        HttpResponse<String> response = server.get("/feed.xml");
        assertEquals("application/rss+xml;charset=utf-8", response.headers().firstValue("Content-Type").orElse("").replace(" ", ""));
        Document doc = xml(response.body());
        Element rss = doc.getDocumentElement();
        assertEquals("rss", rss.getTagName());
        assertEquals("2.0", rss.getAttribute("version"));
        Element channel = (Element) rss.getElementsByTagName("channel").item(0);
        assertEquals("Earshot Patient Library", text(channel, null, "title"));
        assertEquals("en", text(channel, null, "language"));
        assertTrue(text(channel, null, "description").startsWith("Patient information"));
        assertEquals("Earshot Clinic", text(channel, PodcastFeed.ITUNES, "author"));
    }

    @Test
    void everySectionIsAnItemWhoseEnclosureLengthIsTheExactByteSize() throws Exception {
        List<Element> items = items(xml(server.get("/feed.xml").body()));
        assertEquals(Fixture.sectionCount(), items.size(), "sections only: a whole-page episode would repeat them");
        for (Element item : items) {
            Element enclosure = (Element) item.getElementsByTagName("enclosure").item(0);
            assertEquals("audio/mpeg", enclosure.getAttribute("type"));
            assertTrue(enclosure.getAttribute("url").startsWith(server.url("/audio/")), enclosure.getAttribute("url"));
            HttpResponse<byte[]> mp3 = getAbsolute(enclosure.getAttribute("url"));
            assertEquals(200, mp3.statusCode());
            assertEquals(Long.parseLong(enclosure.getAttribute("length")), mp3.body().length);
            assertEquals(PodcastFeed.duration(Mp3.inspect(mp3.body()).seconds()), text(item, PodcastFeed.ITUNES, "duration"));
            assertTrue(text(item, PodcastFeed.ITUNES, "duration").matches("\\d\\d:[0-5]\\d:[0-5]\\d"));
            assertEquals(200, getAbsolute(text(item, null, "link")).statusCode());
        }
        assertEquals("00:04:43".length(), text(items.get(0), PodcastFeed.ITUNES, "duration").length());
    }

    @Test
    void guidsAreStableNonPermalinksAndDatesAreOnTheReviewDate() throws Exception {
        List<Element> first = items(xml(server.get("/feed.xml").body()));
        List<Element> second = items(xml(server.get("/feed.xml").body()));
        List<String> guids = new ArrayList<>();
        for (int i = 0; i < first.size(); i++) {
            Element guid = (Element) first.get(i).getElementsByTagName("guid").item(0);
            assertEquals("false", guid.getAttribute("isPermaLink"));
            assertEquals(guid.getTextContent(), text(second.get(i), null, "guid"));
            guids.add(guid.getTextContent());
            ZonedDateTime date = ZonedDateTime.parse(text(first.get(i), null, "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME);
            assertEquals(java.time.LocalDate.of(2026, 11, 26), date.toLocalDate());
        }
        assertEquals(guids.size(), new java.util.HashSet<>(guids).size());
        assertTrue(guids.stream().noneMatch(g -> g.equals("earshot:about-ketamine:" + Fixture.frontMatter("reviewed"))), guids.toString());
        assertTrue(guids.contains(server.url("/about-ketamine/fda-breakthrough-status")), guids.toString());
        assertTrue(guids.stream().noneMatch(g -> g.contains(Fixture.frontMatter("reviewed").substring(0, 4))), "a GUID holds no date: " + guids);
    }

    @Test
    void configuredBaseUrlMakesEveryUrlAbsoluteOnIt(@TempDir Path content) throws Exception {
        TestServer.copyTree(Fixture.SITE, content);
        Path site = content.resolve("site.yaml");
        Files.writeString(site, Files.readString(site) + "\nbase-url: https://library.example.org/\n");
        try (TestServer configured = TestServer.start(content)) {
            String feed = configured.get("/feed.xml").body();
            Document doc = xml(feed);
            assertEquals("https://library.example.org/feed.xml",
                    ((Element) doc.getElementsByTagNameNS(PodcastFeed.ATOM, "link").item(0)).getAttribute("href"));
            for (Element item : items(doc)) {
                assertTrue(((Element) item.getElementsByTagName("enclosure").item(0)).getAttribute("url")
                        .startsWith("https://library.example.org/audio/about-ketamine"));
            }
            assertTrue(configured.get("/about-ketamine.m3u8").body().contains("\nhttps://library.example.org/audio/about-ketamine/"));
        }
    }

    @Test
    void playlistListsTheSectionsWithDurationsAndTitles() throws Exception {
        HttpResponse<String> response = server.get("/about-ketamine.m3u");
        assertEquals(200, response.statusCode());
        assertEquals("audio/x-mpegurl; charset=utf-8", response.headers().firstValue("Content-Type").orElse(""));
        List<String> lines = response.body().lines().toList();
        assertEquals("#EXTM3U", lines.get(0));
        List<String> extinf = lines.stream().filter(l -> l.startsWith("#EXTINF:")).toList();
        List<String> urls = lines.stream().filter(l -> !l.startsWith("#")).toList();
        assertEquals(Fixture.sectionCount(), extinf.size());
        assertEquals(Fixture.sectionCount(), urls.size());
        String last = server.site().pages().get(0).sections().get(extinf.size() - 1).heading();
        assertEquals("#EXTINF:" + Math.round(Mp3.inspect(getAbsolute(urls.get(urls.size() - 1)).body()).seconds()) + "," + last, extinf.get(extinf.size() - 1));
        assertTrue(extinf.get(0).endsWith(",Introduction to " + server.site().pages().get(0).title()), extinf.get(0));
        assertEquals(server.url("/audio/about-ketamine/introduction.mp3"), urls.get(0));
    }

    @Test
    void playlistRouteLeavesPagesAloneAndUnknownPagesAre404() {
        assertTrue(server.get("/about-ketamine").headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertEquals(404, server.get("/nope.m3u8").statusCode());
        assertEquals(404, server.get("/nope.m3u").statusCode());
        assertEquals(404, server.get("/nope/feed.xml").statusCode());
    }

    @Test
    void everyPageLinksTheFeedAndThePagePlayerLinksThePlaylist() {
        org.jsoup.nodes.Document doc = server.html("/about-ketamine");
        assertEquals("/feed.xml", doc.selectFirst("link[rel=alternate][type=application/rss+xml]").attr("href"));
        assertEquals("/about-ketamine.m3u", doc.selectFirst("main .listen a[href$=.m3u]").attr("href"));
    }

}
