package app.earshot.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topics: listed in site.yaml, named by every page, checked with file:line messages. */
class TopicsTest {
    static final String SITE = "title: T\nlanguage: en\norganisation: O\ntopics:\n  - id: aftercare\n    title: Aftercare\n"
            + "  - id: billing\n    title: Billing\n";
    static final String FRONT = "---\ntitle: A Page\nreviewed: 2026-01-02\nnext-review: 2027-01-02\n";
    static final String BODY = "---\n## One\n\nText.\n";

    @TempDir
    Path dir;

    List<String> problems(String site, String page) throws IOException {
        Files.writeString(dir.resolve("site.yaml"), site);
        Files.createDirectories(dir.resolve("pages"));
        Files.writeString(dir.resolve("pages/page.md"), page);
        try {
            new ContentLoader().load(dir);
            return List.of();
        } catch (ContentException e) {
            return e.problems();
        }
    }

    String page() {
        return dir.resolve("pages/page.md").toString();
    }

    @Test
    void pageWithAListedTopicLoadsUnderIt() throws Exception {
        assertEquals(List.of(), problems(SITE, FRONT + "topic: billing\n" + BODY));
        assertEquals("billing", new ContentLoader().load(dir).pages().get(0).topic());
    }

    @Test
    void missingTopicIsAnErrorOnTheFrontMatter() throws IOException {
        assertEquals(List.of(page() + ":2: missing topic in front matter; one of: aftercare, billing"), problems(SITE, FRONT + BODY));
    }

    @Test
    void unknownTopicIsAnErrorOnItsLine() throws IOException {
        assertEquals(List.of(page() + ":5: unknown topic 'afterkare'; site.yaml lists: aftercare, billing"),
                problems(SITE, FRONT + "topic: afterkare\n" + BODY));
    }

    @Test
    void topicOnASiteWithoutTopicsIsAnError() throws IOException {
        assertEquals(List.of(page() + ":5: topic 'billing' is not listed: site.yaml has no topics; add a topics list there or remove this line"),
                problems("title: T\nlanguage: en\norganisation: O\n", FRONT + "topic: billing\n" + BODY));
    }

    @Test
    void siteTopicsKeepTheirOrderAndTitles() throws Exception {
        problems(SITE, FRONT + "topic: aftercare\n" + BODY);
        assertEquals(List.of(new Topic("aftercare", "Aftercare"), new Topic("billing", "Billing")), new ContentLoader().load(dir).topics());
    }

    @Test
    void topicListedTwiceIsAnErrorOnItsLine() throws IOException {
        assertEquals(List.of(dir.resolve("site.yaml") + ":9: topic 'aftercare' is listed twice"),
                problems(SITE + "  - id: aftercare\n    title: Again\n", FRONT + "topic: aftercare\n" + BODY));
    }

    @Test
    void topicWithoutTitleIsAnError() throws IOException {
        assertEquals(List.of(dir.resolve("site.yaml") + ":5: topic 'consent' needs a title"),
                problems("title: T\nlanguage: en\norganisation: O\ntopics:\n  - id: consent\n", FRONT + "topic: consent\n" + BODY));
    }

    @Test
    void bundledLibraryFixtureIsValid() throws Exception {
        assertEquals(4, new ContentLoader().load(Path.of("src/test/resources/library")).pages().size());
    }
}
