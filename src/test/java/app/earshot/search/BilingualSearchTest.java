package app.earshot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.content.ContentLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Search on the bilingual fixture (src/test/resources/site-es): each language read its own way, results in the
 * reader's language, the Spanish judged set (site-es/search) at least 90% answered in the top three, and Spanish
 * crisis searches showing the Spanish urgent callout.
 */
class BilingualSearchTest {
    static final Path SITE = app.earshot.Fixture.BILINGUAL;
    static SearchIndex index;

    @BeforeAll
    static void build() throws Exception {
        index = SearchIndex.build(new ContentLoader().load(SITE));
    }

    static List<Clinic.Judged> judged() {
        return Clinic.judged(SITE.resolve("search/judged-queries.tsv"));
    }

    static SearchIndex.Results spanish(String query) {
        return index.search(Query.parse(query), "es");
    }

    @Test
    void aSpanishReaderFindsOnlySpanishPages() {
        assertEquals(List.of("es"), spanish("ketamina depresión").shown().stream().map(h -> h.page().language()).distinct().toList());
    }

    @Test
    void anEnglishReaderFindsOnlyEnglishPages() {
        assertEquals(List.of("en"), index.search(Query.parse("ketamine depression")).shown().stream()
                .map(h -> h.page().language()).distinct().toList());
    }

    @Test
    void aWordTypedWithoutItsAccentFindsAndMarksTheWordWithIt() {
        assertTrue(spanish("depresion").shown().get(0).excerpt().parts().stream()
                .anyMatch(p -> p.marked() && p.text().equals("depresión")), () -> spanish("depresion").shown().get(0).toString());
    }

    @Test
    void wordsNoPageInTheReadersLanguageHasFindTheOtherLanguages() {
        SearchIndex.Results results = spanish("breakthrough");
        assertEquals(List.of("en", "es", true), List.of(results.language(), results.asked(), results.elsewhere()));
    }

    @Test
    void wordsFoundInTheReadersLanguageAreNotSoughtElsewhere() {
        assertFalse(spanish("ketamina").elsewhere());
    }

    @Test
    void spanishJudgedSetHasAtLeastFifteenQuestions() {
        assertTrue(judged().size() >= 15, judged().size() + " judged queries");
    }

    @Test
    void atLeastNinetyPercentOfSpanishQuestionsAreAnsweredInTheTopThree() {
        List<String> missed = judged().stream()
                .filter(j -> Clinic.top(index, j.query(), "es", 3).stream().noneMatch(j.answers()::contains))
                .map(j -> j.query() + " -> " + Clinic.top(index, j.query(), "es", 3)).toList();
        double success = 1.0 - (double) missed.size() / judged().size();
        System.out.printf("Spanish judged queries: success@3 %.1f%% (%d of %d)%n", success * 100,
                judged().size() - missed.size(), judged().size());
        assertTrue(success >= 0.9, "success@3 " + success + "; missed:\n" + String.join("\n", missed));
    }

    @Test
    void everySpanishCrisisSearchShowsTheSpanishUrgentCallout() {
        List<String> failed = Clinic.lines(SITE.resolve("search/crisis-queries.txt")).stream()
                .filter(q -> !spanish(q).crisis() || !spanish(q).urgentHelp().map(c -> c.page().language()).equals(java.util.Optional.of("es")))
                .toList();
        assertEquals(List.of(), failed);
    }

    @Test
    void anEnglishCrisisWordFromASpanishReaderShowsTheSpanishCallout() {
        assertEquals("Si está pensando en el suicidio", spanish("suicide").urgentHelp().orElseThrow().title());
    }

    @Test
    void aSpanishCrisisSearchFromTheEnglishSearchBoxShowsTheSpanishCallout() {
        // A Spanish speaker on an English page (the site's language: its search box sends no lang) types in Spanish:
        // the words are crisis words of one of the site's languages, so urgent help comes first: in the language typed
        // when only Spanish takes them for crisis ("suicidio"), in the reader's when English does too ("988").
        List<String> failed = Clinic.lines(SITE.resolve("search/crisis-queries.txt")).stream().filter(q -> {
            SearchIndex.Results r = index.search(Query.parse(q));
            String expected = Analysis.of("en").crisis().about(q) ? "en" : "es";
            return !r.crisis() || !r.urgentHelp().map(c -> c.page().language()).equals(java.util.Optional.of(expected));
        }).toList();
        assertEquals(List.of(), failed);
        assertTrue(Clinic.lines(SITE.resolve("search/crisis-queries.txt")).stream().filter(q -> !Analysis.of("en").crisis().about(q)).count() >= 8,
                "most of the Spanish crisis searches are Spanish words only");
    }

    @Test
    void anEnglishReadersCrisisSearchShowsTheEnglishCallout() {
        assertEquals("If you are thinking about suicide", index.search(Query.parse("suicide")).urgentHelp().orElseThrow().title());
    }

    @Test
    void noJudgedSpanishQuestionIsTakenForACrisis() {
        assertEquals(List.of(), judged().stream().map(Clinic.Judged::query).filter(q -> spanish(q).crisis()).toList());
    }
}
