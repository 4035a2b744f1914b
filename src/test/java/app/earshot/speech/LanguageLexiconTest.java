package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.content.ContentException;
import app.earshot.content.Page;
import app.earshot.content.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each page uses the lexicon of its language: lexicon.pls (xml:lang en-US) for English, lexicon.es.pls for Spanish. */
class LanguageLexiconTest {
    static final Path SITE = app.earshot.Fixture.BILINGUAL;

    private static String spoken(App.Content content, String slug) {
        Page page = content.site().page(slug).orElseThrow();
        Section fda = page.sections().stream().filter(s -> s.heading().contains("FDA")).findFirst().orElseThrow();
        return App.snapshot(content).voicing().script(page, fda).spoken();
    }

    @Test
    void spanishPageTakesTheSpanishAliasAndNoneOfTheEnglish() throws Exception {
        String said = spoken(App.load(SITE), "acerca-de-la-ketamina");
        assertTrue(said.contains("efe-de-a"), said);
        assertFalse(said.contains("F-D-A"), said);
    }

    @Test
    void englishPageKeepsTheEnglishAlias() throws Exception {
        String said = spoken(App.load(SITE), "about-ketamine");
        assertTrue(said.contains("F-D-A") && !said.contains("efe-de-a"), said);
    }

    @Test
    void aLexiconWhoseXmlLangIsNotItsFileNameIsRefused(@TempDir Path dir) throws Exception {
        app.earshot.TestServer.copyTree(SITE, dir);
        Files.copy(SITE.resolve("lexicon.pls"), dir.resolve("lexicon.fr.pls"));
        ContentException e = org.junit.jupiter.api.Assertions.assertThrows(ContentException.class, () -> App.load(dir));
        assertEquals(dir.normalize().resolve("lexicon.fr.pls") + ":1: xml:lang says 'en' but the file name says 'fr'", e.problems().get(0));
    }
}
