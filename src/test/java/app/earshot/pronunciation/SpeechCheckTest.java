package app.earshot.pronunciation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.speech.Lexicon;
import app.earshot.speech.Pronouncer;
import app.earshot.speech.ScriptWriter;
import app.earshot.speech.SpeechNormalizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pronunciation report on a fixture page with dictionary words, guessed words, acronyms and a lexicon entry. */
class SpeechCheckTest {
    static final Path FIXTURE = Path.of("src/test/resources/speech-check");
    static final Pronouncer VOICE = TestServer.SYNTHESIZER;
    static final SpeechCheck CHECK = new SpeechCheck(VOICE, "kevin16");
    static App.Content content;
    static Page page;
    static PageReport report;

    @BeforeAll
    static void check() throws Exception {
        content = App.load(FIXTURE);
        page = content.site().page("nasal-spray").orElseThrow();
        report = CHECK.check(page, App.scriptWriter(content), "nasal-spray.md",
                Files.readAllLines(FIXTURE.resolve("pages/nasal-spray.md")));
    }

    static GuessedWord word(String word) {
        return report.words().stream().filter(w -> w.word().equals(word)).findFirst().orElseThrow();
    }

    @Test
    void reportListsExactlyTheGuessedWordsNotDictionaryWordsAcronymsOrLexiconEntries() {
        assertEquals(List.of("Spravato", "Neurobiological", "neurobiological"), report.words().stream().map(GuessedWord::word).toList());
    }

    @Test
    void eachGuessedWordHasItsSourceLinesCountAndSections() {
        assertEquals(List.of(8, 14), word("Spravato").lines());
        assertEquals(2, word("Spravato").count());
        assertEquals(List.of("introduction", "how-it-is-given"), word("Spravato").sections());
        assertEquals(List.of(18), word("neurobiological").lines());
    }

    @Test
    void reportedPhonesAreTheLetterToSoundGuess() {
        assertEquals("s p r aa1 v aa1 t ow", word("Spravato").phones());
    }

    @Test
    void suggestionIsCheckedThroughTheVoiceAndComesFromTheDictionary() {
        GuessedWord.Suggestion s = word("neurobiological").suggestion();
        assertEquals("neuro-biological", s.alias());
        assertTrue(s.fromDictionary());
        assertEquals(VOICE.pronounce(s.alias(), "kevin16").get(0).phones(), s.phones());
    }

    @Test
    void wordWithNoDictionaryPiecesGetsNoSuggestion() {
        assertNull(word("Spravato").suggestion());
    }

    @Test
    void suggestedEntryAddedToTheLexiconRemovesTheWordAndChangesWhatIsSaid() {
        String alias = word("neurobiological").suggestion().alias();
        ScriptWriter fixed = new ScriptWriter(new SpeechNormalizer(), Lexicon.of(Map.of("neurobiological", alias, "Esketamine", "es-ketamine")));
        PageReport after = CHECK.check(page, fixed, "nasal-spray.md", List.of());
        assertFalse(after.words().stream().anyMatch(w -> w.word().equals("neurobiological")));
        assertNotEquals(word("neurobiological").phones(), VOICE.pronounce(fixed.spoken("neurobiological"), "kevin16").get(0).phones());
    }

    @Test
    void spokenScriptMarksTheGuessedTokensAndSpellsTheAcronyms() {
        List<PageReport.SpokenToken> tokens = report.sections().get(1).paragraphs().get(1).spoken();
        assertTrue(tokens.stream().anyMatch(t -> t.text().equals("R-E-M-S") && !t.guessed()), tokens.toString());
        assertTrue(tokens.stream().anyMatch(t -> t.text().equals("I-V") && !t.guessed()), tokens.toString());
        assertEquals(List.of("Spravato"), report.sections().get(1).paragraphs().get(2).spoken().stream()
                .filter(PageReport.SpokenToken::guessed).map(PageReport.SpokenToken::text).toList());
    }

    @Test
    void plsSnippetGivesOneLexemeForBothCasesOfAWord() {
        String pls = PlsSnippet.of(report.words());
        assertTrue(pls.contains("<grapheme>Neurobiological</grapheme>\n    <grapheme>neurobiological</grapheme>\n    <alias>neuro-biological</alias>"), pls);
    }
}
