package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spanish text keeps its own punctuation, numbers and abbreviations for eSpeak NG; none of the English rules touch it. */
class SpanishScriptTest {
    private final SpeechNormalizer normalizer = new SpeechNormalizer();

    @Test
    void invertedMarksStay() {
        assertEquals("¿Cómo actúa la ketamina? ¡Llame al 988!", normalizer.normalize("¿Cómo actúa la ketamina? ¡Llame al 988!", "es"));
    }

    @Test
    void percentDecimalCommaAndHoursAreLeftForTheSpanishVoice() {
        assertEquals("El 70 % toma 1,5 mg cada 24 h.", normalizer.normalize("El 70 % toma 1,5 mg cada 24 h", "es"));
    }

    @Test
    void englishWordsNeverEnterSpanish() {
        String said = normalizer.normalize("En 1960, p. ej. 2-3 dosis & más (vs. placebo).", "es");
        assertFalse(said.matches("(?s).*\\b(percent|nineteen|and|versus|to|number)\\b.*"), said);
    }

    @Test
    void englishIsNormalisedAsBefore() {
        assertEquals(normalizer.normalize("In 1960, 70% took 2-3 mg."), normalizer.normalize("In 1960, 70% took 2-3 mg.", "en-US"));
    }

    @Test
    void spanishAbbreviationsDoNotEndASentence() {
        assertFalse(SentenceRule.endsSentence("Dra."));
        assertFalse(SentenceRule.endsSentence("EE."));
        assertFalse(SentenceRule.endsSentence("UU."));
        assertTrue(SentenceRule.endsSentence("ketamina?"));
        assertTrue(SentenceRule.endsSentence("911!"));
    }
}
