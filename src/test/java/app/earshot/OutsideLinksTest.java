package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.content.ContentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Content is read only from inside the content folder: a symbolic link in it that leads outside (a page, site.yaml, a
 * lexicon, the messages folder, linked to a file elsewhere on the server, as a cloned repository or a careless
 * {@code ln -s} can bring) is a problem naming the link, and nothing is read through it: the server's other files are
 * never published as a page or echoed in a problem. Links that stay inside the folder, and a content folder that is
 * itself a link (an atomic deploy's {@code ln -sfn}), are fine.
 */
class OutsideLinksTest {
    static final String SECRET = "SECRET-OUTSIDE-TEXT";

    @TempDir
    Path dir;
    Path content;
    Path outside;

    @BeforeEach
    void copyTheFixture() throws Exception {
        content = dir.resolve("content");
        TestServer.copyTree(Fixture.SITE, content);
        outside = dir.resolve("elsewhere");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("page.md"), "---\ntitle: " + SECRET + "\nsummary: " + SECRET
                + "\ntopic: aftercare\nreviewed: 2026-01-02\nnext-review: 2027-01-02\n---\n" + SECRET + "\n\n## One\n\n" + SECRET + "\n");
        Files.writeString(outside.resolve("notes.txt"), SECRET + "\n" + SECRET + ": [\n<" + SECRET + ">\n");
    }

    @Test
    void aPageLinkedToAFileOutsideIsAProblemAndIsNotRead() throws Exception {
        Files.createSymbolicLink(content.resolve("pages/leak.md"), outside.resolve("page.md"));
        assertRefused(content.resolve("pages/leak.md"));
    }

    @Test
    void siteYamlALexiconOrTheMessagesFolderLinkedOutsideAreProblemsAndAreNotRead() throws Exception {
        Files.move(content.resolve("site.yaml"), outside.resolve("site.yaml"));
        Files.createSymbolicLink(content.resolve("site.yaml"), outside.resolve("site.yaml"));
        Files.deleteIfExists(content.resolve("lexicon.pls"));
        Files.createSymbolicLink(content.resolve("lexicon.pls"), outside.resolve("notes.txt"));
        Files.createDirectories(outside.resolve("messages"));
        Files.writeString(outside.resolve("messages/en.properties"), "footer.note=" + SECRET + "\n" + SECRET + "\n");
        Files.createSymbolicLink(content.resolve("messages"), outside.resolve("messages"));
        ContentException e = assertThrows(ContentException.class, () -> App.load(content));
        for (String name : List.of("site.yaml", "lexicon.pls", "messages")) {
            assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(content.resolve(name) + ":1: ") && p.contains("outside the content folder")),
                    name + ": " + e.problems());
        }
        assertTrue(e.problems().stream().noneMatch(p -> p.contains(SECRET)), e.problems().toString());
    }

    @Test
    void linksInsideTheFolderAHiddenEditorsLockAndALinkedContentFolderAreFine() throws Exception {
        Files.createDirectories(content.resolve("shared"));
        Files.copy(content.resolve("pages/about-ketamine.md"), content.resolve("shared/ketamine-basics.md"));
        Files.createSymbolicLink(content.resolve("pages/ketamine-basics.md"), Path.of("../shared/ketamine-basics.md"));
        // Emacs' lock: a dangling link whose target names the editor, hidden, never a page.
        Files.createSymbolicLink(content.resolve("pages/.#about-ketamine.md"), Path.of("nurse@clinic.4242:1700000000"));
        Path linked = dir.resolve("current");
        Files.createSymbolicLink(linked, content);
        App.Content loaded = App.load(linked);
        assertTrue(loaded.site().page("ketamine-basics").isPresent());
        assertEquals(2, loaded.site().pages().size());
    }

    private void assertRefused(Path link) {
        ContentException e = assertThrows(ContentException.class, () -> App.load(content));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(link + ":1: ") && p.contains("outside the content folder")), e.problems().toString());
        assertTrue(e.problems().stream().noneMatch(p -> p.contains(SECRET)), e.problems().toString());
    }
}
