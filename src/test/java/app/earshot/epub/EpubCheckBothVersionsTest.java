package app.earshot.epub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.ExternalTool;
import app.earshot.content.Site;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fixture page's talking book through both EPUBCheck generations still found in ingestion pipelines: Debian's 4.2.6
 * (EPUB 3.2 rules, which want every SMIL {@code epub:textref} to name an element) and 5.3 from Maven Central.
 */
class EpubCheckBothVersionsTest {
    static final Path EPUBCHECK_4 = Path.of("/usr/bin/epubcheck");

    @Test
    void bothVersionsReportNothing(@TempDir Path dir) throws Exception {
        App.Content content = App.load(Path.of("src/test/resources/library"));
        Site site = content.site();
        Path file = dir.resolve("book.epub");
        Files.write(file, TalkingBook.of(Books.NARRATOR).book(App.snapshot(content).voicing(),
                App.snapshot(content).messages(site.language()), site, site.pages().get(0)).audio().readAllBytes());
        assertTrue(Files.exists(EPUBCHECK_4), "install the Debian package 'epubcheck' (the CI script does)");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String said = ExternalTool.run(java, "epubcheck", "-jar", EPUBCHECK_4.toString(), file.toString());
        assertTrue(said.contains("Validating using EPUB version 3.2 rules"), "not EPUBCheck 4.x: " + said);
        assertTrue(said.contains("No errors or warnings detected"), said);
        List<String> problems = new ArrayList<>();
        var report = EpubCheckTest.check(file, problems);
        assertEquals(0, report.getFatalErrorCount() + report.getErrorCount() + report.getWarningCount(), String.join("\n", problems));
    }
}
