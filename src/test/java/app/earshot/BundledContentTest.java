package app.earshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.content.Block;
import app.earshot.content.ContentLoader;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.content.Speed;
import app.earshot.content.SpeechSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A smoke test of the clinic's own content/ folder, the one unit-test class that reads it (every other test runs on
 * {@link Fixture}): it passes {@code check} (and the strict speech check), speaks at three rising rates, and signposts
 * the lifeline where it must.
 */
class BundledContentTest {
    static final Path CONTENT = Path.of("content");

    @Test
    void bundledContentLoadsAndEveryPageHasAnIntroductionAndSections() throws Exception {
        Site site = new ContentLoader().load(CONTENT);
        assertFalse(site.pages().isEmpty());
        for (Page page : site.pages()) assertFalse(page.sections().size() < 2, page.slug() + " has no section after its introduction");
    }

    @Test
    void checkPassesOnTheBundledContentItsDefaultFolder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Earshot.run(new String[]{"check"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains(": OK, "), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void speechCheckFindsNoGuessedWordOnTheBundledContent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Earshot.run(new String[]{"check", "--speech", "--strict"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err),
                out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void bundledContentHasThreeRisingSpeakingRates() throws Exception {
        SpeechSettings speech = new ContentLoader().load(CONTENT).speech();
        assertEquals(List.of(120, 150, 190), List.of(speech.rate(Speed.SLOWER), speech.rate(Speed.NORMAL), speech.rate(Speed.FASTER)));
    }

    @Test
    void bundledPagesSignpostTheLifelineWhereverTheyMentionSuicide() throws Exception {
        for (Page page : new ContentLoader().load(CONTENT).pages()) {
            for (Section s : page.sections()) {
                String word = page.language().equals("es") ? "suicida" : "suicidal";
                boolean mentions = s.blocks().stream().anyMatch(b -> b.toString().toLowerCase().contains(word));
                boolean signposts = s.blocks().stream().anyMatch(b -> b instanceof Block.Care c && c.text().contains("988"));
                assertEquals(mentions, signposts, page.slug() + "/" + s.id());
            }
        }
    }

    @Test
    void theEnglishPageAndItsSpanishTranslationBothLoadAndLinkToEachOther() {
        try (TestServer server = TestServer.start(CONTENT)) {
            org.jsoup.nodes.Document english = server.html("/what-is-ketamine");
            org.jsoup.nodes.Document spanish = server.html("/que-es-la-ketamina");
            assertEquals("es", spanish.selectFirst("html").attr("lang"));
            assertEquals("/que-es-la-ketamina", english.selectFirst("p.translations a[lang=es]").attr("href"));
            assertEquals("/what-is-ketamine", spanish.selectFirst("p.translation-notice a[lang=en]").attr("href"));
            assertEquals(server.url("/what-is-ketamine"), spanish.selectFirst("link[rel=alternate][hreflang=en]").attr("href"));
        }
    }
}
