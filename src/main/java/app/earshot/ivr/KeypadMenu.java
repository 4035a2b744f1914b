package app.earshot.ivr;

import app.earshot.messages.Catalogues;
import app.earshot.messages.Messages;

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
    /** The help of a place is named after the place's own prompt with this suffix ("menu-help", "after-section-help"). */
    public static final String HELP_SUFFIX = "-help";
    public static final String NOT_AN_OPTION = "not-an-option";
    public static final String GOODBYE = "goodbye";
    /** Said before the menu again after a wrong key: short, so it and a menu of {@link #MENU_WORDS} stay under 20 s. */

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

    /**
     * Words a whole menu prompt may have. FreeTTS speaks about 2.35 words a second on the telephone with the pauses at
     * punctuation (57 words measured 24.3 s), so 44 words keep every menu under 20 seconds; the tests measure the
     * synthesized prompts.
     */
    public static final int MENU_WORDS = 44;
    /** The name of the short answer to a wrong key in the menu {@code prompt}, where the page's line has one. */
    static String retry(String prompt) {
        return prompt + "-retry";
    }

    /** The menus and prompts for {@code page}, in its language (the bundled catalogue's phone words). */
    public static KeypadMenu of(Page page) {
        return of(page, Catalogues.bundled().forLanguage(page.language()));
    }

    /** The menus and prompts for {@code page}, said in {@code msg}'s words. */
    public static KeypadMenu of(Page page, Messages msg) {
        String invitation = msg.get("phone.invitation");
        String helpOffer = msg.get("phone.help-offer");
        List<Section> sections = page.sections();
        int n = Math.min(sections.size(), MAX_SECTIONS);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) labels.add(label(page, sections.get(i), msg));
        List<Integer> groups = layout(labels, words(sentence(page.title()) + " " + invitation + " " + helpOffer), msg);
        int direct = groups.get(0);
        int moreMenus = groups.size() - 1;

        List<List<String>> keys = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) keys.add(List.of());
        List<Option> main = new ArrayList<>();
        List<Menu> more = new ArrayList<>();
        for (int i = 0; i < direct; i++) {
            String key = Integer.toString(i + 1);
            main.add(new Option(key, labels.get(i), new ToSection(i)));
            keys.set(i, List.of(key));
        }
        int from = direct;
        for (int g = 0; g < moreMenus; g++) {
            int to = from + groups.get(g + 1);
            String key = Integer.toString(direct + g + 1);
            List<Option> options = new ArrayList<>();
            for (int i = from; i < to; i++) {
                String inner = Integer.toString(i - from + 1);
                options.add(new Option(inner, labels.get(i), new ToSection(i)));
                keys.set(i, List.of(key, inner));
            }
            options.add(new Option(MAIN_MENU, msg.get("phone.main-menu"), new ToMenu(0)));
            main.add(new Option(key, moreLabel(moreMenus, g + 2, msg), new ToMenu(g + 1)));
            more.add(new Menu(g + 1, "more-" + (g + 1), options));
            from = to;
        }
        String mainWords = sentence(page.title()) + " " + invitation + " " + say(main, msg) + " " + helpOffer;
        main.add(new Option(MAIN_MENU, msg.get("phone.menu-again"), new ToMenu(0))); // works, but not worth saying

        List<Menu> menus = new ArrayList<>();
        menus.add(new Menu(0, MENU, main));
        menus.addAll(more);

        Map<String, String> prompts = new LinkedHashMap<>();
        prompts.put(MENU, mainWords);
        for (Menu m : more) {
            prompts.put(m.prompt(), (moreMenus == 1 ? msg.get("phone.more.heading")
                    : msg.format("phone.more.heading.part", m.number() + 1)) + " " + say(m.options(), msg));
        }
        for (Position p : Position.values()) prompts.put(p.prompt, afterSection(p, msg));
        // Each place's help explains its own keys only, and is heard alone: "repeat" brings the menu back.
        prompts.put(help(MENU), msg.get("phone.help.menu") + (more.isEmpty() ? "" : " " + msg.get("phone.help.menu.more"))
                + " " + msg.get("phone.help.repeat"));
        for (Menu m : more) prompts.put(help(m.prompt()), msg.get("phone.help.more-menu"));
        for (Position p : Position.values()) prompts.put(help(p.prompt), sectionHelp(p, msg));
        prompts.put(NOT_AN_OPTION, msg.get("phone.not-an-option"));
        prompts.put(GOODBYE, msg.get("phone.goodbye"));
        // eSpeak NG speaks fewer words a second than FreeTTS: "not an option" and a Spanish menu of 44 words took up to
        // 20.7 s (LanguageLineTest), so in those languages a wrong key gets the site line's short answer instead, and
        // "repeat" brings the menu back.
        if (!app.earshot.content.Languages.isEnglish(page.language())) for (Menu m : menus) prompts.put(retry(m.prompt()), msg.get("phone.site.retry"));
        return new KeypadMenu(page, menus, keys, prompts);
    }

    /**
     * How many sections each menu holds: the main menu's own sections first, then one count per "more" menu. Every
     * menu's whole prompt fits {@link #MENU_WORDS} and nine keys (a single label too long to fit still gets a menu of
     * its own); the main menu keeps as many sections of its own as it can. If no layout of two levels fits, groups of
     * nine are used instead, longer to hear but still two presses.
     *
     * @param mainWords the main menu's words besides its options (title, invitation, help)
     */
    static List<Integer> layout(List<String> labels, int mainWords, Messages msg) {
        int n = labels.size();
        if (n == 0) return List.of(0);
        if (n <= 9 && fit(labels, 0, 9, MENU_WORDS - mainWords, msg) == n) return List.of(n);
        for (int direct = Math.min(8, n - 1); direct >= 0; direct--) {
            List<Integer> groups = new ArrayList<>(List.of(direct));
            for (int from = direct; from < n; ) {
                int count = Math.max(1, fit(labels, from, 9, MENU_WORDS
                        - words(msg.format("phone.more.heading.part", 9) + " " + msg.get("phone.back-offer")), msg));
                groups.add(count);
                from += count;
            }
            int more = groups.size() - 1;
            int spoken = mainWords + optionWords(labels, 0, direct, msg) + more * words(msg.format("phone.option", moreLabel(more, 2, msg), 9));
            if (direct + more <= 9 && spoken <= MENU_WORDS) return List.copyOf(groups);
        }
        return nines(n);
    }

    private static String moreLabel(int menus, int part, Messages msg) {
        return menus == 1 ? msg.get("phone.more") : msg.format("phone.more.part", part);
    }

    private static int optionWords(List<String> labels, int from, int to, Messages msg) {
        int used = 0;
        for (int i = from; i < to; i++) used += words(msg.format("phone.option", labels.get(i), 1));
        return used;
    }

    /** The old layout: as many direct keys as possible, the rest in "more" menus of nine. */
    private static List<Integer> nines(int n) {
        int direct = 8;
        while (direct > 0 && direct + 9 * (9 - direct) < n) direct--;
        List<Integer> groups = new ArrayList<>(List.of(direct));
        for (int from = direct; from < n; from += 9) groups.add(Math.min(9, n - from));
        return groups;
    }

    /** How many labels from {@code from} fit in {@code budget} words and {@code keys} keys. */
    private static int fit(List<String> labels, int from, int keys, int budget, Messages msg) {
        int used = 0;
        int count = 0;
        for (int i = from; i < labels.size() && count < keys; i++) {
            used += words(msg.format("phone.option", labels.get(i), 1));
            if (used > budget) break;
            count++;
        }
        return count;
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    /** The name of the help of the place whose own prompt is {@code prompt}. */
    public static String help(String prompt) {
        return prompt + HELP_SUFFIX;
    }

    private static String sectionHelp(Position p, Messages msg) {
        StringBuilder words = new StringBuilder(msg.get("phone.section.help"));
        if (p == Position.FIRST || p == Position.MIDDLE) words.append(' ').append(msg.get("phone.section.next"));
        if (p == Position.LAST || p == Position.MIDDLE) words.append(' ').append(msg.get("phone.section.previous"));
        return words.append(' ').append(msg.get("phone.section.help.end")).toString();
    }

    /** Where a section is in the page, which decides the keys worth offering after it. */
    public enum Position {
        FIRST("after-first-section"), MIDDLE("after-section"), LAST("after-last-section"), ONLY("after-only-section");

        final String prompt;

        Position(String prompt) {
            this.prompt = prompt;
        }

        static Position of(int index, int count) {
            if (count == 1) return ONLY;
            if (index == 0) return FIRST;
            return index == count - 1 ? LAST : MIDDLE;
        }
    }

    /** The name of the prompt played after the section at {@code index}: it offers only the keys that work there. */
    public String afterSection(int index) {
        return Position.of(index, page.sections().size()).prompt;
    }

    private static String afterSection(Position p, Messages msg) {
        StringBuilder words = new StringBuilder(msg.get("phone.section.end"));
        if (p == Position.FIRST || p == Position.MIDDLE) words.append(' ').append(msg.get("phone.section.next"));
        words.append(' ').append(msg.get("phone.section.again"));
        if (p == Position.LAST || p == Position.MIDDLE) words.append(' ').append(msg.get("phone.section.previous"));
        words.append(' ').append(msg.get("phone.section.end.end"));
        return words.toString();
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
        for (Menu m : menus) ordered.put(m.prompt(), prompts.get(m.prompt()));
        for (Position p : Position.values()) ordered.put(p.prompt, prompts.get(p.prompt));
        for (Menu m : menus) ordered.put(help(m.prompt()), prompts.get(help(m.prompt())));
        for (Position p : Position.values()) ordered.put(help(p.prompt), prompts.get(help(p.prompt)));
        for (Menu m : menus) if (prompts.containsKey(retry(m.prompt()))) ordered.put(retry(m.prompt()), prompts.get(retry(m.prompt())));
        for (String name : List.of(NOT_AN_OPTION, GOODBYE)) ordered.put(name, prompts.get(name));
        return ordered;
    }

    /** The words of the prompt called {@code name}, if it exists. */
    public Optional<String> prompt(String name) {
        return Optional.ofNullable(prompts.get(name));
    }

    private static String label(Page page, Section section, Messages msg) {
        return section.introduction() ? msg.get("phone.introduction") : label(section.heading());
    }

    /**
     * A heading or title as a menu's sentence says it ("For {label}, press 2."): its final punctuation dropped ("How
     * Does Ketamine Work?" is "How Does Ketamine Work"), except the closing mark of a question or exclamation opened
     * with "¿" or "¡", which keeps its pair ("¿Qué es la ketamina?", never "¿Qué es la ketamina").
     */
    static String label(String title) {
        String text = title.strip();
        String bare = text.replaceAll("[.?!:;,]+$", "");
        String closing = open(bare, '¿', '?') ? "?" : open(bare, '¡', '!') ? "!" : "";
        return closing.isEmpty() || !text.substring(bare.length()).contains(closing) ? bare : bare + closing;
    }

    /** True if {@code text} opens more {@code opening} marks than it closes. */
    private static boolean open(String text, char opening, char closing) {
        int depth = 0;
        for (char c : text.toCharArray()) {
            if (c == opening) depth++;
            else if (c == closing && depth > 0) depth--;
        }
        return depth > 0;
    }

    /** The text as a sentence: a full stop added unless it already ends in sentence punctuation. */
    private static String sentence(String text) {
        String t = text.strip();
        return t.matches(".*[.?!]$") ? t : t + ".";
    }

    private static String say(List<Option> options, Messages msg) {
        StringBuilder sb = new StringBuilder();
        for (Option o : options) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append(msg.format("phone.option", o.label(), o.key()));
        }
        return sb.toString();
    }
}
