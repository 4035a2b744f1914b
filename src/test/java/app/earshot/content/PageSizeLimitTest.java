package app.earshot.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 19 item 9: a page too big for the server's heap is refused by loading (and so by check), with file:line. */
public class PageSizeLimitTest {
    @TempDir
    Path dir;

    /** A page of {@code sections} sections (the introduction counts as one), padded to at least {@code bytes}. */
    public static String page(int sections, int bytes) {
        StringBuilder md = new StringBuilder(ContentLoaderTest.FRONT).append("Introduction.\n");
        for (int i = 1; i < sections; i++) md.append("\n## Part ").append(i).append("\n\nText of part ").append(i).append(".\n");
        String filler = "Ask the clinic team if anything here is unclear to you.\n";
        while (md.length() < bytes) md.append('\n').append(filler);
        return md.toString();
    }

    /** Writes site.yaml and pages/page.md, loads, and returns the problems (empty if it loaded). */
    List<String> problems(String page) throws IOException {
        Files.writeString(dir.resolve("site.yaml"), ContentLoaderTest.SITE);
        Files.createDirectories(dir.resolve("pages"));
        Files.writeString(dir.resolve("pages/page.md"), page);
        try {
            new ContentLoader().load(dir);
            return List.of();
        } catch (ContentException e) {
            return e.problems();
        }
    }

    String file() {
        return dir.resolve("pages/page.md").toString();
    }

    @Test
    void aPageOverTheByteLimitIsRefusedOnLineOneNamingTheLimit() throws IOException {
        String page = page(5, ContentLoader.MAX_PAGE_BYTES + 1);
        List<String> problems = problems(page);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(file() + ":1: page is " + page.getBytes(StandardCharsets.UTF_8).length
                + " bytes; the limit is " + ContentLoader.MAX_PAGE_BYTES + " bytes"), problems.get(0));
    }

    @Test
    void aPageAtTheByteLimitLoads() throws IOException {
        String page = page(5, ContentLoader.MAX_PAGE_BYTES - 100);
        page = page + "x".repeat(ContentLoader.MAX_PAGE_BYTES - page.getBytes(StandardCharsets.UTF_8).length - 1) + "\n";
        assertEquals(ContentLoader.MAX_PAGE_BYTES, page.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(List.of(), problems(page));
    }

    @Test
    void aPageWithOneSectionTooManyIsRefusedAtTheHeadingPastTheLimit() throws IOException {
        String page = page(PageParser.MAX_SECTIONS + 1, 0);
        List<String> problems = problems(page);
        int line = page.lines().toList().indexOf("## Part " + PageParser.MAX_SECTIONS) + 1;
        assertEquals(List.of(file() + ":" + line + ": the page has " + (PageParser.MAX_SECTIONS + 1)
                + " sections; the limit is " + PageParser.MAX_SECTIONS + " (split it into several pages)"), problems);
    }

    @Test
    void aPageWithTheMostSectionsAllowedLoads() throws IOException {
        assertEquals(List.of(), problems(page(PageParser.MAX_SECTIONS, 0)));
    }
}
