package app.earshot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The analyzer: what a patient's words become, and which words of the library they meet. */
class EnglishTest {
    static List<String> index(String text) {
        return English.terms(English.STEMMED, text);
    }

    static List<String> query(String text) {
        return English.terms(English.QUERY, text);
    }

    @Test
    void formsOfAWordShareOneStem() {
        assertEquals(index("pregnancies"), index("pregnancy"));
    }

    @Test
    void questionWordsAndSmallWordsAreLeftOut() {
        assertEquals(List.of("long", "ketamin", "take", "work"), index("How long does ketamine take to work?"));
    }

    @Test
    void possessivesAndCaseDoNotMatter() {
        assertEquals(List.of("ketamin", "effect"), index("Ketamine's EFFECTS"));
    }

    @Test
    void ukSpellingMeetsUsSpelling() {
        assertTrue(query("anaesthetic").containsAll(index("anesthetic")));
    }

    @Test
    void usSpellingMeetsUkSpelling() {
        assertTrue(query("anesthetist").containsAll(index("anaesthetist")));
    }

    @Test
    void layWordMeetsTheLibrarysWord() {
        assertTrue(query("pregnant").containsAll(index("pregnancy")));
    }

    @Test
    void synonymsMatchAnyFormOfTheWord() {
        assertTrue(query("vomited").containsAll(index("nausea")));
    }

    @Test
    void twoWordSynonymIsFound() {
        assertTrue(query("threw up").containsAll(index("nausea")));
    }

    @Test
    void wordWithoutSynonymsIsOnlyItself() {
        assertEquals(List.of("cannula"), English.terms(English.STEMMED, "cannula"));
    }

    @Test
    void plainWordsAreLowerCasedButNotStemmed() {
        assertEquals(List.of("depression", "treatments"), English.terms(English.PLAIN, "Depression treatments"));
    }
}
