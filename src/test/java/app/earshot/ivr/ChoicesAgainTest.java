package app.earshot.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In every menu, what the short answer to a wrong key ("-retry") and the help say brings the choices back does so for
 * a caller with a keypad only. The retry said "To hear the choices again, say repeat or press star" ("... u oprima
 * asterisco"), but star plays the help, which lists no choice and offered only saying "repeat": a caller who cannot
 * speak had no way back to the choices that any prompt told them of. Now both say to stay on the line, and silence
 * brings the menu back, as it always has; a key a prompt names for the choices must lead to them.
 */
class ChoicesAgainTest {
    @TempDir
    static Path dir;

    /** The words that promise the choices again, and how a keypad-only caller is told to get them, in one language. */
    record Words(String star, String stay) {}

    static final Words ENGLISH = new Words("press star", "stay on the line");
    static final Words SPANISH = new Words("oprima asterisco", "permanezca en la línea");

    /** Checks every menu of {@code table}: its help, and its retry where it has one. Returns how many prompts were checked. */
    static int check(CallTable table, Function<CallFlow.Prompt, String> words, Words in) {
        Line line = table.line();
        int checked = 0;
        for (CallFlow.Turn turn : table.turns()) {
            if (turn.hangsUp() || turn.listen().inSection()) continue;
            CallFlow.Turn menu = line.arrive(turn.listen());
            CallFlow.Turn wrong = CommandWordsTest.to(table, turn, new CallFlow.Key("#"));
            CallFlow.Turn help = CommandWordsTest.to(table, turn, new CallFlow.Key("*"));
            for (CallFlow.Turn answer : List.of(wrong, help)) {
                CallFlow.Prompt first = (CallFlow.Prompt) answer.sounds().get(0);
                if (answer == wrong && !first.name().endsWith("-retry")) {
                    assertTrue(answer.sounds().containsAll(menu.sounds()), "\"not an option\" says the menu again: " + table.name(answer));
                    continue;
                }
                String said = words.apply(first);
                String where = table.name(turn) + " -> " + table.name(answer) + ": \"" + said + "\"";
                if (said.contains(in.star())) {
                    assertEquals(menu.sounds(), CommandWordsTest.to(table, answer, new CallFlow.Key("*")).sounds(), "star promised the choices: " + where);
                }
                assertTrue(said.contains(in.stay()), "a keypad-only caller is told how to hear the choices again: " + where);
                assertEquals(menu.sounds(), line.arrive(answer.onSilence()).sounds(), "staying on the line brings the choices back: " + where);
                checked++;
            }
        }
        return checked;
    }

    @Test
    void aSpanishPagesMenusBringTheChoicesBackToAKeypadOnlyCaller() {
        app.earshot.content.Page english = KeypadMenuTest.page(20);
        app.earshot.content.Page page = new app.earshot.content.Page("p", "Título", "", english.reviewed(), english.nextReview(),
                english.sections(), "", "es", "");
        KeypadMenu keypad = KeypadMenu.of(page);
        assertTrue(keypad.menus().size() > 1, "the page has \"more sections\" menus");
        int checked = check(CallTable.of(new CallFlow(keypad)), p -> keypad.prompt(p.name()).orElseThrow(), SPANISH);
        assertTrue(checked >= 2 * keypad.menus().size(), "prompts checked: " + checked);
    }

    @Test
    void anEnglishPagesMenusTellAKeypadOnlyCallerHowToHearThemAgain() {
        KeypadMenu keypad = KeypadMenu.of(KeypadMenuTest.page(20));
        int checked = check(CallTable.of(new CallFlow(keypad)), p -> keypad.prompt(p.name()).orElseThrow(), ENGLISH);
        assertTrue(checked >= keypad.menus().size(), "each menu's help, from each of its turns: " + checked);
    }

    /** Nine topics of nine pages: the pages' menus are said as lists, with the short retry. */
    @Test
    void theSiteLinesMenusSaidCompactlyBringTheChoicesBackToAKeypadOnlyCaller() throws Exception {
        CallTable table = CallTable.of(new SiteFlow(SiteMenu.of(App.load(LibraryFixture.write(dir.resolve("nine"), 9, 9, 9, 9, 9, 9, 9, 9, 9)).site())));
        SiteFlow flow = (SiteFlow) table.line();
        Function<CallFlow.Prompt, String> words = p -> p.page() < 0 ? flow.menu().prompt(p.name()).orElseThrow()
                : flow.page(p.page()).keypad().prompt(p.name()).orElseThrow();
        assertTrue(table.turns().stream().anyMatch(t -> !t.hangsUp() && t.sounds().get(0) instanceof CallFlow.Prompt p && p.name().endsWith("-retry")),
                "the library has menus said compactly");
        assertTrue(check(table, words, ENGLISH) > 81);
        assertFalse(flow.menu().prompts().values().stream().anyMatch(w -> w.contains("choices again") && w.contains(ENGLISH.star())),
                "no prompt promises the choices on star");
    }
}
