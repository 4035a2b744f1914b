package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} warns, without failing, about an unreviewed translation and a stale one, naming file and line. */
class TranslationCheckTest {
    static final Path SITE_ES = app.earshot.Fixture.BILINGUAL;
    static final String SPANISH = "acerca-de-la-ketamina";

    @TempDir
    Path dir;

    /** The bilingual fixture copied to a folder of its own, the Spanish page's front matter edited by {@code edit}. */
    Path site(java.util.function.UnaryOperator<String> edit) throws IOException {
        Files.createDirectories(dir.resolve("pages"));
        for (String name : List.of("site.yaml", "lexicon.pls", "pages/about-ketamine.md")) {
            Files.copy(SITE_ES.resolve(name), dir.resolve(name));
        }
        Path spanish = SITE_ES.resolve("pages/" + SPANISH + ".md");
        Files.writeString(dir.resolve("pages/" + SPANISH + ".md"), edit.apply(Files.readString(spanish)));
        return dir;
    }

    /** What {@code check} (and {@code options}) prints on {@code content}, output and errors together; it must exit {@code exit}. */
    static String check(Path content, int exit, String... options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        List<String> args = new java.util.ArrayList<>(List.of("check", "--content", content.toString()));
        args.addAll(List.of(options));
        assertEquals(exit, Earshot.run(args.toArray(String[]::new), print, print), out.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    List<String> warnings(Path content) {
        return check(content, 0).lines().filter(l -> l.contains(SPANISH) && l.contains("warning")).toList();
    }

    String file(Path content) {
        return content.normalize().resolve("pages").resolve(SPANISH + ".md").toString();
    }

    @Test
    void anUnreviewedTranslationIsWarnedOnItsTranslationReviewedLine() throws IOException {
        Path content = site(s -> s);
        assertEquals(List.of(file(content) + ":9: warning: the translation '" + SPANISH + "' has not been reviewed by a"
                + " qualified medical translator; readers see a notice saying so until its front matter says"
                + " translation-reviewed: true"), warnings(content));
    }

    @Test
    void aTranslationWithoutTheLineCountsAsUnreviewedAndIsWarnedOnItsTranslationOfLine() throws IOException {
        Path content = site(s -> s.replace("translation-reviewed: false\n", ""));
        List<String> said = warnings(content);
        assertEquals(1, said.size(), said.toString());
        assertTrue(said.get(0).startsWith(file(content) + ":8: warning: the translation '" + SPANISH + "' has not been reviewed"), said.get(0));
    }

    @Test
    void aReviewedTranslationIsNotWarned() throws IOException {
        assertEquals(List.of(), warnings(site(s -> s.replace("translation-reviewed: false", "translation-reviewed: true"))));
    }

    @Test
    void aTranslationWhoseSourceWasReviewedAfterItIsWarnedAsStaleOnItsReviewedLine() throws IOException {
        Path content = site(s -> s.replace("translation-reviewed: false", "translation-reviewed: true")
                .replace("reviewed: 2026-11-26\n", "reviewed: 2026-10-01\n"));
        assertEquals(List.of(file(content) + ":4: warning: the translation '" + SPANISH + "' may be out of date:"
                + " 'about-ketamine' was reviewed 2026-11-26, after this translation (2026-10-01); bring the translation"
                + " up to date and set its reviewed date"), warnings(content));
    }

    @Test
    void aTranslationReviewedValueThatIsNotTrueOrFalseFailsCheckOnItsLine() throws IOException {
        Path content = site(s -> s.replace("translation-reviewed: false", "translation-reviewed: maybe"));
        String said = check(content, 1);
        assertTrue(said.contains(file(content) + ":9: translation-reviewed must be true or false, not 'maybe'"), said);
    }

    @Test
    void aTopicWithSpanishPagesButNoSpanishTitleIsWarnedOnItsSiteYamlLine() throws IOException {
        Path content = site(s -> s);
        Files.writeString(content.resolve("site.yaml"), Files.readString(content.resolve("site.yaml"))
                .replace("title: {en: Treatments, es: Tratamientos}", "title: Treatments"));
        List<String> said = check(content, 0).lines().filter(l -> l.contains("topic 'treatments'")).toList();
        int line = Files.readAllLines(content.resolve("site.yaml")).indexOf("  - id: treatments") + 1;
        assertEquals(List.of(content.normalize().resolve("site.yaml") + ":" + line + ": warning: topic 'treatments' has pages in"
                + " 'es' but no title in 'es'; its home page shows 'Treatments' until the title is a map such as"
                + " {en: Treatments, es: ...}"), said);
    }

    @Test
    void aPageMayNotTakeTheAddressOfALanguagesHomePage() throws IOException {
        Path content = site(s -> s);
        Files.copy(content.resolve("pages/about-ketamine.md"), content.resolve("pages/es.md"));
        String said = check(content, 1);
        assertTrue(said.contains(content.normalize().resolve("pages/es.md")
                + ":1: the address /es is the home page of the site's pages in 'es'; rename the file"), said);
    }
}
