package app.earshot.ivr;

import java.util.List;

/**
 * The call as a state machine with all its state in the request: given where the caller is and the key they
 * pressed (or that they pressed nothing), says what to play next and where the next key or silence leads.
 * Silence in a menu repeats it up to {@link #SILENT_MENUS} times in all, then the call says goodbye and ends.
 */
public final class CallFlow implements Line {
    /** How many times a menu is played to a silent caller before goodbye. */
    public static final int SILENT_MENUS = 3;

    /**
     * Where a caller is: in menu {@code menu} (0 is the main menu) or listening to the section at {@code section};
     * {@code silence} counts the menus played in a row without an answer.
     */
    public record State(int menu, int section, int silence, Place place) {
        /** A state on a single page's line. */
        State(int menu, int section, int silence) {
            this(menu, section, silence, null);
        }

        public static State menu(int number, int silence) {
            return new State(number, -1, silence);
        }

        public static State section(int index) {
            return new State(-1, index, 0);
        }

        public boolean inSection() {
            return section >= 0;
        }

        /** True in one of the site line's own menus (topics, or a topic's pages), not inside a page. */
        public boolean inSiteMenu() {
            return place != null && place.page() < 0;
        }

        /** This state on a page's line, without its place on the site line. */
        State withoutPlace() {
            return new State(menu, section, silence);
        }

        /** This state at {@code at} on the site line. */
        public State at(Place at) {
            return new State(menu, section, silence, at);
        }
    }

    /**
     * Where a caller is on the site-wide line: in the menu of {@code topic} (-1: the topics) showing its group
     * {@code group} of nine, or inside the page at {@code page} (its position in the site; -1 when in a site menu).
     * A single page's line has no place (null).
     */
    public record Place(int topic, int group, int page) {
        static Place menu(int topic, int group) {
            return new Place(topic, group, -1);
        }

        public static Place page(int topic, int page) {
            return new Place(topic, 0, page);
        }
    }

    /** Something to play: a named prompt or a section (all its parts). */
    public sealed interface Sound permits Prompt, SectionAudio {}

    /** A prompt by name; {@code page} is the page whose prompt it is on the site line, -1 for the line's own. */
    public record Prompt(String name, int page) implements Sound {
        Prompt(String name) {
            this(name, -1);
        }
    }

    /** The section at {@code index} of the line's page, or on the site line of the page at {@code page}. */
    public record SectionAudio(int index, int page) implements Sound {
        SectionAudio(int index) {
            this(index, -1);
        }
    }

    /**
     * One answer to the caller: play {@code sounds} while listening for a key, which is then answered in state
     * {@code listen}; if none is pressed, continue in {@code onSilence}. A null {@code listen} means play and hang up.
     */
    public record Turn(List<Sound> sounds, State listen, State onSilence) {
        public Turn {
            sounds = List.copyOf(sounds);
        }

        public boolean hangsUp() {
            return listen == null;
        }
    }

    /** What a caller did: pressed a key, said something, or nothing before the timeout. */
    public sealed interface Input permits Key, Speech, Silence {}

    /** A key: "0" to "9", "*" or "#". */
    public record Key(String key) implements Input {}

    /** Words a speech recogniser heard. */
    public record Speech(String words) implements Input {}

    /** No answer before the timeout. */
    public record Silence() implements Input {}

    /** Every key a phone keypad has. */
    public static final List<String> KEYS = List.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "*", "#");

    private final KeypadMenu keypad;
    private final SpokenChoices spoken;
    private final int sections;

    public CallFlow(KeypadMenu keypad) {
        this.keypad = keypad;
        this.spoken = new SpokenChoices(keypad);
        this.sections = keypad.page().sections().size();
    }

    public KeypadMenu keypad() {
        return keypad;
    }

    /** The words a caller may say, and what each means. */
    public SpokenChoices spoken() {
        return spoken;
    }

    /** The turn that starts a call: the main menu. */
    @Override
    public Turn start() {
        return arrive(State.menu(0, 0));
    }

    /** What happens when the caller, listening in {@code state}, does {@code input}. */
    @Override
    public Turn next(State state, Input input) {
        if (input instanceof Key k) return answer(state, k.key());
        if (input instanceof Speech s) return heard(state, s.words());
        return arrive(state);
    }

    /**
     * What to do when the caller said {@code words} in {@code state}: a topic plays its section from anywhere; a
     * {@link Command} word does what the table says; anything else is "not an option".
     */
    Turn heard(State state, String words) {
        SpokenChoices.Meaning meaning = spoken.match(words).orElse(null);
        if (meaning instanceof SpokenChoices.Topic t) return playSection(t.index());
        if (meaning instanceof SpokenChoices.Said c) return command(state, c.command());
        return answer(state, "#");
    }

    /** What {@code command} does in {@code state} on a page's line (see {@link Command}). */
    Turn command(State state, Command command) {
        boolean inSection = state.inSection() && state.section() < sections;
        int menu = keypad.menu(state.menu()).isPresent() ? state.menu() : 0;
        return switch (command) {
            case REPEAT -> inSection ? playSection(state.section()) : arrive(State.menu(menu, 0));
            case BACK, MAIN_MENU -> start();
            case HELP -> answer(state, KeypadMenu.HELP);
            case NEXT -> answer(state, inSection ? KeypadMenu.NEXT : "#");
            case PREVIOUS_SECTION -> answer(state, inSection ? KeypadMenu.PREVIOUS : "#");
        };
    }

    /**
     * What to do in {@code state} when no key was pressed: arriving at a menu (or returning to it after silence),
     * or arriving at a section (a deep link). An unknown menu or section is treated as the main menu.
     */
    @Override
    public Turn arrive(State state) {
        if (state.inSection() && state.section() < sections) return playSection(state.section());
        int menu = keypad.menu(state.menu()).isPresent() ? state.menu() : 0;
        if (state.silence() >= SILENT_MENUS) return new Turn(List.of(prompt(KeypadMenu.GOODBYE)), null, null);
        return new Turn(List.of(menuPrompt(menu)), State.menu(menu, 0), State.menu(menu, state.silence() + 1));
    }

    /** What to do when {@code digits} (the first is used) were pressed in {@code state}. */
    Turn answer(State state, String digits) {
        if (digits == null || digits.isBlank()) return arrive(state);
        String key = digits.strip().substring(0, 1);
        if (state.inSection() && state.section() < sections) return inSection(state.section(), key);
        int menu = keypad.menu(state.menu()).isPresent() ? state.menu() : 0;
        if (key.equals(KeypadMenu.HELP)) {
            return new Turn(List.of(prompt(KeypadMenu.help(keypad.menu(menu).orElseThrow().prompt()))), State.menu(menu, 0), State.menu(menu, 1));
        }
        KeypadMenu.Target target = keypad.menu(menu).orElseThrow().target(key).orElse(null);
        if (target instanceof KeypadMenu.ToSection s) return playSection(s.index());
        if (target instanceof KeypadMenu.ToMenu m) return arrive(State.menu(m.number(), 0));
        String retry = KeypadMenu.retry(menuPrompt(menu).name());
        List<Sound> wrong = keypad.prompt(retry).isPresent() ? List.of(prompt(retry)) : List.of(prompt(KeypadMenu.NOT_AN_OPTION), menuPrompt(menu));
        return new Turn(wrong, State.menu(menu, 0), State.menu(menu, 1));
    }

    private Turn inSection(int index, String key) {
        switch (key) {
            case KeypadMenu.REPEAT:
                return playSection(index);
            case KeypadMenu.PREVIOUS:
                if (index > 0) return playSection(index - 1);
                break;
            case KeypadMenu.NEXT:
                if (index + 1 < sections) return playSection(index + 1);
                break;
            case KeypadMenu.MAIN_MENU:
                return arrive(State.menu(0, 0));
            case KeypadMenu.HELP:
                return new Turn(List.of(prompt(KeypadMenu.help(keypad.afterSection(index)))), State.section(index), State.menu(0, 0));
            default:
                break;
        }
        return sectionOptions(index, KeypadMenu.NOT_AN_OPTION);
    }

    /** The section, then the keys that work after it; silence afterwards goes to the main menu. */
    private Turn playSection(int index) {
        return new Turn(List.of(new SectionAudio(index), prompt(keypad.afterSection(index))),
                State.section(index), State.menu(0, 0));
    }

    /** A prompt (help, or "not an option") and the keys again, without replaying the section. */
    private Turn sectionOptions(int index, String first) {
        return new Turn(List.of(prompt(first), prompt(keypad.afterSection(index))), State.section(index), State.menu(0, 0));
    }

    /**
     * True if {@code input} in {@code state} means "up one level" from the page's main menu ("0", or a {@link Command#BACK}
     * word), which the site line takes to the page's topic.
     */
    boolean backFromMainMenu(State state, Input input) {
        if (state.inSection() || state.menu() != 0) return false;
        if (input instanceof Key k) return k.key().strip().startsWith(KeypadMenu.MAIN_MENU);
        return input instanceof Speech s && spoken.match(s.words()).orElse(null) instanceof SpokenChoices.Said c && c.command() == Command.BACK;
    }

    /** True if {@code input} is a {@link Command#MAIN_MENU} word, which on the site line goes to the line's start. */
    boolean saysMainMenu(Input input) {
        return input instanceof Speech s && spoken.match(s.words()).orElse(null) instanceof SpokenChoices.Said c && c.command() == Command.MAIN_MENU;
    }

    @Override
    public List<String> phrases(State listening) {
        return spoken.phrases();
    }

    @Override
    public java.util.Map<String, String> spellings(State listening) {
        return spoken.spellings();
    }

    @Override
    public java.util.Map<String, String> grammar(State listening) {
        return spoken.grammar();
    }

    /** Readable, stable names: "menu", "menu-retry", "section-uses", "section-uses-help", "goodbye". */
    @Override
    public String name(Turn turn) {
        if (turn.hangsUp()) return "goodbye";
        State listen = turn.listen();
        String base = listen.inSection()
                ? VoiceXml.formId(keypad.page().sections().get(listen.section()).id())
                : keypad.menu(listen.menu()).orElseThrow().prompt();
        return base + Line.suffix(turn);
    }

    private Prompt menuPrompt(int menu) {
        return new Prompt(keypad.menu(menu).orElseThrow().prompt());
    }

    private static Prompt prompt(String name) {
        return new Prompt(name);
    }
}
