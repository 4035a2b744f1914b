package app.earshot.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What pages and site.yaml say about languages and translations, and what {@code check} answers when it is wrong. */
class PageLanguageTest {
    static final String SITE = "title: T\nlanguage: en\nlanguages: [en, es]\norganisation: O\n";

    @TempDir
    Path dir;

    static String page(String extra) {
        return "---\ntitle: A Page\nsummary: S\nreviewed: 2026-01-02\nnext-review: 2027-01-02\n" + extra
                + "---\nIntro.\n\n## One\n\nText.\n";
    }

    Site load(String site, String... slugAndPage) throws IOException, ContentException {
        Files.writeString(dir.resolve("site.yaml"), site);
        Files.createDirectories(dir.resolve("pages"));
        for (int i = 0; i < slugAndPage.length; i += 2) {
            Files.writeString(dir.resolve("pages/" + slugAndPage[i] + ".md"), slugAndPage[i + 1]);
        }
        return new ContentLoader().load(dir);
    }

    List<String> problems(String site, String... slugAndPage) throws IOException {
        try {
            load(site, slugAndPage);
            return List.of();
        } catch (ContentException e) {
            return e.problems();
        }
    }

    String file(String slug) {
        return dir.resolve("pages/" + slug + ".md").toString();
    }

    @Test
    void aSiteMayChooseTheESpeakVoiceOfALanguageOtherThanEnglish() throws Exception {
        Site site = load(SITE + "speech:\n  voices:\n    ES: es\n", "a", page(""));
        assertEquals(java.util.Map.of("es", "es"), site.speech().voices());
        app.earshot.speech.VoiceSettings english = new app.earshot.speech.VoiceSettings("kevin16", 150, 100f);
        assertEquals("espeak-ng:es", app.earshot.speech.Voices.forLanguage("es", english, site.speech().voices()).voice());
        // Without a choice, Spanish is Latin America's; English is never eSpeak NG's.
        assertEquals("espeak-ng:es-419", app.earshot.speech.Voices.forLanguage("es", english, java.util.Map.of()).voice());
        assertEquals("kevin16", app.earshot.speech.Voices.forLanguage("en", english, site.speech().voices()).voice());
    }

    @Test
    void aVoiceChoiceForEnglishForALanguageTheSiteLacksOrWithABadNameIsReportedOnItsLine() throws IOException {
        String at = dir.resolve("site.yaml") + ":6: ";
        assertEquals(List.of(at + "speech voices cannot choose English's voice: English is FreeTTS's speech voice (en-us)",
                        at + "speech voices: es must name an eSpeak NG voice (letters, digits, - _ +), not 'es 419'",
                        at + "speech voices names a voice for fr, which is not one of the site's languages (en, es)"),
                problems(SITE + "speech:\n  voices:\n    en-us: en\n    es: es 419\n    fr: fr\n", "a", page("")));
        assertEquals(List.of(at + "speech voices must be a block of language: eSpeak NG voice, such as es: es-419"),
                problems(SITE + "speech:\n  voices: es\n", "a", page("")));
    }

    @Test
    void aPageWithoutALanguageIsInTheSitesAndASiteWithoutALanguagesListHasJustItsOwn() throws Exception {
        Site site = load("title: T\nlanguage: en-GB\norganisation: O\n", "a", page(""));
        assertEquals("en-GB", site.page("a").orElseThrow().language());
        assertEquals(List.of("en-GB"), site.languages());
    }

    @Test
    void translationsFindEachOtherInTheSitesLanguageOrder() throws Exception {
        Site site = load(SITE + "", "about", page(""), "acerca", page("language: es\ntranslation-of: about\n"));
        Page english = site.page("about").orElseThrow();
        Page spanish = site.page("acerca").orElseThrow();
        assertEquals(List.of("en", "es"), site.languages());
        assertEquals("es", spanish.language());
        assertEquals(List.of(spanish), site.translations(english));
        assertEquals(List.of(english), site.translations(spanish));
    }

    @Test
    void theSitesOwnLanguageComesFirstEvenWhenListedLater() throws Exception {
        Site site = load("title: T\nlanguage: en\nlanguages: [es, en]\norganisation: O\n", "a", page(""));
        assertEquals(List.of("en", "es"), site.languages());
    }

    @Test
    void aLanguageTheSiteDoesNotListIsReportedOnItsLine() throws IOException {
        assertEquals(List.of(file("a") + ":6: language 'fr' is not one of the site's languages (en, es); add it to"
                        + " languages in site.yaml"),
                problems(SITE, "a", page("language: fr\n")));
    }

    @Test
    void aLanguageThatIsNotATagIsReportedOnItsLine() throws IOException {
        assertEquals(List.of(file("a") + ":6: language 'spanish language' is not a BCP 47 tag (such as en, es or pt-BR)"),
                problems(SITE, "a", page("language: spanish language\n")));
    }

    @Test
    void aBrokenLanguagesListIsReported() throws IOException {
        assertEquals(List.of(dir.resolve("site.yaml") + ":3: languages lists 'not a tag', which is not a BCP 47 tag (such as en or es)"),
                problems("title: T\nlanguage: en\nlanguages: [en, not a tag]\norganisation: O\n", "a", page("")));
    }

    @Test
    void translationOfAMissingPageIsReportedOnItsLine() throws IOException {
        assertEquals(List.of(file("b") + ":7: translation-of 'nowhere' is not a page here"),
                problems(SITE, "a", page(""), "b", page("language: es\ntranslation-of: nowhere\n")));
    }

    @Test
    void aTranslationInTheSameLanguageIsReported() throws IOException {
        assertEquals(List.of(file("b") + ":6: this page and 'a' are both in 'en'; a translation is in another language"),
                problems(SITE, "a", page(""), "b", page("translation-of: a\n")));
    }

    @Test
    void aTranslationOfATranslationIsReportedNamingTheFirstPage() throws IOException {
        List<String> problems = problems("title: T\nlanguage: en\nlanguages: [en, es, fr]\norganisation: O\n",
                "a", page(""), "b", page("language: es\ntranslation-of: a\n"), "c", page("language: fr\ntranslation-of: b\n"));
        assertEquals(List.of(file("c") + ":7: 'b' is itself a translation of 'a'; name that page instead"), problems);
    }

    @Test
    void twoTranslationsIntoOneLanguageAreReportedAtTheSecond() throws IOException {
        List<String> problems = problems(SITE, "a", page(""), "b", page("language: es\ntranslation-of: a\n"),
                "c", page("language: es\ntranslation-of: a\n"));
        assertEquals(List.of(file("c") + ":7: 'a' already has a translation in 'es'"), problems);
    }

    @Test
    void aTopicTitleMayBeOnePerLanguage() throws Exception {
        Site site = load(SITE + "topics:\n  - id: care\n    title: {en: Aftercare, es: Después del tratamiento}\n",
                "a", page("topic: care\n"));
        assertEquals("Aftercare", site.topics().get(0).title());
        assertEquals("Después del tratamiento", site.topics().get(0).title("es"));
    }

    @Test
    void aTopicTitleMapWithoutTheSitesLanguageIsReported() throws IOException {
        assertEquals(List.of(dir.resolve("site.yaml") + ":6: topic 'care' needs a title in 'en', the site's language"),
                problems(SITE + "topics:\n  - id: care\n    title: {es: Después del tratamiento}\n", "a", page("topic: care\n")));
    }
}
