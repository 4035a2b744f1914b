package app.earshot.ivr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The {@link Command} words do what the table says at every place of a call, on a page's line and on site lines:
 * "repeat" replays what was just heard, "previous"/"go back" is "0" (up one level), "main menu" is the start, and
 * "help" is "*", a help of the place's own keys alone. The dialect tests walk these same rows through VoiceXML and TwiML.
 */
class CommandWordsTest {
    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    private static final Pattern KEY = Pattern.compile("press ([0-9])");

    static void check(CallTable table, java.util.function.Function<CallFlow.Prompt, String> words) {
        Line line = table.line();
        int checked = 0;
        for (CallFlow.Turn turn : table.turns()) {
            if (turn.hangsUp()) continue;
            CallFlow.Turn zero = to(table, turn, new CallFlow.Key("0"));
            CallFlow.Turn star = to(table, turn, new CallFlow.Key("*"));
            CallFlow.Turn wrong = to(table, turn, CallTable.UNRECOGNISED);
            String where = table.name(turn);
            for (Command command : Command.values()) {
                for (String phrase : command.phrases()) {
                    CallFlow.Turn to = to(table, turn, new CallFlow.Speech(phrase));
                    switch (command) {
                        case REPEAT -> assertEquals(line.arrive(turn.listen()), to, where + " + " + phrase);
                        case BACK -> assertEquals(zero, to, where + " + " + phrase);
                        case MAIN_MENU -> assertEquals(line.start(), to, where + " + " + phrase);
                        case HELP -> assertEquals(star, to, where + " + " + phrase);
                        case NEXT, PREVIOUS_SECTION -> {
                            if (!turn.listen().inSection()) assertEquals(wrong, to, where + " + " + phrase);
                        }
                    }
                    checked++;
                }
            }
            assertEquals(turn.listen(), star.listen(), where);
            assertEquals(1, star.sounds().size(), where);
            CallFlow.Prompt help = (CallFlow.Prompt) star.sounds().get(0);
            assertTrue(help.name().endsWith(KeypadMenu.HELP_SUFFIX), where + ": " + help);
            Matcher keys = KEY.matcher(words.apply(help));
            while (keys.find()) {
                CallFlow.Turn pressed = to(table, turn, new CallFlow.Key(keys.group(1)));
                assertTrue(!pressed.equals(wrong), where + ": help offers " + keys.group(1) + ", which is not an option there");
            }
        }
        assertTrue(checked > 100, "words checked: " + checked);
    }

    static CallFlow.Turn to(CallTable table, CallFlow.Turn from, CallFlow.Input input) {
        return table.rows(from).stream().filter(r -> r.input().equals(input)).findFirst().orElseThrow(() -> new AssertionError(input + " not in the table")).to();
    }

    @Test
    void wordsMeanTheSameAtEveryPlaceOfAPagesLine() {
        KeypadMenu keypad = KeypadMenu.of(KeypadMenuTest.page(20));
        check(CallTable.of(new CallFlow(keypad)), p -> keypad.prompt(p.name()).orElseThrow());
    }

    @Test
    void wordsMeanTheSameAtEveryPlaceOfASiteLine() throws Exception {
        for (int[] shape : new int[][]{{10, 2, 1}, {3}, {1}}) {
            java.nio.file.Path content = dir.resolve("library-" + java.util.Arrays.toString(shape).replaceAll("[^0-9]+", "-"));
            CallTable table = CallTable.of(new SiteFlow(SiteMenu.of(app.earshot.App.load(LibraryFixture.write(content, shape)).site())));
            SiteFlow flow = (SiteFlow) table.line();
            check(table, p -> p.page() < 0 ? flow.menu().prompt(p.name()).orElseThrow() : flow.page(p.page()).keypad().prompt(p.name()).orElseThrow());
        }
    }
}
