package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AcronymsTest {
    static final Acronyms STANDARD = Acronyms.standard(Lexicon.empty());

    @Test
    void capitalTokenIsSpelledLetterByLetter() {
        assertEquals("Start an I-V drip under the R-E-M-S program.", STANDARD.apply("Start an IV drip under the REMS program."));
    }

    @Test
    void knownWordInCapitalsIsReadAsAWord() {
        assertEquals("NASA and COVID research.", STANDARD.apply("NASA and COVID research."));
    }

    @Test
    void lexiconGraphemeIsLeftForTheLexicon() {
        assertEquals("F-D-A-approved", new ScriptWriter(new SpeechNormalizer(), Lexicon.of(Map.of("FDA", "F-D-A"))).spoken("FDA-approved"));
    }

    @Test
    void acronymInsideHyphenatedOrPossessiveWordIsSpelled() {
        assertEquals("S-S-R-I-based, the A-P-A's advice", STANDARD.apply("SSRI-based, the APA's advice"));
    }

    @Test
    void romanNumeralAfterScheduleOrTypeIsSaidAsANumber() {
        assertEquals("a Schedule 3 drug for Type 2 diabetes, I-V", STANDARD.apply("a Schedule III drug for Type II diabetes, IV"));
    }

    @Test
    void pluralAcronymKeepsItsLettersAndSaysThePlural() {
        assertEquals("S-S-R-I's and M-A-O-I's", STANDARD.apply("SSRIs and MAOIs"));
    }

    @Test
    void lowerCaseAndMixedCaseWordsAreUntouched() {
        assertEquals("Ketamine, iPhone, Mg and A word", STANDARD.apply("Ketamine, iPhone, Mg and A word"));
    }

    @Test
    void spokenScriptSpellsAcronymsButCaptionTextKeepsThemAsWritten() {
        SpeechScript script = new ScriptWriter(new SpeechNormalizer(), Lexicon.empty()).prompt("Ask about IV ketamine");
        assertEquals("Ask about IV ketamine.", script.text());
        assertEquals("Ask about I-V ketamine.", script.spoken());
    }
}
