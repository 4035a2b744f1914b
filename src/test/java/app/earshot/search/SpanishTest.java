package app.earshot.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The Spanish analysis: what a patient's Spanish words become, and which are about crisis. */
class SpanishTest {
    static List<String> index(String text) {
        return English.terms(Spanish.STEMMED, text);
    }

    @Test
    void aWordWithoutItsAccentIsTheWordWithIt() {
        assertEquals(index("depresión"), index("depresion"));
    }

    @Test
    void pluralsShareOneStem() {
        assertEquals(index("depresiones"), index("Depresión"));
    }

    @Test
    void questionWordsAndSmallWordsAreLeftOut() {
        assertEquals(index("ketamina depresión"), index("¿Para qué sirve la ketamina en la depresión?"));
    }

    @Test
    void noIsSearchedFor() {
        assertTrue(index("no puedo dormir").contains("no"));
    }

    @Test
    void aSynonymFindsTheWordOfThePage() {
        assertTrue(English.terms(Spanish.QUERY, "depre").containsAll(index("depresión")));
    }

    @Test
    void spanishCrisisWordsAreCrises() {
        assertEquals(List.of(), List.of("suicidio", "pensamientos suicidas", "quiero hacerme daño", "hacerme dano",
                "es una emergencia", "estoy en peligro", "llamar al 988", "911", "crisis", "me quiero morir",
                "suisidio", "SOBREDOSIS").stream().filter(q -> !Spanish.CRISIS.about(q)).toList());
    }

    @Test
    void anOrdinarySpanishQuestionIsNoCrisis() {
        assertFalse(Spanish.CRISIS.about("¿cuánto tarda en hacer efecto la ketamina?"));
    }

    @Test
    void aLanguageIsReadByItsPrimaryTag() {
        assertEquals(Analysis.SPANISH, Analysis.of("es-MX"));
    }
}
