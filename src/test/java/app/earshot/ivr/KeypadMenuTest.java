package app.earshot.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.content.Page;
import app.earshot.content.Section;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeypadMenuTest {

    static Page page(int sections) {
        List<Section> list = new ArrayList<>();
        for (int i = 0; i < sections; i++) {
            list.add(new Section("s" + i, "Heading " + i, i == 0, "<p>x</p>", "<p>x</p>", List.of(), i + 1));
        }
        return new Page("p", "Title", "", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), list);
    }

    /** The section a caller reaches by pressing {@code keys} from the main menu, or -1. */
    static int follow(KeypadMenu keypad, List<String> keys) {
        KeypadMenu.Menu menu = keypad.menu(0).orElseThrow();
        for (String key : keys) {
            KeypadMenu.Target target = menu.target(key).orElse(null);
            if (target instanceof KeypadMenu.ToSection s) return s.index();
            if (!(target instanceof KeypadMenu.ToMenu m)) return -1;
            menu = keypad.menu(m.number()).orElseThrow();
        }
        return -1;
    }

    @Test
    void aShortMenuHasKeyNForSectionN() {
        KeypadMenu keypad = KeypadMenu.of(page(5));
        for (int i = 0; i < 5; i++) assertEquals(List.of(Integer.toString(i + 1)), keypad.keys(i));
        assertEquals(1, keypad.menus().size());
    }

    @Test
    void longMenusPutSectionsBehindMoreKeysSoEveryMenuKeepsToItsWordBudget() {
        for (int n : List.of(9, 11, 20)) {
            KeypadMenu keypad = KeypadMenu.of(page(n));
            assertTrue(keypad.menus().size() > 1, n + " sections");
            for (KeypadMenu.Menu m : keypad.menus()) {
                String words = keypad.prompt(m.prompt()).orElseThrow();
                assertTrue(words.split("\\s+").length <= KeypadMenu.MENU_WORDS, n + " sections: " + words);
            }
        }
        assertTrue(KeypadMenu.of(page(11)).prompt("menu").orElseThrow().contains("For more sections"));
        assertTrue(KeypadMenu.of(page(11)).prompt("more-1").orElseThrow().endsWith("For the main menu, press 0."));
    }

    @Test
    void afterTheFirstAndLastSectionsOnlyTheKeysThatWorkAreOffered() {
        KeypadMenu keypad = KeypadMenu.of(page(3));
        assertFalse(keypad.prompt(keypad.afterSection(0)).orElseThrow().contains("press 4"));
        assertTrue(keypad.prompt(keypad.afterSection(1)).orElseThrow().contains("press 4"));
        assertFalse(keypad.prompt(keypad.afterSection(2)).orElseThrow().contains("press 6"));
    }

    @Test
    void everySectionUpToEightyOneIsReachedInAtMostTwoPressesByExactlyItsKeys() {
        for (int n : List.of(1, 9, 10, 17, 18, 40, 80, 81)) {
            KeypadMenu keypad = KeypadMenu.of(page(n));
            Set<List<String>> seen = new HashSet<>();
            for (int i = 0; i < n; i++) {
                List<String> keys = keypad.keys(i);
                assertTrue(keys.size() >= 1 && keys.size() <= 2, n + " sections: " + i + " -> " + keys);
                assertEquals(i, follow(keypad, keys), n + " sections: " + keys);
                assertTrue(seen.add(keys));
            }
        }
    }

    @Test
    void sectionsBeyondEightyOneHaveNoKey() {
        assertEquals(List.of(), KeypadMenu.of(page(82)).keys(81));
    }

    @Test
    void menusNeverUseTheNavigationKeysForSections() {
        KeypadMenu keypad = KeypadMenu.of(page(40));
        for (KeypadMenu.Menu menu : keypad.menus()) {
            for (KeypadMenu.Option o : menu.options()) {
                assertTrue(o.key().matches("[0-9]") && !o.key().equals(KeypadMenu.HELP), o.toString());
                if (o.key().equals(KeypadMenu.MAIN_MENU)) assertEquals(new KeypadMenu.ToMenu(0), o.target());
            }
        }
    }

    @Test
    void headingPunctuationIsNotReadBeforePress() {
        Page page = new Page("p", "What is it?", "", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1),
                List.of(new Section("a", "Is it right for you?", false, "", "", List.of(), 1)));
        String menu = KeypadMenu.of(page).prompt("menu").orElseThrow();
        assertTrue(menu.startsWith("What is it? Press a number, or say a topic. For Is it right for you, press 1."), menu);
    }
}
