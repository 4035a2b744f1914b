package app.earshot.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A value derived from a load is made once for that load, and a new load starts without it. */
class MemosTest {
    static final Memos.Key<Integer> COUNT = new Memos.Key<>("count");
    static final Path LIBRARY = Path.of("src/test/resources/library");

    @Test
    void aMemoIsMadeOncePerLoad() throws Exception {
        Site site = new ContentLoader().load(LIBRARY);
        AtomicInteger made = new AtomicInteger();
        site.memos().get(COUNT, made::incrementAndGet);
        assertEquals(1, site.memos().get(COUNT, made::incrementAndGet));
    }

    @Test
    void aNewLoadStartsWithoutTheOldLoadsMemos() throws Exception {
        Site site = new ContentLoader().load(LIBRARY);
        site.memos().get(COUNT, () -> 1);
        assertFalse(new ContentLoader().load(LIBRARY).memos().has(COUNT));
        assertFalse(site.withBaseUrl("https://example.org").memos().has(COUNT));
        assertTrue(site.memos().has(COUNT));
    }

    @Test
    void memosDoNotMakeTwoLoadsOfTheSameFilesDiffer() throws Exception {
        Site first = new ContentLoader().load(LIBRARY);
        first.memos().get(COUNT, () -> 1);
        assertEquals(first, new ContentLoader().load(LIBRARY));
    }
}
