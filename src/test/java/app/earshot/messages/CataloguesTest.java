package app.earshot.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled catalogues agree with each other, and a site's own catalogue is laid over them and checked. */
class CataloguesTest {
    private final Catalogues bundled = Catalogues.bundled();

    @Test
    void spanishHasEveryEnglishKeyAndNoOther() {
        assertEquals(new java.util.TreeSet<>(bundled.forLanguage("en").keys()),
                new java.util.TreeSet<>(bundled.forLanguage("es").keys()));
    }

    @Test
    void spanishKeepsEveryPlaceholderOfEachEnglishMessage() {
        Messages en = bundled.forLanguage("en");
        Messages es = bundled.forLanguage("es");
        Map<String, Object> differ = new TreeMap<>();
        for (String key : en.keys()) {
            if (!en.placeholders(key).equals(es.placeholders(key))) differ.put(key, en.placeholders(key) + " vs " + es.placeholders(key));
        }
        assertEquals(Map.of(), differ);
    }

    @Test
    void spanishMessagesAreTranslatedNotCopied() {
        Messages en = bundled.forLanguage("en");
        Messages es = bundled.forLanguage("es");
        // Words that are the same in both languages: units, format names, "Normal".
        List<String> same = List.of("listen.size.kb", "listen.size.mb", "listen.speed.normal");
        List<String> copied = en.keys().stream().filter(k -> !same.contains(k) && en.get(k).equals(es.get(k))).sorted().toList();
        assertEquals(List.of(), copied);
    }

    @Test
    void eachSectionLinkStartsWithTheWordsTheScriptStripsFromIt() {
        // readalong.js names a section's button by what follows "Listen to " in its link; both come from the catalogue.
        for (String tag : List.of("en", "es")) {
            Messages m = bundled.forLanguage(tag);
            String lead = m.get("listen.listen-to").split("\\{0}")[0];
            assertTrue(m.format("page.section.listen", 3, "Sleep").startsWith(lead), tag);
        }
    }

    @Test
    void formatFillsNumberedPlaceholdersAndLeavesApostrophesAlone() {
        assertEquals("the page's 2 of 3", Messages.fill("the page's {0} of {1}", 2, 3));
    }

    @Test
    void aRegionalTagUsesItsLanguagesCatalogue() {
        assertEquals("es", bundled.forLanguage("es-MX").language());
        assertEquals("en", bundled.forLanguage("fr").language());
    }

    @Test
    void aSiteCatalogueChangesBundledWordsAndAddsALanguage(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("en.properties"), "layout.skip=Jump to the content\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("fr.properties"), "# français\nlayout.skip=Aller au contenu\n", StandardCharsets.UTF_8);
        Catalogues site = Catalogues.load(dir);
        assertEquals("Jump to the content", site.forLanguage("en").get("layout.skip"));
        assertEquals("Aller au contenu", site.forLanguage("fr").get("layout.skip"));
    }

    @Test
    void checkNamesTheSiteCatalogueAndEveryKeyItLacks(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("fr.properties"), "# français\nlayout.skip=Aller au contenu\n", StandardCharsets.UTF_8);
        List<String> problems = Catalogues.load(dir).problems("fr", dir);
        assertEquals(bundled.forLanguage("en").keys().size() - 1, problems.size());
        assertTrue(problems.contains(dir.resolve("fr.properties") + ":1: missing message key 'listen.more' (English: \"More ways to listen\")"),
                problems.get(0));
    }

    @Test
    void checkNamesTheFileToCreateForALanguageWithNoCatalogue(@TempDir Path dir) {
        assertEquals(List.of(dir.resolve("de.properties") + ":1: no message catalogue for language 'de' (site.yaml lists it): create it"
                + " with every message English has translated (docs/content-format.md, \"Adding a language\")"),
                bundled.problems("de", dir));
    }

    @Test
    void bundledLanguagesHaveNoProblems() {
        assertEquals(List.of(), bundled.problems("es", null));
        assertEquals(List.of(), bundled.problems("en", null));
    }
}
