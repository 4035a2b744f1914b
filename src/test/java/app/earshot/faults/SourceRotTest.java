package app.earshot.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Speed;
import app.earshot.narration.Warmer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One step past an unreadable file: a section clip whose byte rots in place (size and time kept) after it was verified,
 * then a page made from it. Warming skips the page, discards the rotten section, and its next try makes both again,
 * instead of meeting the same section on every try until a restart.
 */
class SourceRotTest {
    @TempDir
    Path cache;

    @Test
    void aSectionThatRotsBeforeItsPageIsMadeIsMadeAgainByWarmingsNextTry() throws Exception {
        try (TestServer server = TestServer.start(DamagedCacheTest.CONTENT, cache, TestServer.SYNTHESIZER)) {
            Page page = server.site().pages().get(0);
            server.warm(page);
            byte[] good = server.getBytes("/audio/rest.wav").body();
            Path section = server.narrator().clips().sectionWav(server.voicing(), page, page.sections().get(0), Speed.NORMAL).audio().path();
            Path whole = server.narrator().clips().pageWav(server.voicing(), page, Speed.NORMAL).audio().path();
            BitRotTest.rot(section, Files.size(section) / 2);
            Files.delete(whole); // the page must be made again, from the rotten section

            Warmer warmer = new Warmer(server.narrator(), 0);
            warmer.run(server.voicing(), server.site());
            assertEquals(Warmer.State.RETRYING, warmer.status().state(), warmer.status().toString());
            assertTrue(warmer.status().skipped().getOrDefault(page.slug(), "").contains("changed on disk"), warmer.status().toString());

            warmer.run(server.voicing(), server.site()); // its next try
            assertEquals(Warmer.State.DONE, warmer.status().state(), warmer.status().toString());
            assertArrayEquals(good, server.getBytes("/audio/rest.wav").body());
            CacheCheck.assertEveryFileVerifies(cache);
        }
    }
}
