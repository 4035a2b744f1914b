package app.earshot.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lexicon shipped in content/ parses cleanly and covers the terms of the ketamine page. */
class ShippedLexiconTest {

    private final Lexicon lexicon = Lexicon.parse(Path.of("content/lexicon.pls"));

    @Test
    void definesEveryRequiredTerm() {
        List<String> required = List.of("NMDA", "PTSD", "FDA", "OCD", "esketamine", "ketamine", "ideation",
                "neurobiological", "neuroplasticity", "norepinephrine", "reuptake");
        assertTrue(lexicon.graphemes().containsAll(required), () -> "defined: " + lexicon.graphemes());
    }

    @Test
    void acronymsAreSpelledWithHyphensSoASingleAIsNotReadAsTheArticle() {
        assertEquals("the F-D-A approved es-ketamine", lexicon.apply("the FDA approved esketamine"));
    }

    @Test
    void capitalisedFormsAreCovered() {
        assertEquals("es-ketamine and idee-ayshen", lexicon.apply("Esketamine and Ideation"));
    }

    @Test
    void contractionFreeTtsWouldStressWronglyIsRespelled() {
        assertEquals("patients who havnt responded", lexicon.apply("patients who haven't responded"));
    }

    @Test
    void ketamineIsLeftAsWrittenBecauseFreeTtsAlreadySaysItRight() {
        assertEquals("Ketamine and ketamine's", lexicon.apply("Ketamine and ketamine's"));
    }
}
