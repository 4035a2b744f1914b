package app.earshot.narration;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    static final Path SITE = Path.of("src/test/resources/site-es");

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

    @Test
    void englishKeysAreUnchanged() throws Exception {
        App.Content content = App.load(SITE);
        Voicing v = App.snapshot(content).voicing();
        Page english = content.site().page("about-ketamine").orElseThrow();
        Narrator narrator = App.narrator(dir, TestServer.SYNTHESIZER);
        assertEquals(pageKeyAsBefore(FreeTtsSynthesizer.ENGINE_ID, "kevin16", v, english), narrator.keys().pageWav(v, english, Speed.NORMAL));
    }

    @Test
    void spanishKeysNameEspeakItsVersionAndVoice() throws Exception {
        App.Content content = App.load(SITE);
        Voicing v = App.snapshot(content).voicing();
        Page spanish = content.site().page("acerca-de-la-ketamina").orElseThrow();
        Narrator narrator = App.narrator(dir, TestServer.SYNTHESIZER);
        assertEquals(pageKeyAsBefore(EspeakSynthesizer.open().engineId(), "espeak-ng:es-419", v, spanish),
                narrator.keys().pageWav(v, spanish, Speed.NORMAL));
    }
}
