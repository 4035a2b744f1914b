package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LexiconTest {

    @Test
    void replacesAWholeWord() {
        assertEquals("the F-D-A approved it", Lexicon.of(Map.of("FDA", "F-D-A")).apply("the FDA approved it"));
    }

    @Test
    void replacesAWordBeforeAHyphen() {
        assertEquals("F-D-A-approved", Lexicon.of(Map.of("FDA", "F-D-A")).apply("FDA-approved"));
    }

    @Test
    void replacesAWordBeforeAPossessive() {
        assertEquals("es-ketamine's effect", Lexicon.of(Map.of("esketamine", "es-ketamine")).apply("esketamine's effect"));
    }

    @Test
    void doesNotReplaceInsideALongerWord() {
        assertEquals("FDAX and XFDA and FDA2", Lexicon.of(Map.of("FDA", "F-D-A")).apply("FDAX and XFDA and FDA2"));
    }

    @Test
    void matchesCaseSensitively() {
        Lexicon lexicon = Lexicon.of(Map.of("US", "U-S", "us", "us"));
        assertEquals("tell us about the U-S", lexicon.apply("tell us about the US"));
    }

    @Test
    void longestGraphemeWins() {
        Lexicon lexicon = Lexicon.of(Map.of("NMDA", "N-M-D-A", "NMDA receptor", "N-M-D-A receptor protein"));
        assertEquals("N-M-D-A receptor protein, N-M-D-A", lexicon.apply("NMDA receptor, NMDA"));
    }

    @Test
    void multiWordGraphemeMatchesAcrossAnyWhitespace() {
        Lexicon lexicon = Lexicon.of(Map.of("Food and Drug", "F-D"));
        assertEquals("the F-D Administration", lexicon.apply("the Food and\n  Drug Administration"));
    }

    @Test
    void aliasesAreNotReplacedAgain() {
        Lexicon lexicon = Lexicon.of(Map.of("A", "B", "B", "C"));
        assertEquals("B C", lexicon.apply("A B"));
    }

    @Test
    void emptyLexiconChangesNothing() {
        assertEquals("FDA", Lexicon.empty().apply("FDA"));
    }

    @Test
    void sizeCountsGraphemesThatAreReplaced() {
        assertEquals(2, Lexicon.of(Map.of("FDA", "F-D-A", "OCD", "O-C-D")).size());
    }

    @Test
    void fingerprintChangesWhenAnAliasChanges() {
        assertNotEquals(Lexicon.of(Map.of("FDA", "F-D-A")).fingerprint(), Lexicon.of(Map.of("FDA", "F D A")).fingerprint());
    }

    @Test
    void fingerprintChangesWhenAnEntryIsAdded() {
        assertNotEquals(Lexicon.empty().fingerprint(), Lexicon.of(Map.of("FDA", "F-D-A")).fingerprint());
    }

    @Test
    void fingerprintDoesNotDependOnEntryOrder() {
        Map<String, String> forward = new LinkedHashMap<>(Map.of("FDA", "F-D-A"));
        forward.put("OCD", "O-C-D");
        Map<String, String> backward = new LinkedHashMap<>(Map.of("OCD", "O-C-D"));
        backward.put("FDA", "F-D-A");
        assertEquals(Lexicon.of(forward).fingerprint(), Lexicon.of(backward).fingerprint());
    }
}
