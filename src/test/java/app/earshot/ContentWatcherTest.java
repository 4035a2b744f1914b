package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.snapshot.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentWatcherTest {
    @TempDir
    Path content;
    /** A generous bound for a noisy machine; the target of 2 s is measured in bench/. */
    static final Duration LIMIT = Duration.ofSeconds(10);
    TestServer server;
    ContentWatcher watcher;
    Path page;

    @BeforeEach
    void start() throws Exception {
        try (Stream<Path> files = Files.walk(Fixture.SITE)) {
            for (Path p : files.toList()) {
                Path target = content.resolve(Fixture.SITE.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        page = content.resolve("pages/about-ketamine.md");
        server = TestServer.start(content);
        watcher = new ContentWatcher(content, server.store(), snapshot -> {}).start();
    }

    @AfterEach
    void stop() {
        watcher.close();
        server.close();
    }

    @Test
    void savedEditIsServed() throws Exception {
        Files.writeString(page, Files.readString(page).replace("In 2019, the FDA approved", "In 2019 the FDA approved"));
        Await.until(LIMIT, () -> server.get("/about-ketamine/fda-breakthrough-status").body().contains("In 2019 the FDA approved"), "the edit is served");
    }

    @Test
    void brokenEditKeepsTheLastGoodContentAndReportsDegraded() throws Exception {
        String good = Files.readString(page);
        Files.writeString(page, good.replace("## Is Ketamine Therapy Right for You?", "#### Is Ketamine Therapy Right for You?"));
        Await.until(LIMIT, () -> server.get("/healthz").body().contains("\"degraded\""), "health reports degraded");
        String health = server.get("/healthz").body();
        assertTrue(health.contains("about-ketamine.md:") && health.contains("heading level jumps"), health);
        assertEquals(200, server.get("/about-ketamine/research-evidence").statusCode());
        Files.writeString(page, good);
        Await.until(LIMIT, () -> server.get("/healthz").body().contains("\"ok\""), "health reports ok again");
    }

    @Test
    void oversizePageKeepsTheLastGoodContentAndHealthNamesTheLimit() throws Exception {
        Path big = content.resolve("pages/big.md");
        Files.writeString(big, app.earshot.content.ContentLoaderTest.longPage(130, 1 << 20));
        Await.until(LIMIT, () -> server.get("/healthz").body().contains("\"degraded\""), "health reports degraded");
        String health = server.get("/healthz").body();
        assertTrue(health.contains("big.md:1: page is ") && health.contains("the limit is " + app.earshot.content.ContentLoader.MAX_PAGE_BYTES + " bytes"), health);
        assertEquals(200, server.get("/about-ketamine/research-evidence").statusCode());
        assertEquals(404, server.get("/big").statusCode());
        Files.delete(big);
        Await.until(LIMIT, () -> server.get("/healthz").body().contains("\"ok\""), "health reports ok again");
    }

    @Test
    void lexiconEditChangesWhatIsSpoken() throws Exception {
        Path pls = content.resolve("lexicon.pls");
        Files.writeString(pls, Files.readString(pls).replace("<alias>N-M-D-A</alias>", "<alias>N M D A</alias>"));
        Await.until(LIMIT, () -> server.get("/audio/about-ketamine/how-does-ketamine-work.txt").body().contains("N M D A receptors"), "the lexicon edit is spoken");
    }

    @Test
    void newPageAppears() throws Exception {
        Files.writeString(content.resolve("pages/aftercare.md"),
                "---\ntitle: Aftercare\nsummary: After a session\nreviewed: 2026-11-01\nnext-review: 2027-11-01\ntopic: aftercare\n---\n\n## Resting\n\nRest for the day.\n");
        Await.until(LIMIT, () -> server.get("/aftercare").statusCode() == 200, "the new page is served");
    }

    @Test
    void editsAreServedAfterThePagesFolderIsReplaced() throws Exception {
        // A deploy that copies a new pages folder in place of the old one (rm -r pages && cp -r new/pages pages).
        Path old = Files.move(content.resolve("pages"), content.resolve("pages-old"));
        TestServer.copyTree(old, content.resolve("pages"));
        try (Stream<Path> files = Files.walk(old)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
        Thread.sleep(3 * ContentWatcher.QUIET_MILLIS);
        Files.writeString(page, Files.readString(page).replace("In 2019, the FDA approved", "In 2019 the FDA approved"));
        Await.until(LIMIT, () -> server.get("/about-ketamine/fda-breakthrough-status").body().contains("In 2019 the FDA approved"), "the edit is served");
    }

    @Test
    void aMessagesFolderMadeAfterStartIsWatched() throws Exception {
        Path messages = Files.createDirectory(content.resolve("messages"));
        Thread.sleep(3 * ContentWatcher.QUIET_MILLIS);
        Files.writeString(messages.resolve("en.properties"), "layout.skip=Go to the content\n");
        Await.until(LIMIT, () -> server.get("/").body().contains(">Go to the content<"), "the new catalogue is served");
    }

    @Test
    void savesThatChangeNothingKeepTheSnapshotAndItsLastModified() throws Exception {
        Snapshot before = server.store().current();
        String script = "/audio/about-ketamine/fda-breakthrough-status.txt";
        String modified = server.get(script).headers().firstValue("Last-Modified").orElseThrow();
        Thread.sleep(1100); // Last-Modified is in whole seconds
        // What editors leave around a save that changes no word: a swap file, a backup, the same bytes written again.
        Path swap = content.resolve("pages/.about-ketamine.md.swp");
        Files.writeString(swap, "swap");
        Files.copy(page, content.resolve("pages/about-ketamine.md~"));
        Files.writeString(page, Files.readString(page));
        Files.delete(swap);
        Thread.sleep(6 * ContentWatcher.QUIET_MILLIS); // waiting for nothing to happen: time for a reload to have been done
        assertSame(before, server.store().current());
        assertEquals(modified, server.get(script).headers().firstValue("Last-Modified").orElseThrow());
        Files.writeString(page, Files.readString(page).replace("In 2019, the FDA approved", "In 2019 the FDA approved"));
        Await.until(LIMIT, () -> server.get("/about-ketamine/fda-breakthrough-status").body().contains("In 2019 the FDA approved"), "a real edit is still served");
    }

    @Test
    void editsAreServedBesideAnEditorsLockAndAMacsMetadataFile() throws Exception {
        // Emacs' lock is a plain file where symlinks cannot be made (a shared drive); a Mac writes ._name beside each file there.
        Files.writeString(content.resolve("pages/.#about-ketamine.md"), "editor@clinic-pc.4242:1700000000");
        Files.write(content.resolve("pages/._about-ketamine.md"), new byte[] {0, 5, 22, 7, 0, 2, 0, 0, (byte) 0xff});
        Files.createDirectories(content.resolve("messages"));
        Files.write(content.resolve("messages/._en.properties"), new byte[] {0, 5, 22, 7, 0, 2, 0, 0, (byte) 0xff});
        Files.writeString(page, Files.readString(page).replace("In 2019, the FDA approved", "In 2019 the FDA approved"));
        Await.until(LIMIT, () -> server.get("/about-ketamine/fda-breakthrough-status").body().contains("In 2019 the FDA approved"), "the edit is served");
        assertTrue(server.get("/healthz").body().contains("\"ok\""));
    }

    @Test
    void aVoiceThatCannotSpeakIsABrokenEditAndTheAudioKeepsBeingServed() throws Exception {
        // FreeTTS's other voice, kevin, speaks 8 kHz: taken, it left every clip of every page answering 503.
        Path yaml = content.resolve("site.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("voice: kevin16", "voice: kevin"));
        Await.until(LIMIT, () -> server.get("/healthz").body().contains("\"degraded\""), "health reports degraded");
        assertTrue(server.get("/healthz").body().contains("site.yaml:"), server.get("/healthz").body());
        assertEquals(200, server.get("/audio/about-ketamine/fda-breakthrough-status.mp3").statusCode());
    }

    @Test
    void aContentFolderSwappedInWholeIsServedAndWatched(@TempDir Path base) throws Exception {
        // The atomic deploy: the new content is copied beside the old, then the two folders are renamed.
        Path served = base.resolve("content");
        TestServer.copyTree(content, served);
        try (TestServer other = TestServer.start(served);
             ContentWatcher swapped = new ContentWatcher(served, other.store(), snapshot -> {}).start()) {
            Path next = base.resolve("content.new");
            TestServer.copyTree(served, next);
            Path nextPage = next.resolve("pages/about-ketamine.md");
            Files.writeString(nextPage, Files.readString(nextPage).replace("In 2019, the FDA approved", "In 2019 the FDA approved"));
            Files.move(served, base.resolve("content.old"));
            Files.move(next, served);
            Await.until(LIMIT, () -> other.get("/about-ketamine/fda-breakthrough-status").body().contains("In 2019 the FDA approved"), "the new folder is served");
            Path page = served.resolve("pages/about-ketamine.md");
            Files.writeString(page, Files.readString(page).replace("## FDA Breakthrough Status", "## FDA Breakthrough Designation"));
            Await.until(LIMIT, () -> other.get("/about-ketamine/fda-breakthrough-designation").statusCode() == 200, "an edit there is served");
        }
    }
}
