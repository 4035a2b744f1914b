package app.earshot.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class PodcastFeedTest {
    static final PodcastFeed.Episode EPISODE = new PodcastFeed.Episode("Fish & <Chips>", "\"Quoted\" ]]> text", "https://x.org/a",
            "earshot:a:2026-01-02", LocalDate.of(2026, 1, 2).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), "https://x.org/audio/a.mp3",
            1234, 3725.4, 1, 1, "Fish");

    @Test
    void markupInTextStaysText() throws Exception {
        String rss = PodcastFeed.rss(new PodcastFeed.Show("Show & Tell", "d", "en", "Org", "https://x.org/", "https://x.org/feed.xml", "Org", "",
                "https://x.org/artwork.png", List.of(EPISODE)));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(rss.getBytes(StandardCharsets.UTF_8)));
        assertEquals("Fish & <Chips>", doc.getElementsByTagName("item").item(0).getFirstChild().getTextContent());
        assertEquals("\"Quoted\" ]]> text", doc.getElementsByTagName("description").item(1).getTextContent());
    }

    @Test
    void durationIsHoursMinutesSeconds() {
        assertEquals("01:02:05", PodcastFeed.duration(3725.4));
        assertEquals("00:00:38", PodcastFeed.duration(37.6));
    }

    @Test
    void datesAreRfc822AtMidnightGmt() {
        assertEquals("Fri, 2 Jan 2026 00:00:00 GMT", PodcastFeed.rfc822(LocalDate.of(2026, 1, 2)));
    }

    @Test
    void playlistEntriesAreTwoLinesEvenIfATitleHasALineBreak() {
        assertEquals("#EXTM3U\n#PLAYLIST:P\n#EXTINF:38,One two\nhttps://x.org/a.mp3\n",
                Playlist.m3u("P", List.of(new Playlist.Entry(37.6, "One\ntwo", "https://x.org/a.mp3"))));
    }
}
