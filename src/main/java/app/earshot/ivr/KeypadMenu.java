package app.earshot.ivr;

import app.earshot.content.Page;
import app.earshot.content.Section;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keypad map of one page and the words of every prompt a caller hears: each section is reached in at most two
 * presses. With up to nine sections, key N plays section N. With more, the first sections keep their own key and the
 * last key (or keys) opens a "more sections" menu, the familiar "for more options, press 9"; up to
 * {@link #MAX_SECTIONS} sections fit, and any beyond that have no key. While a section plays: 1 repeats it,
 * 4 goes to the previous one, 6 to the next, 0 to the main menu and * (star) gives help: not #, which many platforms treat as "end of input".
 */
public final class KeypadMenu {
    /** Most sections reachable in two presses: nine "more" menus of nine. */
    public static final int MAX_SECTIONS = 81;

    public static final String REPEAT = "1";
    public static final String PREVIOUS = "4";
    public static final String NEXT = "6";
    /** In a section: the main menu. In the main menu: hear it again. In a "more" menu: back to the main menu. */
    public static final String MAIN_MENU = "0";
    public static final String HELP = "*";

    /** Prompt names; "more-N" names the Nth "more sections" menu. */
    public static final String MENU = "menu";
    public static final String AFTER_SECTION = "after-section";
    public static final String HELP_PROMPT = "help";
    public static final String NOT_AN_OPTION = "not-an-option";
    public static final String GOODBYE = "goodbye";

    /** Where a key leads. */
    public sealed interface Target permits ToSection, ToMenu {}

    /** Plays the section at this zero-based position in the page. */
    public record ToSection(int index) implements Target {}

    /** Opens menu {@code number} (0 is the main menu). */
    public record ToMenu(int number) implements Target {}

    /** One key of a menu: "for {label}, press {key}". */
    public record Option(String key, String label, Target target) {}

    /** A menu: its number (0 main, 1.. "more"), the prompt that says it, and its keys. */
    public record Menu(int number, String prompt, List<Option> options) {
        public Menu {
            options = List.copyOf(options);
        }

        /** Where {@code key} leads from this menu, if anywhere. */
        public Optional<Target> target(String key) {
            return options.stream().filter(o -> o.key().equals(key)).map(Option::target).findFirst();
        }
    }

    private final Page page;
    private final List<Menu> menus;
    private final List<List<String>> keys;
    private final Map<String, String> prompts;

    private KeypadMenu(Page page, List<Menu> menus, List<List<String>> keys, Map<String, String> prompts) {
        this.page = page;
        this.menus = List.copyOf(menus);
        this.keys = List.copyOf(keys);
        this.prompts = Map.copyOf(prompts);
    }

    /** The menus and prompts for {@code page}. */
    public static KeypadMenu of(Page page) {
        List<Section> sections = page.sections();
        int n = Math.min(sections.size(), MAX_SECTIONS);
        // As many sections as possible keep a key of their own; the remaining keys each open a menu of nine.
        int direct = n <= 9 ? n : 8;
        while (direct > 0 && direct + 9 * (9 - direct) < n) direct--;
        int groups = (n - direct + 8) / 9;

        List<List<String>> keys = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) keys.add(List.of());
        List<Option> main = new ArrayList<>();
        List<Menu> more = new ArrayList<>();
        for (int i = 0; i < direct; i++) {
            String key = Integer.toString(i + 1);
            main.add(new Option(key, label(page, sections.get(i)), new ToSection(i)));
            keys.set(i, List.of(key));
        }
        for (int g = 0; g < groups; g++) {
            int from = direct + 9 * g;
            int to = Math.min(n, from + 9);
            String key = Integer.toString(direct + g + 1);
            List<Option> options = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String inner = Integer.toString(i - from + 1);
                options.add(new Option(inner, label(page, sections.get(i)), new ToSection(i)));
                keys.set(i, List.of(key, inner));
            }
            options.add(new Option(MAIN_MENU, "the main menu", new ToMenu(0)));
            String name = groups == 1 ? "more sections"
                    : "more sections, from " + label(page, sections.get(from)) + " to " + label(page, sections.get(to - 1));
            main.add(new Option(key, name, new ToMenu(g + 1)));
            more.add(new Menu(g + 1, "more-" + (g + 1), options));
        }
        String mainWords = sentence(page.title()) + " Main menu. " + say(main) + " For help, press the star key.";
        main.add(new Option(MAIN_MENU, "this menu again", new ToMenu(0))); // works, but not worth saying

        List<Menu> menus = new ArrayList<>();
        menus.add(new Menu(0, MENU, main));
        menus.addAll(more);

        Map<String, String> prompts = new LinkedHashMap<>();
        prompts.put(MENU, mainWords);
        for (Menu m : more) {
            prompts.put(m.prompt(), (groups == 1 ? "More sections. " : "More sections, part " + m.number() + ". ")
                    + say(m.options()));
        }
        prompts.put(AFTER_SECTION, "End of section. For the next section, press 6. To hear this section again, press 1. "
                + "For the previous section, press 4. For the main menu, press 0. For help, press the star key.");
        prompts.put(HELP_PROMPT, "Help. You can press a key at any time, even while a section is playing. "
                + "During a section, press 1 to hear it again, 4 for the previous section, 6 for the next section, "
                + "or 0 for the main menu. In a menu, press the number said after a section's name"
                + (groups > 0 ? ", or the number for more sections, then the section's number in that menu" : "")
                + ". Press the star key at any time to hear this help.");
        prompts.put(NOT_AN_OPTION, "Sorry, that is not an option.");
        prompts.put(GOODBYE, "We did not hear a choice. Thank you for calling. Goodbye.");
        return new KeypadMenu(page, menus, keys, prompts);
    }

    public Page page() {
        return page;
    }

    /** The main menu first, then the "more sections" menus in key order. */
    public List<Menu> menus() {
        return menus;
    }

    /** Menu {@code number}; 0 is the main menu. */
    public Optional<Menu> menu(int number) {
        return number >= 0 && number < menus.size() ? Optional.of(menus.get(number)) : Optional.empty();
    }

    /** The keys a caller presses from the main menu to reach the section at {@code index}; empty if it has none. */
    public List<String> keys(int index) {
        return keys.get(index);
    }

    /** Every prompt's name and its words, in a stable order. */
    public Map<String, String> prompts() {
        Map<String, String> ordered = new LinkedHashMap<>();
        ordered.put(MENU, prompts.get(MENU));
        for (Menu m : menus.subList(1, menus.size())) ordered.put(m.prompt(), prompts.get(m.prompt()));
        for (String name : List.of(AFTER_SECTION, HELP_PROMPT, NOT_AN_OPTION, GOODBYE)) ordered.put(name, prompts.get(name));
        return ordered;
    }

    /** The words of the prompt called {@code name}, if it exists. */
    public Optional<String> prompt(String name) {
        return Optional.ofNullable(prompts.get(name));
    }

    private static String label(Page page, Section section) {
        return section.introduction() ? "the introduction" : section.heading().strip().replaceAll("[.?!:;,]+$", "");
    }

    /** The text as a sentence: a full stop added unless it already ends in sentence punctuation. */
    private static String sentence(String text) {
        String t = text.strip();
        return t.matches(".*[.?!]$") ? t : t + ".";
    }

    private static String say(List<Option> options) {
        StringBuilder sb = new StringBuilder();
        for (Option o : options) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append("For ").append(o.label()).append(", press ").append(o.key()).append('.');
        }
        return sb.toString();
    }
}
