package app.earshot.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PodcastGuidTest {
    @Test
    void theNamespacesOwnExampleFeedGetsItsPublishedGuid() {
        // podcastindex.org namespace 1.0, "guid": https://mp3s.nashownotes.com/pc20rss.xml -> 917393e3-1b1e-5cef-ace4-edaa54e1f810
        assertEquals("917393e3-1b1e-5cef-ace4-edaa54e1f810", PodcastFeed.guid("https://mp3s.nashownotes.com/pc20rss.xml").toString());
    }

    @Test
    void theSchemeAndTrailingSlashesDoNotChangeIt() {
        assertEquals(PodcastFeed.guid("podcastindex.org/namespace/1.0"), PodcastFeed.guid("http://podcastindex.org/namespace/1.0/"));
    }
}
