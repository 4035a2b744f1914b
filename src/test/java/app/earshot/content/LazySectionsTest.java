package app.earshot.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loading checks every page in full but makes a page's sections (HTML, blocks) only when something reads them. */
class LazySectionsTest {
    static final Path LIBRARY = Path.of("src/test/resources/library");

    static boolean made(Page page) {
        return ((LazySections) page.sections()).made();
    }

    @Test
    void loadingMakesNoSectionsYet() throws Exception {
        Site site = new ContentLoader().load(LIBRARY);
        assertTrue(site.pages().stream().noneMatch(LazySectionsTest::made));
    }

    @Test
    void sectionCountIsKnownWithoutMakingSections() throws Exception {
        Site site = new ContentLoader().load(LIBRARY);
        int counted = site.sectionCount();
        assertTrue(site.pages().stream().noneMatch(LazySectionsTest::made));
        assertEquals(11, counted);
        assertEquals(counted, site.pages().stream().mapToInt(p -> List.copyOf(p.sections()).size()).sum());
    }

    @Test
    void sectionsMadeOnFirstUseAreThoseAnEagerParseMakes() throws Exception {
        Path file = LIBRARY.resolve("pages/ketamine-infusions.md");
        String source = Files.readString(file);
        PageParser parser = new PageParser();
        Page lazy = parser.parse(file.toString(), "ketamine-infusions", source).page();
        assertEquals(parser.parseEagerly(file.toString(), "ketamine-infusions", source, null).page().sections(), List.copyOf(lazy.sections()));
        assertTrue(made(lazy));
    }

    @Test
    void problemsInThePageLastSectionAreReportedAtLoad() {
        Path dir = Path.of("src/test/resources/library-late-problems");
        String file = dir.resolve("pages/long-page.md").toString();
        List<String> problems = assertThrows(ContentException.class, () -> new ContentLoader().load(dir)).problems();
        assertEquals(List.of(file + ":25: image 'scan.png' has no alt text; write ![what it shows](scan.png)",
                file + ":27: table without a caption; add a line 'Table: what the table shows' just before it"), problems);
    }

    @Test
    void sectionsAreMadeOnceForAllThreads() throws Exception {
        Page page = new ContentLoader().load(LIBRARY).pages().get(0);
        List<Section> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        List<Thread> threads = java.util.stream.IntStream.range(0, 4).mapToObj(i -> new Thread(() -> seen.add(page.sections().get(0)))).toList();
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join();
        assertTrue(seen.stream().allMatch(s -> s == seen.get(0)));
        assertFalse(seen.get(0).html().isEmpty());
    }
}
