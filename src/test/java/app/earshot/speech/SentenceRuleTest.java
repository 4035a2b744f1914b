package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceRuleTest {
    @Test
    void fullStopQuestionAndExclamationEndASentenceEvenBeforeAClosingQuote() {
        assertTrue(SentenceRule.endsSentence("hours."));
        assertTrue(SentenceRule.endsSentence("why?\""));
        assertTrue(SentenceRule.endsSentence("(now!)"));
    }

    @Test
    void titlesAndLatinAbbreviationsDoNotEndASentence() {
        assertFalse(SentenceRule.endsSentence("Dr."));
        assertFalse(SentenceRule.endsSentence("e.g."));
        assertFalse(SentenceRule.endsWithSentence("Ask Dr."));
    }

    @Test
    void aCueEndsASentenceByItsLastWord() {
        assertTrue(SentenceRule.endsWithSentence("Rest for the day. "));
        assertFalse(SentenceRule.endsWithSentence("Rest for the day, then"));
    }

    @Test
    void aStopFollowedByAPauseEndsASentenceAsTheNormaliserSaysIt() {
        // The normaliser says "word.," as "word.": the written word must end where the spoken one does...
        assertTrue(SentenceRule.endsSentence("tratamiento.,"));
        // ...unless it is an abbreviation on both sides ("EE. UU., la FDA" is one sentence, written and spoken;
        // SentencePairingTest proves the pairing on the Spanish fixture page, which says it).
        assertFalse(SentenceRule.endsSentence("UU.,"));
        assertFalse(SentenceRule.endsSentence("e.g.,"));
    }

    @Test
    void spanishQuestionsAndExclamationsEndAtTheirClosingMark() {
        assertEquals(List.of("¿Duele? ", "¡No! ", "Sube un 70 %."), texts("¿Duele? ¡No! Sube un 70 %."));
    }

    @Test
    void theSentencesOfATextCoverItAllAndAWordlessTextHasNone() {
        assertEquals(List.of("Rest. ", "Then eat."), texts("Rest. Then eat."));
        assertEquals(List.of(), texts("  "));
    }

    private static List<String> texts(String text) {
        return Sentences.of(text, "es").stream().map(s -> text.substring(s.start(), s.end())).toList();
    }
}
