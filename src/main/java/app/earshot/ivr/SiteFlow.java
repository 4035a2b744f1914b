package app.earshot.ivr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The site-wide phone line as a state machine, the number a clinic publishes: the topics, a topic's pages, then the
 * page's own line ({@link CallFlow}) embedded unchanged, its states and sounds tagged with the page's position. "0"
 * goes back up one level anywhere: in a page's section or "more" menu to the page's menu (as on a single page's line),
 * in the page's menu to the topic's pages (where a single page's line repeats its menu), in a later group to the
 * level's first, in a topic's pages to the topics, and at the top it repeats the menu. Callers may say the name of any
 * choice of the menu they just heard (a topic, or a page of the topic), and a section's name inside a page.
 */
public final class SiteFlow implements Line {

    private final SiteMenu menu;
    private final Map<List<Integer>, SpokenChoices> spoken = new ConcurrentHashMap<>();
    private final Map<Integer, CallFlow> pages = new ConcurrentHashMap<>();

    public SiteFlow(SiteMenu menu) {
        this.menu = menu;
    }

    public SiteMenu menu() {
        return menu;
    }

    /**
     * Most page titles the start of the line listens for besides its own choices: nine topics of nine pages. A larger
     * library keeps its titles in its topics' menus, so no grammar grows with the whole library.
     */
    static final int MAX_TITLES_AT_START = 81;

    /**
     * The words a caller may say in group {@code group} of the menu of {@code topic} (-1: the topics): the name of any
     * choice the group offers, "back", "menu", "help"; at the start of the line also the title of every page (up to
     * {@link #MAX_TITLES_AT_START}), so a caller who knows what they want reaches it in one turn. Elsewhere kept to what
     * was just heard, so grammars stay small however large the library, and names elsewhere never compete.
     */
    public SpokenChoices spoken(int topic, int group) {
        return spoken.computeIfAbsent(List.of(topic, group),
                k -> new SpokenChoices(said(topic, group).stream().map(SiteMenu.Choice::label).toList(), menu.language()));
    }

    /** The choices a caller may name in a site menu, in the order of {@link #spoken}'s topics. */
    private List<SiteMenu.Choice> said(int topic, int group) {
        List<SiteMenu.Choice> choices = new ArrayList<>(menu.level(topic).group(group));
        CallFlow.State top = top();
        boolean atStart = top.inSiteMenu() && top.place().topic() == topic;
        if (atStart && menu.pageCount() <= MAX_TITLES_AT_START) {
            for (SiteMenu.Level level : menu.topics().isEmpty() ? List.<SiteMenu.Level>of() : pageLevels()) {
                for (List<SiteMenu.Choice> g : level.groups()) for (SiteMenu.Choice c : g) if (!choices.contains(c)) choices.add(c);
            }
        }
        return choices;
    }

    private List<SiteMenu.Level> pageLevels() {
        List<SiteMenu.Level> levels = new ArrayList<>();
        for (int t = 0; t < menu.topics().size(); t++) levels.add(menu.pageLevel(t));
        return levels;
    }

    /** The line of the page at {@code page} (its position in the site), as a single page's line would have it. */
    public CallFlow page(int page) {
        return pages.computeIfAbsent(page, p -> new CallFlow(KeypadMenu.of(menu.page(p))));
    }

    /** Where the line starts: the topics; with one topic, its pages; with one page, its menu. */
    public CallFlow.State top() {
        if (menu.topicLevel().heard()) return menuState(-1, 0, 0);
        if (menu.topics().isEmpty()) return menuState(-1, 0, 0);
        if (menu.pageLevel(0).heard()) return menuState(0, 0, 0);
        return CallFlow.State.menu(0, 0).at(CallFlow.Place.page(0, menu.topics().get(0).pages().get(0)));
    }

    @Override
    public CallFlow.Turn start() {
        return arrive(top());
    }

    /** The turn that starts the page at {@code page}: its menu. */
    public CallFlow.Turn enterPage(int page) {
        return wrap(page, page(page).start());
    }

    @Override
    public CallFlow.Turn next(CallFlow.State state, CallFlow.Input input) {
        if (state.place() == null) return start();
        if (!state.inSiteMenu()) {
            int p = state.place().page();
            CallFlow flow = page(p);
            CallFlow.State inner = state.withoutPlace();
            if (!isTop(state) && flow.backFromMainMenu(inner, input)) return up(state);
            if (flow.saysMainMenu(input)) return start();
            return wrap(p, flow.next(inner, input));
        }
        if (input instanceof CallFlow.Key k) return answer(state, k.key());
        if (input instanceof CallFlow.Speech s) return heard(state, s.words());
        return arrive(state);
    }

    @Override
    public CallFlow.Turn arrive(CallFlow.State state) {
        if (state.place() == null) return start();
        if (!state.inSiteMenu()) return wrap(state.place().page(), page(state.place().page()).arrive(state.withoutPlace()));
        if (state.silence() >= CallFlow.SILENT_MENUS) return new CallFlow.Turn(List.of(prompt(SiteMenu.GOODBYE)), null, null);
        CallFlow.Place at = state.place();
        return new CallFlow.Turn(List.of(menuPrompt(at)), menuState(at.topic(), at.group(), 0),
                menuState(at.topic(), at.group(), state.silence() + 1));
    }

    /** What the keys {@code digits} (the first is used) do in one of the site's menus. */
    public CallFlow.Turn answer(CallFlow.State state, String digits) {
        if (digits == null || digits.isBlank()) return arrive(state);
        String key = digits.strip().substring(0, 1);
        CallFlow.Place at = state.place();
        SiteMenu.Level level = menu.level(at.topic());
        if (key.equals(KeypadMenu.HELP)) {
            return new CallFlow.Turn(List.of(prompt(KeypadMenu.help(menu.level(at.topic()).prompt(at.group())))),
                    menuState(at.topic(), at.group(), 0), menuState(at.topic(), at.group(), 1));
        }
        if (key.equals(SiteMenu.BACK)) return up(state);
        if (key.equals(SiteMenu.MORE) && level.hasMore(at.group())) return arrive(menuState(at.topic(), at.group() + 1, 0));
        List<SiteMenu.Choice> group = level.group(at.group());
        int index = key.charAt(0) - '1';
        if (index >= 0 && index < group.size()) return choose(group.get(index));
        SiteMenu.Level wrong = menu.level(at.topic());
        return new CallFlow.Turn(menu.notAnOption(wrong, at.group()).stream().<CallFlow.Sound>map(SiteFlow::prompt).toList(),
                menuState(at.topic(), at.group(), 0), menuState(at.topic(), at.group(), 1));
    }

    /** Words said in one of the site's menus: the name of one of the choices just heard, or a command; else "not an option". */
    public CallFlow.Turn heard(CallFlow.State state, String words) {
        CallFlow.Place at = state.place();
        SpokenChoices.Meaning meaning = spoken(at.topic(), at.group()).match(words).orElse(null);
        if (meaning instanceof SpokenChoices.Topic t) return choose(said(at.topic(), at.group()).get(t.index()));
        if (meaning instanceof SpokenChoices.Said c) return command(state, c.command());
        return answer(state, "#");
    }

    /** What {@code command} does in one of the site's menus (see {@link Command}). */
    private CallFlow.Turn command(CallFlow.State state, Command command) {
        return switch (command) {
            case REPEAT -> arrive(menuState(state.place().topic(), state.place().group(), 0));
            case BACK -> up(state);
            case MAIN_MENU -> start();
            case HELP -> answer(state, KeypadMenu.HELP);
            case NEXT, PREVIOUS_SECTION -> answer(state, "#");
        };
    }

    @Override
    public List<String> phrases(CallFlow.State listening) {
        if (listening.place() != null && !listening.inSiteMenu()) return page(listening.place().page()).phrases(listening.withoutPlace());
        CallFlow.Place at = listening.place() == null ? top().place() : listening.place();
        return spoken(at.topic(), at.group()).phrases();
    }

    @Override
    public java.util.Map<String, String> spellings(CallFlow.State listening) {
        if (listening.place() != null && !listening.inSiteMenu()) return page(listening.place().page()).spellings(listening.withoutPlace());
        CallFlow.Place at = listening.place() == null ? top().place() : listening.place();
        return spoken(at.topic(), at.group()).spellings();
    }

    @Override
    public java.util.Map<String, String> grammar(CallFlow.State listening) {
        if (listening.place() != null && !listening.inSiteMenu()) return page(listening.place().page()).grammar(listening.withoutPlace());
        CallFlow.Place at = listening.place() == null ? top().place() : listening.place();
        return spoken(at.topic(), at.group()).grammar();
    }

    /** The page a turn belongs to (its position in the site), or -1 for the site's own menus and goodbye. */
    public int pageOf(CallFlow.Turn turn) {
        if (!turn.hangsUp()) return turn.listen().place() == null || turn.listen().inSiteMenu() ? -1 : turn.listen().place().page();
        return turn.sounds().get(0) instanceof CallFlow.Prompt p ? p.page() : -1;
    }

    /**
     * Names: the site's menus by their prompts ("topics", "topic-aftercare-2-help"), a page's turns by the page's own
     * names after "page-{slug}-" ("page-consent-menu", "page-consent-section-risks").
     */
    @Override
    public String name(CallFlow.Turn turn) {
        int p = pageOf(turn);
        if (p >= 0) {
            CallFlow.Turn inner = turn.hangsUp() ? turn : new CallFlow.Turn(turn.sounds(), turn.listen().withoutPlace(), turn.onSilence().withoutPlace());
            return "page-" + menu.page(p).slug() + "-" + page(p).name(inner);
        }
        if (turn.hangsUp()) return "goodbye";
        CallFlow.Place at = turn.listen().place();
        return menu.level(at.topic()).prompt(at.group()) + Line.suffix(turn);
    }

    /** "0": up one level from {@code state} (see the class comment). */
    private CallFlow.Turn up(CallFlow.State state) {
        CallFlow.Place at = state.place();
        if (isTop(state)) return arrive(state.inSiteMenu() ? menuState(at.topic(), 0, 0) : top());
        if (!state.inSiteMenu() && menu.pageLevel(at.topic()).heard()) {
            SiteMenu.Level pages = menu.pageLevel(at.topic());
            return arrive(menuState(at.topic(), pages.groupOf(find(pages, c -> c.page() == at.page())), 0));
        }
        if (state.inSiteMenu() && at.group() > 0) return arrive(menuState(at.topic(), 0, 0));
        // A topic's first group, or a page whose topic has no page menu of its own: back to the topics.
        SiteMenu.Level topics = menu.topicLevel();
        return arrive(menuState(-1, topics.groupOf(find(topics, c -> c.topic() == at.topic())), 0));
    }

    private static SiteMenu.Choice find(SiteMenu.Level level, java.util.function.Predicate<SiteMenu.Choice> which) {
        return level.groups().stream().flatMap(List::stream).filter(which).findFirst().orElseThrow();
    }

    /** True for the level the line starts at (any of its groups, or the only page's menu). */
    private boolean isTop(CallFlow.State state) {
        CallFlow.State top = top();
        if (state.inSiteMenu()) return top.inSiteMenu() && state.place().topic() == top.place().topic();
        return !top.inSiteMenu() && state.place().page() == top.place().page();
    }

    private CallFlow.Turn choose(SiteMenu.Choice choice) {
        return choice.page() >= 0 ? enterPage(choice.page()) : enterTopic(choice.topic());
    }

    private CallFlow.Turn enterTopic(int topic) {
        SiteMenu.Level pages = menu.pageLevel(topic);
        if (!pages.heard()) return enterPage(pages.group(0).get(0).page());
        return arrive(menuState(topic, 0, 0));
    }

    /** A page's turn on the site line: its states placed in the page, its sounds the page's. */
    private CallFlow.Turn wrap(int page, CallFlow.Turn turn) {
        List<CallFlow.Sound> sounds = turn.sounds().stream().map(s -> s instanceof CallFlow.Prompt p
                ? (CallFlow.Sound) new CallFlow.Prompt(p.name(), page)
                : new CallFlow.SectionAudio(((CallFlow.SectionAudio) s).index(), page)).toList();
        if (turn.hangsUp()) return new CallFlow.Turn(sounds, null, null);
        CallFlow.Place at = CallFlow.Place.page(menu.topicOf(page), page);
        return new CallFlow.Turn(sounds, turn.listen().at(at), turn.onSilence().at(at));
    }

    /** The state of group {@code group} of the menu of {@code topic} (-1: the topics), {@code silence} menus unanswered. */
    public static CallFlow.State menuState(int topic, int group, int silence) {
        return new CallFlow.State(-1, -1, silence, CallFlow.Place.menu(topic, group));
    }

    private CallFlow.Prompt menuPrompt(CallFlow.Place at) {
        return prompt(menu.level(at.topic()).prompt(at.group()));
    }

    private static CallFlow.Prompt prompt(String name) {
        return new CallFlow.Prompt(name, -1);
    }
}
