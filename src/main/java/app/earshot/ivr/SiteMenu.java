package app.earshot.ivr;

import app.earshot.messages.Catalogues;
import app.earshot.messages.Messages;

import app.earshot.content.Page;
import app.earshot.content.Site;
import app.earshot.content.Topic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The keypad map and prompt words of the site-wide phone line: a menu of the site's topics (in {@code site.yaml}
 * order), then a menu of each topic's pages, each page then leading to its own {@link KeypadMenu}. A level with one
 * choice is skipped (one topic: the line starts at its pages; one page: at its menu). Up to nine choices have keys 1
 * to 9; a longer level is heard in groups of eight, 9 being "more", so every page of nine topics of nine pages is one
 * key for the topic and one for the page away from the top.
 */
public final class SiteMenu {
    /** What a key chooses: a topic ({@code page} -1) or a page, by their positions in {@link #topics()} and the site. */
    public record Choice(String label, int topic, int page) {}

    /**
     * A menu level: the topics ({@code topic} -1) or the pages of one topic, heard in groups.
     *
     * @param name prompt name of its first group ("topics", "topic-{id}"); the others add "-2", "-3", ...
     */
    public record Level(int topic, String name, String title, List<List<Choice>> groups) {
        public Level {
            groups = groups.stream().map(List::copyOf).toList();
        }

        /** The prompt name of group {@code group}. */
        public String prompt(int group) {
            return group == 0 ? name : name + "-" + (group + 1);
        }

        /** The choices of {@code group} in key order (key 1 first). */
        List<Choice> group(int group) {
            return groups.get(group);
        }

        /** True if {@code group} has a later group, reached with {@link #MORE}. */
        boolean hasMore(int group) {
            return group + 1 < groups.size();
        }

        /** True if a caller hears this level: it offers two or more choices (with one, the line goes straight on). */
        public boolean heard() {
            return groups.size() > 1 || groups.get(0).size() > 1;
        }

        /** The group holding {@code choice}. */
        int groupOf(Choice choice) {
            for (int g = 0; g < groups.size(); g++) if (groups.get(g).contains(choice)) return g;
            throw new IllegalArgumentException("not in this level: " + choice);
        }
    }

    /** One topic of the line, with its pages' positions in the site. */
    public record TopicPages(Topic topic, List<Integer> pages) {}

    /** In a group followed by others: hear the next group. */
    public static final String MORE = "9";
    public static final String BACK = KeypadMenu.MAIN_MENU;
    public static final String NOT_AN_OPTION = KeypadMenu.NOT_AN_OPTION;
    public static final String GOODBYE = KeypadMenu.GOODBYE;

    private final Site site;
    private final List<TopicPages> topics;
    private final Level topicLevel;
    private final List<Level> pageLevels;
    private final Map<String, String> prompts;
    private final String language;
    private final String line;

    private SiteMenu(Site site, String language, String line, List<TopicPages> topics, Level topicLevel, List<Level> pageLevels,
                     Map<String, String> prompts) {
        this.site = site;
        this.language = language;
        this.line = line;
        this.topics = List.copyOf(topics);
        this.topicLevel = topicLevel;
        this.pageLevels = List.copyOf(pageLevels);
        this.prompts = Map.copyOf(prompts);
    }

    /**
     * The site line of {@code site}: its topics with pages (a site without topics is one topic of all its pages). On a
     * site of several languages, its own language's pages, at the URLs of a site of one language (the line a caller
     * hears when no other language has a voice here, so there is no language to choose).
     */
    public static SiteMenu of(Site site) {
        return of(site, site.language(), "");
    }

    /**
     * The site line in {@code language}: on a site of one language, the whole site exactly as before; on a site of
     * several, only the pages in {@code language}, under the topics' titles in it (the site's own where site.yaml gives
     * none), in its catalogue's words, its documents and prompts under {@link #line()} (after {@link LanguageMenu}).
     */
    public static SiteMenu of(Site site, String language) {
        return of(site, language, site.languages().size() > 1 ? language : "");
    }

    private static SiteMenu of(Site site, String language, String line) {
        boolean several = site.languages().size() > 1;
        Messages msg = Catalogues.bundled().forLanguage(several ? language : site.language());
        java.util.function.IntPredicate in = i -> !several || site.pages().get(i).language().equals(language);
        List<TopicPages> topics = new ArrayList<>();
        if (site.topics().isEmpty()) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < site.pages().size(); i++) if (in.test(i)) all.add(i);
            if (!all.isEmpty()) topics.add(new TopicPages(new Topic("pages", site.title()), all));
        } else {
            for (Topic topic : site.topics()) {
                List<Integer> pages = new ArrayList<>();
                for (int i = 0; i < site.pages().size(); i++) if (in.test(i) && site.pages().get(i).topic().equals(topic.id())) pages.add(i);
                Topic said = several ? new Topic(topic.id(), topic.title(language)) : topic;
                if (!pages.isEmpty()) topics.add(new TopicPages(said, pages));
            }
        }
        List<Choice> topicChoices = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) topicChoices.add(new Choice(label(topics.get(t).topic().title()), t, -1));
        Level topicLevel = new Level(-1, "topics", site.title(), groups(topicChoices));
        List<Level> pageLevels = new ArrayList<>();
        for (int t = 0; t < topics.size(); t++) {
            List<Choice> choices = new ArrayList<>();
            for (int p : topics.get(t).pages()) choices.add(new Choice(label(site.pages().get(p).title()), t, p));
            pageLevels.add(new Level(t, "topic-" + topics.get(t).topic().id(), topics.get(t).topic().title(), groups(choices)));
        }
        Map<String, String> prompts = new LinkedHashMap<>();
        boolean topicsShown = topics.size() > 1;
        int count = 0;
        for (TopicPages t : topics) count += t.pages().size();
        if (topicsShown) addPrompts(prompts, topicLevel, true, "topic", count <= SiteFlow.MAX_TITLES_AT_START, msg);
        for (Level level : pageLevels) if (level.heard()) addPrompts(prompts, level, !topicsShown, "page", false, msg);
        prompts.put(NOT_AN_OPTION, msg.get("phone.not-an-option"));
        prompts.put(GOODBYE, msg.get("phone.goodbye"));
        return new SiteMenu(site, several ? language : site.language(), line, topics, topicLevel, pageLevels, prompts);
    }

    /** Groups of the choices: all of them up to nine, else eights (9 is "more") with up to nine in the last. */
    static List<List<Choice>> groups(List<Choice> choices) {
        List<List<Choice>> groups = new ArrayList<>();
        int from = 0;
        while (choices.size() - from > 9) {
            groups.add(choices.subList(from, from + 8));
            from += 8;
        }
        groups.add(choices.subList(from, choices.size()));
        return groups;
    }

    /**
     * Each group's prompt. The usual "For X, press 1." with an invitation while the whole fits
     * {@link KeypadMenu#MENU_WORDS}; past that only the level's name, "1 X, 2 Y, ..." and the keys that move ("9, more",
     * "0, back"), and if that is still too long, the list alone (0 and star still work, as the help says): nine choices of three or four words said that way
     * take about 19 seconds (measured with the bundled voice), where every longer wording of them passed 20. The
     * invitation and the keys are in the help. Nine choices of five words or more can still pass 20 seconds: the keys
     * (every page three presses from the top) come first.
     */
    /**
     * Words a list of "1 X, 2 Y, ..." may have with the level's name: said this way FreeTTS speaks about 2.3 words a
     * second or less (45 words of long names measured 21.1 s), so 44 keep it under 20 seconds; a longer list is said alone.
     */
    static final int COMPACT_WORDS = 44;

    /** The prompts of {@code level}, whose choices are of {@code kind} ("topic" or "page"), in {@code msg}'s words. */
    private static void addPrompts(Map<String, String> prompts, Level level, boolean top, String kind, boolean titles,
                                   Messages msg) {
        for (int g = 0; g < level.groups().size(); g++) {
            List<Choice> group = level.group(g);
            boolean back = !top || g > 0;
            // The help explains this menu's keys only, and is heard alone: "repeat" brings the menu back.
            prompts.put(KeypadMenu.help(level.prompt(g)), msg.get("phone.site.help." + kind)
                    + (titles ? " " + msg.get("phone.site.titles") : "") + (level.hasMore(g) ? " " + msg.get("phone.site.more-offer") : "")
                    + (back ? " " + msg.get("phone.site.back-offer") : "") + " " + msg.get("phone.site.repeat"));
            String title = g == 0 ? sentence(level.title()) : sentence(level.title()) + " " + msg.format("phone.site.more-part", g + 1);
            StringBuilder full = new StringBuilder(title);
            if (g == 0) full.append(' ').append(msg.get("phone.site.choose." + kind));
            for (int i = 0; i < group.size(); i++) full.append(' ').append(msg.format("phone.option", group.get(i).label(), i + 1));
            if (level.hasMore(g)) full.append(' ').append(msg.get("phone.site.more-offer"));
            if (back) full.append(' ').append(msg.get("phone.site.back-offer"));
            full.append(' ').append(msg.get("phone.help-offer"));
            StringBuilder list = new StringBuilder();
            for (int i = 0; i < group.size(); i++) list.append(' ').append(i + 1).append(' ').append(group.get(i).label())
                    .append(i + 1 < group.size() ? "," : group.get(i).label().matches(".*[?!]$") ? "" : ".");
            if (level.hasMore(g)) list.append(' ').append(msg.get("phone.site.list.more"));
            String keys = " " + msg.get(back ? "phone.site.list.back" : "phone.site.list.help");
            String compact = title + list + keys;
            String said = words(full.toString()) <= KeypadMenu.MENU_WORDS ? full.toString()
                    : words(compact) <= COMPACT_WORDS ? compact : list.toString().strip();
            prompts.put(level.prompt(g), said);
            // A list said compactly or alone lasts up to 20 s by itself (19.6 s measured on 9 x 9): "not an option" and
            // the list again would pass 20 s, so a wrong key there gets a short answer and "repeat" brings the list.
            if (!said.equals(full.toString())) prompts.put(retry(level.prompt(g)), msg.get("phone.site.retry"));
        }
    }

    /** The name of the short "not an option" of a menu whose list is too long to say again after it. */
    static String retry(String prompt) {
        return prompt + "-retry";
    }

    /** The prompts a wrong key or word plays in group {@code group} of {@code level}: "not an option", then the menu if that fits 20 s. */
    List<String> notAnOption(Level level, int group) {
        String retry = retry(level.prompt(group));
        return prompts.containsKey(retry) ? List.of(retry) : List.of(NOT_AN_OPTION, level.prompt(group));
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.strip().split("\\s+").length;
    }

    private static String label(String title) {
        return KeypadMenu.label(title);
    }

    private static String sentence(String text) {
        String t = text.strip();
        return t.matches(".*[.?!]$") ? t : t + ".";
    }

    public Site site() {
        return site;
    }

    /** The language of the line's words and pages. */
    public String language() {
        return language;
    }

    /**
     * "" on a site of one language (its line's URLs are as they always were); else the line's language, which names
     * its documents, grammars and prompts ({@code /ivr/es/ivr.vxml}) apart from the other languages' lines.
     */
    public String line() {
        return line;
    }

    /** How many pages the line offers. */
    public int pageCount() {
        int count = 0;
        for (TopicPages t : topics) count += t.pages().size();
        return count;
    }

    /** The topics that have pages, in {@code site.yaml} order. */
    public List<TopicPages> topics() {
        return topics;
    }

    /** The menu of topics (heard only when there are two or more). */
    public Level topicLevel() {
        return topicLevel;
    }

    /** The menu of the pages of topic {@code topic} (heard only when it has two or more); outside this package: {@link #level}. */
    Level pageLevel(int topic) {
        return pageLevels.get(topic);
    }

    /** The level of a site-menu place: the topics for -1, else that topic's pages. */
    public Level level(int topic) {
        return topic < 0 ? topicLevel : pageLevels.get(topic);
    }

    /** Whether the page at {@code page} (its position in the site) is on this line: one of its language's pages. */
    public boolean has(int page) {
        for (TopicPages topic : topics) if (topic.pages().contains(page)) return true;
        return false;
    }

    /** The topic (position in {@link #topics()}) of the page at {@code page}. */
    public int topicOf(int page) {
        for (int t = 0; t < topics.size(); t++) if (topics.get(t).pages().contains(page)) return t;
        throw new IllegalArgumentException("page " + page + " is in no topic");
    }

    /** The page at {@code page} (its position in the site). */
    public Page page(int page) {
        return site.pages().get(page);
    }

    /** Every prompt's name and words, menus first in the order a caller meets them, then help and the others. */
    public Map<String, String> prompts() {
        Map<String, String> ordered = new LinkedHashMap<>();
        List<Level> levels = new ArrayList<>();
        if (topicLevel.heard()) levels.add(topicLevel);
        for (Level level : pageLevels) if (level.heard()) levels.add(level);
        for (Level level : levels) for (int g = 0; g < level.groups().size(); g++) ordered.put(level.prompt(g), prompts.get(level.prompt(g)));
        for (Level level : levels) {
            for (int g = 0; g < level.groups().size(); g++) {
                ordered.put(KeypadMenu.help(level.prompt(g)), prompts.get(KeypadMenu.help(level.prompt(g))));
                if (prompts.containsKey(retry(level.prompt(g)))) ordered.put(retry(level.prompt(g)), prompts.get(retry(level.prompt(g))));
            }
        }
        for (String name : List.of(NOT_AN_OPTION, GOODBYE)) ordered.put(name, prompts.get(name));
        return ordered;
    }

    /** The words of the prompt called {@code name}, if the line has it. */
    public Optional<String> prompt(String name) {
        return Optional.ofNullable(prompts.get(name));
    }
}
