package app.earshot.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.content.Page;
import com.rometools.modules.itunes.EntryInformation;
import com.rometools.modules.itunes.ITunes;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library feed as the library grows, read with Rome: a page is added and another reviewed again, the content
 * reloaded, and the episodes that did not change keep their GUIDs, times and order, while the new and the reviewed
 * page's episodes come after them, in serial order and by date alike; the reviewed page's episodes keep their GUIDs.
 */
class FeedOrderTest {
    static final Path LIBRARY = Path.of("src/test/resources/library");
    static Path content;
    static TestServer server;
    static List<SyndEntry> before;
    static List<SyndEntry> after;

    @BeforeAll
    static void growTheLibrary() throws Exception {
        content = Files.createTempDirectory("earshot-feed-order");
        TestServer.copyTree(LIBRARY, content);
        server = TestServer.start(content);
        before = feed();
        Files.writeString(content.resolve("pages/aftercare-at-home.md"), "---\ntitle: Aftercare at home\nsummary: Looking after yourself.\n"
                + "reviewed: 2026-11-20\nnext-review: 2027-11-20\ntopic: aftercare\n---\n\nRest at home.\n\n## Eating\n\nEat light food.\n");
        Path visit = content.resolve("pages/before-your-visit.md");
        Files.writeString(visit, Files.readString(visit).replace("reviewed: 2026-10-03", "reviewed: 2026-11-25"));
        server.store().replace(App.snapshot(App.load(content)));
        after = feed();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The library feed once every page's audio is made (the feed lists only ready episodes), parsed by Rome. */
    static List<SyndEntry> feed() throws Exception {
        for (Page page : server.site().pages()) server.warm(page);
        byte[] body = server.getBytes("/feed.xml").body();
        return new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(body))).getEntries();
    }

    static boolean untouched(SyndEntry e) {
        return !e.getUri().contains("/before-your-visit/") && !e.getUri().contains("/aftercare-at-home/");
    }

    static Map<String, Date> times(List<SyndEntry> entries) {
        Map<String, Date> out = new LinkedHashMap<>();
        for (SyndEntry e : entries) if (untouched(e)) out.put(e.getUri(), e.getPublishedDate());
        return out;
    }

    static List<SyndEntry> serial(List<SyndEntry> entries) {
        List<SyndEntry> ordered = new ArrayList<>(entries);
        ordered.sort(Comparator.comparing((SyndEntry e) -> info(e).getSeason()).thenComparing(e -> info(e).getEpisode()));
        return ordered;
    }

    static EntryInformation info(SyndEntry e) {
        return (EntryInformation) e.getModule(ITunes.URI);
    }

    @Test
    void unchangedEpisodesKeepTheirGuidsTimesAndOrder() {
        assertEquals(times(before), times(after));
        assertEquals(serial(before).stream().filter(FeedOrderTest::untouched).map(SyndEntry::getUri).toList(),
                serial(after).stream().filter(FeedOrderTest::untouched).map(SyndEntry::getUri).toList());
    }

    @Test
    void theNewAndTheReviewedPagesComeLastInSerialOrderAndByDate() {
        List<String> last = serial(after).subList(after.size() - 5, after.size()).stream().map(SyndEntry::getUri).toList();
        assertEquals(List.of(server.url("/aftercare-at-home/introduction"), server.url("/aftercare-at-home/eating"),
                server.url("/before-your-visit/introduction")), last.subList(0, 3));
        List<SyndEntry> serial = serial(after);
        for (int i = 1; i < serial.size(); i++) {
            assertTrue(serial.get(i).getPublishedDate().after(serial.get(i - 1).getPublishedDate()), serial.get(i).getUri());
        }
    }

    @Test
    void aReviewedPageKeepsItsEpisodesGuidsAndMovesTheirDates() {
        String guid = server.url("/before-your-visit/introduction");
        SyndEntry was = before.stream().filter(e -> e.getUri().equals(guid)).findFirst().orElseThrow();
        SyndEntry is = after.stream().filter(e -> e.getUri().equals(guid)).findFirst().orElseThrow();
        assertTrue(is.getPublishedDate().after(was.getPublishedDate()), was.getPublishedDate() + " -> " + is.getPublishedDate());
        assertEquals(before.size() + 2, after.size(), "the new page's two sections");
    }
}
