package app.earshot.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class ContentLoaderTest {
    static final String SITE = "title: Test Library\nlanguage: en\norganisation: Test Clinic\n";
    static final String FRONT = "---\ntitle: A Page\nsummary: About it\nreviewed: 2026-01-02\nnext-review: 2027-01-02\n---\n";

    @TempDir
    Path dir;

    /** Writes site.yaml and pages/page.md, loads, and returns the problems (empty if it loaded). */
    List<String> problems(String page) throws IOException {
        return problems(SITE, page);
    }

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

    String file() {
        return dir.resolve("pages/page.md").toString();
    }

    @Test
    void fixturePageHasAnIntroductionAndOneSectionPerLevelTwoHeading() throws Exception {
        Site site = new ContentLoader().load(Fixture.SITE);
        assertEquals(1 + Fixture.headings(2).size(), site.page(Fixture.PAGE).orElseThrow().sections().size());
    }

    @Test
    void validPageHasNoProblems() throws IOException {
        assertEquals(List.of(), problems(FRONT + "Intro.\n\n## One\n\nText.\n"));
    }

    @Test
    void missingFrontMatterIsReportedOnLineOne() throws IOException {
        assertEquals(List.of(file() + ":1: missing front matter: the file must start with a line '---', then title, summary, reviewed and next-review, then '---'"),
                problems("## One\n\nText.\n"));
    }

    @Test
    void brokenFrontMatterIsReportedOnItsLine() throws IOException {
        List<String> problems = problems("---\ntitle: A Page\nsummary: [unclosed\nreviewed: 2026-01-02\n---\n## One\n\nText.\n");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).matches(java.util.regex.Pattern.quote(file()) + ":[45]: broken front matter: .*"), problems.get(0));
    }

    @Test
    void unclosedFrontMatterIsReported() throws IOException {
        assertEquals(List.of(file() + ":1: front matter is not closed: add a line '---' after it"),
                problems("---\ntitle: A Page\n\n## One\n\nText.\n"));
    }

    @Test
    void missingTitleIsReported() throws IOException {
        assertEquals(List.of(file() + ":2: missing title in front matter"),
                problems("---\nsummary: s\nreviewed: 2026-01-02\nnext-review: 2027-01-02\n---\n## One\n\nText.\n"));
    }

    @Test
    void badDateIsReportedOnItsLine() throws IOException {
        assertEquals(List.of(file() + ":4: reviewed is not a date (YYYY-MM-DD): last week"),
                problems("---\ntitle: T\nsummary: s\nreviewed: last week\nnext-review: 2027-01-02\n---\n## One\n\nText.\n"));
    }

    /**
     * A date that does not exist is refused, never moved to one that does: YAML's timestamps are lenient (2026-02-30 was
     * read as 2026-03-02, and a check then named a date the author never wrote; 2026-13-45 passed as a date in 2027).
     */
    @Test
    void aDateThatDoesNotExistIsRefusedNotMoved() throws IOException {
        assertEquals(List.of(file() + ":4: reviewed is not a date (YYYY-MM-DD): 2026-02-30"),
                problems("---\ntitle: T\nsummary: s\nreviewed: 2026-02-30\nnext-review: 2027-01-02\n---\n## One\n\nText.\n"));
        assertEquals(List.of(file() + ":5: next-review is not a date (YYYY-MM-DD): 2026-13-45"),
                problems("---\ntitle: T\nsummary: s\nreviewed: 2026-01-02\nnext-review: 2026-13-45\n---\n## One\n\nText.\n"));
        assertEquals(List.of(), problems("---\ntitle: T\nsummary: s\nreviewed: 2024-02-29\nnext-review: 2027-01-02\n---\n## One\n\nText.\n"));
    }

    /** A key written twice is a mistake to show (which title is meant?), on the line of the second. */
    @Test
    void aKeyWrittenTwiceIsReportedOnItsLine() throws IOException {
        List<String> problems = problems("---\ntitle: T\nsummary: s\ntitle: U\nreviewed: 2026-01-02\nnext-review: 2027-01-02\n---\n## One\n\nText.\n");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(file() + ":4: ") && problems.get(0).contains("title"), problems.toString());
    }

    /** Title, summary and topic are text: a list or a map there is reported, not shown as "[a, b]". */
    @Test
    void aTitleOrSummaryThatIsNotTextIsReported() throws IOException {
        assertEquals(List.of(file() + ":2: title must be text, not a list or a map", file() + ":3: summary must be text, not a list or a map"),
                problems("---\ntitle: [a, b]\nsummary: {a: 1}\nreviewed: 2026-01-02\nnext-review: 2027-01-02\n---\n## One\n\nText.\n"));
    }

    @Test
    void sectionIdTranscriptIsRefusedBecauseItIsThePagesTranscriptAddress() throws IOException {
        assertEquals(List.of(file() + ":8: section id 'transcript' is reserved for the page's transcript; set another with {#your-id}"),
                problems(FRONT + "\n## Transcript\n\nText.\n"));
    }

    @Test
    void unknownCareCalloutKindIsReportedWithTheKindsThatExist() throws IOException {
        assertEquals(List.of(file() + ":10: unknown care callout '[!danger]'; use [!non-urgent], [!urgent] or [!emergency]"),
                problems(FRONT + "\n## One\n\n> [!danger] Careful\n> Do this.\n"));
    }

    @Test
    void careCalloutWithoutBodyIsReported() throws IOException {
        assertEquals(List.of(file() + ":10: care callout 'Get help' is empty; say what to do on the lines after its title"),
                problems(FRONT + "\n## One\n\n> [!urgent] Get help\n\nText.\n"));
    }

    @Test
    void duplicateSectionIdsAreReportedAtTheSecond() throws IOException {
        assertEquals(List.of(file() + ":12: duplicate section id 'one' (first used on line 8); set another with {#your-id}"),
                problems(FRONT + "\n## One\n\nText.\n\n## One\n\nMore.\n"));
    }

    @Test
    void explicitIdResolvesADuplicate() throws IOException {
        assertEquals(List.of(), problems(FRONT + "\n## One\n\nText.\n\n## One {#one-again}\n\nMore.\n"));
    }

    @Test
    void headingLevelJumpIsReported() throws IOException {
        assertEquals(List.of(file() + ":12: heading level jumps from 2 to 4 ('Deep'); use level 3"),
                problems(FRONT + "\n## One\n\nText.\n\n#### Deep\n\nMore.\n"));
    }

    @Test
    void levelOneHeadingInBodyIsReported() throws IOException {
        assertEquals(List.of(file() + ":8: a level-1 heading in the body; the page title is the only level-1 heading (use ## for sections)"),
                problems(FRONT + "\n# Title again\n\n## One\n\nText.\n"));
    }

    @Test
    void emptySectionIsReported() throws IOException {
        assertEquals(List.of(file() + ":8: section 'Empty' is empty"),
                problems(FRONT + "\n## Empty\n\n## Full\n\nText.\n"));
    }

    @Test
    void imageWithoutAltTextIsReported() throws IOException {
        assertEquals(List.of(file() + ":10: image 'brain.png' has no alt text; write ![what it shows](brain.png)"),
                problems(FRONT + "\n## One\n\n![](brain.png)\n"));
    }

    @Test
    void tableWithoutCaptionIsReported() throws IOException {
        assertEquals(List.of(file() + ":10: table without a caption; add a line 'Table: what the table shows' just before it"),
                problems(FRONT + "\n## One\n\n| A | B |\n|---|---|\n| 1 | 2 |\n"));
    }

    @Test
    void everyProblemInAFileIsReportedAtOnce() throws IOException {
        List<String> problems = problems("---\nsummary: s\nreviewed: 2026-01-02\nnext-review: 2027-01-02\n---\n## One\n\n## One\n\nx\n");
        assertEquals(3, problems.size(), problems.toString());
    }

    @Test
    void siteWithoutLanguageIsReported() throws IOException {
        Path site = dir.resolve("site.yaml");
        assertEquals(List.of(site + ":1: missing language (a BCP 47 tag such as en or en-GB)"),
                problems("title: T\norganisation: O\n", FRONT + "## One\n\nText.\n"));
    }

    @Test
    void brokenSiteYamlIsReportedOnItsLine() throws IOException {
        List<String> problems = problems("title: T\nlanguage: [en\n", FRONT + "## One\n\nText.\n");
        assertTrue(problems.get(0).startsWith(dir.resolve("site.yaml") + ":"), problems.toString());
        assertTrue(problems.get(0).contains("broken YAML"), problems.toString());
    }

    @Test
    void missingContentFolderIsOneProblem() {
        ContentException e = assertThrows(ContentException.class, () -> new ContentLoader().load(dir.resolve("nowhere")));
        assertEquals(List.of(dir.resolve("nowhere") + ":1: content folder not found"), e.problems());
    }

    @Test
    void textBeforeTheFirstSectionIsTheIntroduction() throws Exception {
        problems(FRONT + "Welcome.\n\n## One\n\nText.\n");
        Page page = new ContentLoader().load(dir).pages().get(0);
        assertEquals(List.of("introduction", "one"), page.sections().stream().map(Section::id).toList());
    }

    @Test
    void tableIsKeptAsRowsWithHeaders() throws Exception {
        problems(FRONT + "## One\n\nTable: Numbers\n\n| Name | Value |\n|---|---|\n| Pi | 3.14 |\n");
        Block.Table table = (Block.Table) new ContentLoader().load(dir).pages().get(0).sections().get(0).blocks().get(0);
        assertEquals(new Block.Table("Numbers", List.of("Name", "Value"), List.of(List.of("Pi", "3.14"))), table);
    }

    @Test
    void pageNamedLikeAServerRouteIsRejected() throws IOException {
        problems(FRONT + "## One\n\nText.\n");
        Files.writeString(dir.resolve("pages/audio.md"), FRONT + "## One\n\nText.\n");
        ContentException e = assertThrows(ContentException.class, () -> new ContentLoader().load(dir));
        assertEquals(1, e.problems().size());
        assertTrue(e.problems().get(0).startsWith(dir.resolve("pages/audio.md") + ":1: 'audio' is a reserved address"), e.problems().get(0));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"prompts", "twiml"})
    void pageNamedLikeAPartOfTheSitePhoneLineIsRejected(String slug) throws IOException {
        problems(FRONT + "## One\n\nText.\n");
        Files.writeString(dir.resolve("pages/" + slug + ".md"), FRONT + "## One\n\nText.\n");
        ContentException e = assertThrows(ContentException.class, () -> new ContentLoader().load(dir));
        assertTrue(e.problems().get(0).startsWith(dir.resolve("pages/" + slug + ".md") + ":1: '" + slug + "' is a reserved address"), e.problems().get(0));
    }

    @Test
    void rawHtmlIsRejected() throws IOException {
        assertEquals(List.of(file() + ":10: raw HTML is not allowed in content; write it as Markdown"),
                problems(FRONT + "\n## One\n\n<script>alert(1)</script>\n"));
    }
    static final String PAGE = FRONT + "Intro.\n\n## One\n\nText.\n";

    String site() {
        return dir.resolve("site.yaml").toString();
    }

    Site load(String siteYaml) throws Exception {
        problems(siteYaml, PAGE);
        return new ContentLoader().load(dir);
    }

    @Test
    void ratesDefaultInProportionToTheOldRateKey() throws Exception {
        SpeechSettings speech = load(SITE + "speech:\n  rate: 150\n").speech();
        assertEquals(new SpeechSettings("kevin16", 150, 100f, 120, 190), speech);
        assertEquals(SpeechSettings.DEFAULT, load(SITE).speech());
    }

    @Test
    void partialRatesKeepTheOthersDefault() throws Exception {
        assertEquals(new SpeechSettings("kevin16", 150, 100f, 100, 190), load(SITE + "speech:\n  rates:\n    slower: 100\n").speech());
    }

    @Test
    void rateOutOfRangeIsReportedOnItsLine() throws IOException {
        assertEquals(List.of(site() + ":7: speech rates.faster must be a number from 60 to 400, not 900"),
                problems(SITE + "speech:\n  rates:\n    slower: 100\n    faster: 900\n", PAGE));
    }

    @Test
    void ratesThatDoNotRiseAreReported() throws IOException {
        assertEquals(List.of(site() + ":5: speech rates must rise from slower to faster, not 160, 150, 190"),
                problems(SITE + "speech:\n  rates:\n    slower: 160\n", PAGE));
    }

    @Test
    void rateAndRatesNormalThatDisagreeAreReported() throws IOException {
        assertEquals(List.of(site() + ":5: speech rate 150 and rates.normal 160 disagree; give the normal rate once"),
                problems(SITE + "speech:\n  rate: 150\n  rates:\n    normal: 160\n", PAGE));
    }

    @Test
    void unknownRateNamesAreReported() throws IOException {
        assertEquals(List.of(site() + ":6: speech rates has slower, normal and faster only, not 'quick'"),
                problems(SITE + "speech:\n  rates:\n    quick: 200\n", PAGE));
    }

    @Test
    void baseUrlIsCheckedAndLosesItsTrailingSlash() throws Exception {
        assertEquals("https://example.org/library", load(SITE + "base-url: https://example.org/library/\n").baseUrl());
        assertEquals(List.of(site() + ":4: base URL 'ftp://example.org' must start with http:// or https://"),
                problems(SITE + "base-url: ftp://example.org\n", PAGE));
    }

    // Issue 19 item 9: a page too big for the server's heap is refused by loading (and so by check), with file:line.
    /** A page of {@code sections} sections (the introduction counts as one), padded to at least {@code bytes}. */
    public static String longPage(int sections, int bytes) {
        StringBuilder md = new StringBuilder(ContentLoaderTest.FRONT).append("Introduction.\n");
        for (int i = 1; i < sections; i++) md.append("\n## Part ").append(i).append("\n\nText of part ").append(i).append(".\n");
        String filler = "Ask the clinic team if anything here is unclear to you.\n";
        while (md.length() < bytes) md.append('\n').append(filler);
        return md.toString();
    }

    @Test
    void aPageOverTheByteLimitIsRefusedOnLineOneNamingTheLimit() throws IOException {
        String page = longPage(5, ContentLoader.MAX_PAGE_BYTES + 1);
        List<String> problems = problems(page);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(file() + ":1: page is " + page.getBytes(StandardCharsets.UTF_8).length
                + " bytes; the limit is " + ContentLoader.MAX_PAGE_BYTES + " bytes"), problems.get(0));
    }

    @Test
    void aPageAtTheByteLimitLoads() throws IOException {
        String page = longPage(5, ContentLoader.MAX_PAGE_BYTES - 100);
        page = page + "x".repeat(ContentLoader.MAX_PAGE_BYTES - page.getBytes(StandardCharsets.UTF_8).length - 1) + "\n";
        assertEquals(ContentLoader.MAX_PAGE_BYTES, page.getBytes(StandardCharsets.UTF_8).length);
        assertEquals(List.of(), problems(page));
    }

    @Test
    void aPageWithOneSectionTooManyIsRefusedAtTheHeadingPastTheLimit() throws IOException {
        String page = longPage(PageParser.MAX_SECTIONS + 1, 0);
        List<String> problems = problems(page);
        int line = page.lines().toList().indexOf("## Part " + PageParser.MAX_SECTIONS) + 1;
        assertEquals(List.of(file() + ":" + line + ": the page has " + (PageParser.MAX_SECTIONS + 1)
                + " sections; the limit is " + PageParser.MAX_SECTIONS + " (split it into several pages)"), problems);
    }

    @Test
    void aPageWithTheMostSectionsAllowedLoads() throws IOException {
        assertEquals(List.of(), problems(longPage(PageParser.MAX_SECTIONS, 0)));
    }
}
