package app.earshot.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.content.Page;
import app.earshot.content.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A heading or title that is a question, said inside a menu's sentence. A Spanish question opens with "¿": the menus
 * dropped its closing "?" with the rest of a title's final punctuation, and said (and wrote, in VoiceXML's fallback
 * text) "Para ¿Qué es la ketamina, oprima 2."; the pair is now kept whole. An English question has no opening mark,
 * so its "?" still goes ("For How Does Ketamine Work, press 5.", not a question in the middle of a sentence).
 */
public class QuestionTitlesTest {
    @TempDir
    static Path dir;

    static Page page(String language, String title, String... headings) {
        List<Section> list = new ArrayList<>();
        list.add(new Section("s0", "Intro", true, "<p>x</p>", "<p>x</p>", List.of(), 1));
        for (int i = 0; i < headings.length; i++) list.add(new Section("s" + (i + 1), headings[i], false, "<p>x</p>", "<p>x</p>", List.of(), i + 2));
        Page english = KeypadMenuTest.page(1);
        return new Page("p", title, "", english.reviewed(), english.nextReview(), list, "", language, "");
    }

    /** Every "¿" of {@code words} is closed by a "?", and every "¡" by a "!", in order. */
    public static void assertPaired(String words, String where) {
        int open = 0;
        int shout = 0;
        for (char c : words.toCharArray()) {
            if (c == '¿') open++;
            if (c == '?' && open > 0) open--;
            if (c == '¡') shout++;
            if (c == '!' && shout > 0) shout--;
        }
        assertEquals(List.of(0, 0), List.of(open, shout), where + ": \"" + words + "\"");
    }

    @Test
    void aSpanishQuestionKeepsItsClosingMarkInEveryPrompt() {
        KeypadMenu keypad = KeypadMenu.of(page("es", "¿Qué es la ketamina?", "¿Qué es la ketamina?", "¿Cómo actúa la ketamina?",
                "Riesgos: ¿es segura?", "¡Llame ya!", "¿Es la terapia con ketamina adecuada para usted?"));
        for (Map.Entry<String, String> prompt : keypad.prompts().entrySet()) assertPaired(prompt.getValue(), prompt.getKey());
        String menu = String.join(" ", keypad.prompts().values());
        assertTrue(menu.contains("Para ¿Qué es la ketamina?, oprima 2."), menu);
        assertTrue(menu.contains("Para Riesgos: ¿es segura?, oprima"), menu);
        assertTrue(menu.contains("Para ¡Llame ya!, oprima"), menu);
    }

    @Test
    void anEnglishQuestionIsSaidWithoutItsMarkInsideAMenusSentence() {
        KeypadMenu keypad = KeypadMenu.of(page("en", "What Is Ketamine?", "How Does Ketamine Work?", "Is Ketamine Therapy Right for You?"));
        String menu = keypad.prompt(KeypadMenu.MENU).orElseThrow();
        assertTrue(menu.startsWith("What Is Ketamine? ") && menu.contains("For How Does Ketamine Work, press 2.")
                && menu.contains("For Is Ketamine Therapy Right for You, press 3."), menu);
        assertFalse(menu.substring("What Is Ketamine?".length()).contains("?"), menu);
    }

    /** The site line says page titles as choices: the same rule. */
    @Test
    void theSiteLineSaysASpanishQuestionTitleWhole() throws Exception {
        Path site = dir.resolve("es");
        Files.createDirectories(site.resolve("pages"));
        Files.writeString(site.resolve("site.yaml"), "title: Biblioteca\nlanguage: es\norganisation: Clínica\ndescription: Prueba.\n"
                + "topics:\n  - id: tratamientos\n    title: Tratamientos\n");
        String[] titles = {"¿Qué es la ketamina?", "¿Cómo actúa la ketamina?", "Cuidados después"};
        for (int i = 0; i < titles.length; i++) {
            Files.writeString(site.resolve("pages/pagina-" + i + ".md"), "---\ntitle: \"" + titles[i] + "\"\nsummary: Resumen.\nreviewed: 2026-10-01\n"
                    + "next-review: 2027-10-01\ntopic: tratamientos\n---\n\nIntroducción.\n\n## Qué llevar\n\nUna lista de sus medicamentos.\n");
        }
        SiteMenu menu = SiteMenu.of(App.load(site).site());
        String all = String.join(" ", menu.prompts().values());
        for (Map.Entry<String, String> prompt : menu.prompts().entrySet()) assertPaired(prompt.getValue(), prompt.getKey());
        assertTrue(all.contains("Para ¿Qué es la ketamina?, oprima") && all.contains("Para ¿Cómo actúa la ketamina?, oprima"), all);
    }
}
