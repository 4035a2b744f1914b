package app.earshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The test site under {@code src/test/resources/site}: one page shaped like the clinic's (headings, sub-headings, lists,
 * the comparison table, statistics, care callouts) with short sections. Tests run on it, not on {@code content/}, so a
 * clinic editing its own page breaks none of them; expected values that follow from the page are read from here.
 */
public final class Fixture {
    /** The fixture site's folder (site.yaml, lexicon.pls, pages/). */
    public static final Path SITE = Path.of("src/test/resources/site");
    /**
     * The bilingual fixture site (issue 25): site.yaml lists [en, es]; pages/about-ketamine.md (the page above) and
     * pages/acerca-de-la-ketamina.md, its Spanish translation, unreviewed.
     */
    public static final Path BILINGUAL = Path.of("src/test/resources/site-es");
    /** The slug of its page (the file name under pages/). */
    public static final String PAGE = "about-ketamine";

    private Fixture() {}

    /** The page's Markdown file. */
    public static Path pageFile() {
        return SITE.resolve("pages").resolve(PAGE + ".md");
    }

    /** How many sections the page has: its introduction and one per level-two heading. */
    public static int sectionCount() {
        return 1 + headings(2).size();
    }

    /** The value of one front-matter key of the page ({@code reviewed}), as written. */
    public static String frontMatter(String key) {
        return lines().stream().filter(l -> l.startsWith(key + ":")).findFirst().orElseThrow().substring(key.length() + 1).strip();
    }

    private static List<String> lines() {
        try {
            return Files.readAllLines(pageFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's headings of one level ({@code 2} for {@code ## }), in order, as written in the Markdown. */
    public static List<String> headings(int level) {
        String mark = "#".repeat(level) + " ";
        return lines().stream().filter(l -> l.startsWith(mark)).map(l -> l.substring(mark.length()).strip()).toList();
    }
}
