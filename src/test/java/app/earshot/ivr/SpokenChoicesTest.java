package app.earshot.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.content.Page;
import app.earshot.content.Section;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SpokenChoicesTest {
    static final SpokenChoices CHOICES = new CallFlow(KeypadMenu.of(page("Intro", "What is Ketamine?", "FDA Breakthrough Status",
            "Key Facts About Ketamine", "Safety & Considerations"))).spoken();

    static Page page(String... headings) {
        List<Section> list = new java.util.ArrayList<>();
        for (int i = 0; i < headings.length; i++) list.add(new Section("s" + i, headings[i], i == 0, "", "", List.of(), i + 1));
        return new Page("p", "T", "", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), list);
    }

    static Optional<Integer> topic(String said) {
        return CHOICES.match(said).filter(m -> m instanceof SpokenChoices.Topic).map(m -> ((SpokenChoices.Topic) m).index());
    }

    @Test
    void aTopicIsFoundFromPartOfItsNameWithFillerCaseAndPunctuation() {
        assertEquals(Optional.of(2), topic("Um, FDA status please"));
        assertEquals(Optional.of(4), topic("safety and considerations."));
        assertEquals(Optional.of(3), topic("key facts"));
        assertEquals(Optional.of(0), topic("the introduction"));
    }

    @Test
    void aWordSharedByTopicsPicksTheOneItNamesMostFully() {
        assertEquals(Optional.of(1), topic("ketamine"));
    }

    @Test
    void wordsMatchingNoTopicMeanNothing() {
        assertTrue(CHOICES.match("weather forecast").isEmpty());
        assertTrue(CHOICES.match("   ").isEmpty());
    }

    @Test
    void commandWordsStandForTheirKeys() {
        assertEquals(new SpokenChoices.Said(Command.NEXT, "next"), CHOICES.match("Next!").orElseThrow());
        assertEquals(Command.MAIN_MENU, ((SpokenChoices.Said) CHOICES.match("main menu").orElseThrow()).command());
    }

    /** Words keep their accents as written ("¿Cómo actúa...?" is "cómo actúa..."), keyed and matched without them. */
    @Test
    void eachPhraseIsWrittenWithItsAccentsAndMatchedWithout() {
        SpokenChoices es = new SpokenChoices(List.of("¿Cómo actúa la ketamina?", "Safety & Considerations"), "es");
        assertEquals("cómo actúa la ketamina", es.spellings().get("como actua la ketamina"));
        assertEquals("safety and considerations", es.spellings().get("safety and considerations"));
        assertEquals("atrás", es.spellings().get("atras"));
        assertEquals("menú principal", es.spellings().get("menu principal"));
        assertEquals(es.phrases(), List.copyOf(es.spellings().keySet()));
        assertTrue(es.hints().contains("sección siguiente") && !es.hints().contains("seccion siguiente"), es.hints().toString());
        assertEquals(es.match("atras"), es.match("Atrás"));
        assertEquals(Optional.of(0), es.match("cómo actúa").map(m -> ((SpokenChoices.Topic) m).index()));
        assertEquals(CHOICES.phrases(), CHOICES.hints(), "English words are written as they are keyed");
    }

    /**
     * A Spanish caller names a topic by its words as an English one does: Spanish articles, prepositions and request
     * words ("la", "de", "y", "quiero", "por favor") are filler, so "seguridad" finds "Seguridad y consideraciones".
     */
    @Test
    void spanishFillerWordsAreIgnoredAsEnglishOnesAre() {
        SpokenChoices es = new SpokenChoices(List.of("la introducción", "¿Qué es la ketamina?", "Designación de terapia innovadora de la FDA",
                "Datos clave sobre la ketamina", "Seguridad y consideraciones", "Investigación y evidencia"), "es");
        assertEquals(Optional.of(4), index(es, "seguridad"));
        assertEquals(Optional.of(4), index(es, "quiero oír seguridad, por favor"));
        assertEquals(Optional.of(5), index(es, "la evidencia"));
        assertEquals(Optional.of(2), index(es, "terapia innovadora"));
        assertEquals(Optional.of(3), index(es, "datos clave"));
        assertEquals(Optional.of(1), index(es, "ketamina"));
    }

    /**
     * The names a speech grammar lists besides the full ones: every shorter selection of a topic's words, in order, that
     * {@link SpokenChoices#match} takes for that topic alone, as written (with accents) and as keyed; each item returns
     * the topic's phrase, so a VoiceXML browser hears what Twilio's matching hears.
     */
    @Test
    void theGrammarListsEveryShortNameMatchingTakesAndEachMeansWhatMatchingSays() {
        var items = CHOICES.grammar();
        assertEquals("fda breakthrough status", items.get("fda status"));
        assertEquals("fda breakthrough status", items.get("breakthrough status"));
        assertEquals("safety and considerations", items.get("safety"));
        assertEquals("key facts about ketamine", items.get("key facts"));
        assertEquals("what is ketamine", items.get("ketamine"));
        assertEquals("next", items.get("next"));
        for (var item : items.entrySet()) {
            SpokenChoices.Meaning meaning = CHOICES.match(item.getKey()).orElseThrow(() -> new AssertionError(item.getKey()));
            String phrase = meaning instanceof SpokenChoices.Topic t ? t.phrase() : ((SpokenChoices.Said) meaning).phrase();
            assertEquals(item.getValue(), CHOICES.match(item.getValue()).map(m -> m instanceof SpokenChoices.Topic t ? t.phrase()
                    : ((SpokenChoices.Said) m).phrase()).orElseThrow(), item.getKey());
            if (meaning instanceof SpokenChoices.Topic) assertEquals(item.getValue(), phrase, item.getKey());
        }
        assertTrue(items.keySet().containsAll(CHOICES.phrases()), "every full phrase is still listed");
        // "fda" alone is a third of the name: matching refuses it, so the grammar does not list it.
        assertTrue(CHOICES.match("fda").isEmpty());
        assertTrue(!items.containsKey("fda"));
        SpokenChoices es = new SpokenChoices(List.of("¿Cómo actúa la ketamina?", "Investigación y evidencia"), "es");
        assertEquals("investigacion y evidencia", es.grammar().get("investigación"));
        assertEquals("investigacion y evidencia", es.grammar().get("investigacion"));
    }

    private static Optional<Integer> index(SpokenChoices choices, String said) {
        return choices.match(said).filter(m -> m instanceof SpokenChoices.Topic).map(m -> ((SpokenChoices.Topic) m).index());
    }
}
