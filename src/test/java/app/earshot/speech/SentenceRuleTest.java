package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
