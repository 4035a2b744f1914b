package app.earshot.web;

import app.earshot.content.Memos;
import app.earshot.content.Page;
import app.earshot.content.Site;
import app.earshot.messages.Messages;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The site's navigation: the home page's topic groups, per language, and the links every view lists. */
final class Navigation {
    /** One group of the home page: a topic's heading (with its fragment id) and its pages, by title. */
    public record TopicGroup(String id, String title, List<Page> pages) {}

    /** The load's topic groups: every page's navigation needs them, and grouping a thousand pages per request would cost more than the rest of the page. */
    static final Memos.Key<List<TopicGroup>> GROUPS = new Memos.Key<>("topic groups");

    private Navigation() {}

    /**
     * The site navigation for a view in {@code language}: the site's own for the site's language; for another, that
     * language's home's topics, in its words, so a Spanish page names no English heading.
     */
    static List<Views.Link> links(Site site, String language) {
        if (site.topics().isEmpty()) {
            return site.pages().stream().filter(p -> p.language().equals(language)).map(p -> new Views.Link("/" + p.slug(), p.title())).toList();
        }
        return inLanguage(site, null, language).stream().map(t -> new Views.Link(home(site, language) + "#" + t.id(), t.title())).toList();
    }

    /** The home page of the site's pages in {@code language}: "/" for the site's own language, else "/es/". */
    static String home(Site site, String language) {
        return language.equals(site.language()) ? "/" : "/" + language + "/";
    }

    /** The home page's groups with only the pages in {@code language}, each headed by its topic's title in it. */
    static List<TopicGroup> inLanguage(Site site, Messages msg, String language) {
        List<TopicGroup> out = new ArrayList<>();
        for (TopicGroup t : groups(site)) {
            List<Page> pages = t.pages().stream().filter(p -> p.language().equals(language)).toList();
            if (pages.isEmpty()) continue;
            // A site without topics has one group; its heading is in the reader's words.
            String title = site.topics().isEmpty() ? (msg == null ? t.title() : msg.get("layout.topics.pages"))
                    : site.topics().stream().filter(topic -> ("topic-" + topic.id()).equals(t.id())).findFirst()
                            .map(topic -> topic.title(language)).orElse(t.title());
            out.add(new TopicGroup(t.id(), title, pages));
        }
        return out;
    }

    /** {@link #topicGroups(Site)}, made once per content load. */
    static List<TopicGroup> groups(Site site) {
        return site.memos().get(GROUPS, () -> topicGroups(site));
    }

    /** The home page's groups: each topic that has pages, in site.yaml's order; one "Pages" group for a site without topics. */
    private static List<TopicGroup> topicGroups(Site site) {
        Comparator<Page> byTitle = Comparator.comparing((Page p) -> p.title().toLowerCase(Locale.ROOT)).thenComparing(Page::slug);
        if (site.topics().isEmpty()) {
            return List.of(new TopicGroup("pages", "Pages", site.pages().stream().sorted(byTitle).toList()));
        }
        Map<String, List<Page>> byTopic = site.pages().stream().collect(Collectors.groupingBy(Page::topic));
        return site.topics().stream()
                .filter(t -> byTopic.containsKey(t.id()))
                .map(t -> new TopicGroup("topic-" + t.id(), t.title(), byTopic.get(t.id()).stream().sorted(byTitle).toList()))
                .toList();
    }
}
