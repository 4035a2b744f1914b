package app.earshot.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which searches are about crisis, self-harm or danger, by the reviewed list. */
class CrisisWordsTest {
    static boolean crisis(String text) {
        return CrisisWords.BUNDLED.about(text);
    }

    @Test
    void anyFormOfAListedWordIsACrisis() {
        assertTrue(crisis("Suicidal thoughts"));
    }

    @Test
    void aPhraseMatchesWithSmallWordsBetween() {
        assertTrue(crisis("i just want to end my life"));
    }

    @Test
    void aMarkedWordMatchesOneTypingSlipAway() {
        assertTrue(crisis("suicdal"));
    }

    @Test
    void anUnmarkedWordMustBeExact() {
        assertFalse(crisis("crisp"));
    }

    @Test
    void aPhraseMustBeInOrder() {
        assertFalse(crisis("my life will end"));
    }

    @Test
    void emergencyNumbersAreCrisisWords() {
        assertTrue(crisis("988") && crisis("911"));
    }

    @Test
    void everydayQuestionsAreNot() {
        assertFalse(crisis("how long does ketamine take to work"));
    }

    @Test
    void anEntryWithoutAWordIsRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new CrisisWords(List.of("the")));
    }
}
