package app.earshot.narration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Speed;
import app.earshot.speech.EspeakSynthesizer;
import app.earshot.speech.FreeTtsSynthesizer;
import app.earshot.speech.SpeechScript;
import app.earshot.store.ArtifactStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cache keys per language: English's exactly as before eSpeak NG came, other languages' naming eSpeak NG and its voice. */
class LanguageKeysTest {
    static final Path SITE = app.earshot.Fixture.BILINGUAL;

    @TempDir
    Path dir;

    /** The key as RenderingKeys wrote it before languages: FreeTTS's engine, the site's voice, rate and pitch. */
    private static String keyAsBefore(String engine, String voice, Voicing v, Page page, Section section) {
        SpeechScript script = v.script(page, section);
        return ArtifactStore.key("section", RenderingKeys.FORMAT_VERSION, engine, voice, "150", "100.0", script.spoken(), script.text());
    }

    private static String pageKeyAsBefore(String engine, String voice, Voicing v, Page page) {
        return RenderingKeys.page(page.sections().stream().map(s -> keyAsBefore(engine, voice, v, page, s)).toList());
    }

    /** The page's key as the narrator names it now, beside the key written the old way with {@code engine} and {@code voice}. */
    private void assertKey(String slug, String engine, String voice) throws Exception {
        App.Content content = App.load(SITE);
        Voicing v = App.snapshot(content).voicing();
        Page page = content.site().page(slug).orElseThrow();
        Narrator narrator = App.narrator(dir, TestServer.SYNTHESIZER);
        assertEquals(pageKeyAsBefore(engine, voice, v, page), narrator.keys().pageWav(v, page, Speed.NORMAL));
    }

    @Test
    void englishKeysAreUnchanged() throws Exception {
        assertKey("about-ketamine", FreeTtsSynthesizer.ENGINE_ID, "kevin16");
    }

    @Test
    void spanishKeysNameEspeakItsVersionAndVoice() throws Exception {
        assertKey("acerca-de-la-ketamina", EspeakSynthesizer.open().engineId(), "espeak-ng:es-419");
    }

    /** A prompt's key as RenderingKeys writes it: the engine and voice that speak it, rate, pitch and the spoken script. */
    private static String promptKey(String engine, String voice, SpeechScript script) {
        return ArtifactStore.key("prompt", RenderingKeys.FORMAT_VERSION, engine, voice, "150", "100.0", script.spoken());
    }

    @Test
    void englishPromptsKeepTheirKeys() throws Exception {
        Voicing v = App.snapshot(App.load(SITE)).voicing();
        Narrator narrator = App.narrator(dir, TestServer.SYNTHESIZER);
        SpeechScript script = v.prompt("For English, press 1.");
        assertEquals(promptKey(FreeTtsSynthesizer.ENGINE_ID, "kevin16", script), narrator.keys().prompt(v.promptVoice("en"), v.prompt("For English, press 1.", "en")));
        assertEquals(v.promptVoice(), v.promptVoice("en"));
    }

    @Test
    void spanishPromptsAreMadeByEspeakUnderItsKey() throws Exception {
        Voicing v = App.snapshot(App.load(SITE)).voicing();
        Narrator narrator = App.narrator(dir, TestServer.SYNTHESIZER);
        String words = "Para español, oprima 2.";
        assertEquals(promptKey(EspeakSynthesizer.open().engineId(), "espeak-ng:es-419", v.prompt(words, "es")),
                narrator.keys().prompt(v.promptVoice("es"), v.prompt(words, "es")));
        narrator.prompts().prompt(v, words, "es");
        assertTrue(narrator.prompts().stored(v, words, "es").isPresent(), "stored under eSpeak NG's key");
        assertTrue(narrator.prompts().stored(v, words, "en").isEmpty(), "not under FreeTTS's");
    }

    @Test
    void spanishPromptsKeepTheirNumbersInSpanish() throws Exception {
        Voicing v = App.snapshot(App.load(SITE)).voicing();
        assertFalse(v.prompt("Para español, oprima 2.", "es").spoken().contains("two"), v.prompt("Para español, oprima 2.", "es").spoken());
    }
}
