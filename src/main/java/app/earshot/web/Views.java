package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import app.earshot.content.Speed;
import app.earshot.epub.TalkingBook;
import app.earshot.narration.Format;
import app.earshot.narration.Narrator;

/** Builds the models the templates render; templates only print what is prepared here. */
public final class Views {
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /** A link with its text. */
    public record Link(String href, String text) {}

    /** One group of the home page: a topic's heading (with its fragment id) and its pages, by title. */
    public record TopicGroup(String id, String title, List<Page> pages) {}

    /** A date as shown to people and as machine-readable {@code datetime}. */
    public record DateView(String iso, String text) {
        static DateView of(LocalDate date) {
            return new DateView(date.toString(), LONG_DATE.format(date));
        }
    }

    /**
     * A player and its downloads.
     *
     * @param label    accessible name of the player ("Listen to: FDA Breakthrough Status")
     * @param title    what is heard, for link text that makes sense out of context
     * @param mp3      URL of the clip as MP3, the first source and the download
     * @param wav      URL of the clip as WAV, the fallback source
     * @param slower   URL of the slower MP3
     * @param faster   URL of the faster MP3
     * @param captions URL of the WebVTT captions
     * @param chapters URL of WebVTT chapters, or null
     * @param playlist URL of an M3U playlist of the sections, or null
     * @param facts    "MP3, 120 KB, 38 seconds", or "MP3" while the clip is being made
     * @param book     URL of the EPUB 3 talking book, or null
     * @param bookFacts "EPUB 3, 2.1 MB", or "EPUB 3" while the book is not made yet
     */
    public record AudioView(String label, String title, String mp3, String wav, String slower, String faster,
                            String captions, String chapters, String playlist, String facts, String book,
                            String bookFacts) {}

    private final StaticAssets assets;
    private final Narrator narrator;
    private final TalkingBook books;

    Views(StaticAssets assets, Narrator narrator, TalkingBook books) {
        this.assets = assets;
        this.narrator = narrator;
        this.books = books;
    }

    /** The model every view shares: page title, language, site name, stylesheet and the site's pages. */
    Map<String, Object> layout(Site site, String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("lang", site.language());
        model.put("languageName", Locale.forLanguageTag(site.language()).getDisplayLanguage(Locale.ENGLISH));
        model.put("siteTitle", site.title());
        model.put("organisation", site.organisation());
        model.put("description", site.description());
        model.put("css", assets.cssPath());
        // A library of hundreds of pages cannot list them all in every page's navigation: it lists the topics.
        model.put("pages", site.topics().isEmpty()
                ? site.pages().stream().map(p -> new Link("/" + p.slug(), p.title())).toList()
                : groups(site).stream().map(t -> new Link("/#" + t.id(), t.title())).toList());
        model.put("searchQuery", "");
        return model;
    }

    Map<String, Object> home(Site site) {
        Map<String, Object> model = layout(site, site.title());
        model.put("topics", groups(site));
        return model;
    }

    private record Grouped(Site site, List<TopicGroup> groups) {}

    // The groups of the snapshot being served: every page's navigation needs them, and grouping a thousand pages
    // per request would cost more than the rest of the page. Replaced when the snapshot changes.
    private final java.util.concurrent.atomic.AtomicReference<Grouped> grouped = new java.util.concurrent.atomic.AtomicReference<>();

    /** {@link #topicGroups(Site)}, made once per content snapshot. */
    List<TopicGroup> groups(Site site) {
        Grouped g = grouped.get();
        if (g == null || g.site() != site) {
            g = new Grouped(site, topicGroups(site));
            grouped.set(g);
        }
        return g.groups();
    }

    /** The home page's groups: each topic that has pages, in site.yaml's order; one "Pages" group for a site without topics. */
    static List<TopicGroup> topicGroups(Site site) {
        java.util.Comparator<Page> byTitle = java.util.Comparator.comparing((Page p) -> p.title().toLowerCase(Locale.ROOT))
                .thenComparing(Page::slug);
        if (site.topics().isEmpty()) {
            return List.of(new TopicGroup("pages", "Pages", site.pages().stream().sorted(byTitle).toList()));
        }
        Map<String, List<Page>> byTopic = site.pages().stream()
                .collect(java.util.stream.Collectors.groupingBy(Page::topic));
        return site.topics().stream()
                .filter(t -> byTopic.containsKey(t.id()))
                .map(t -> new TopicGroup("topic-" + t.id(), t.title(), byTopic.get(t.id()).stream().sorted(byTitle).toList()))
                .toList();
    }

    Map<String, Object> page(Site site, Page page) {
        Map<String, Object> model = layout(site, page.title() + " \u2013 " + site.title());
        model.put("page", page);
        model.put("intro", page.sections().stream().filter(Section::introduction).findFirst().orElse(null));
        model.put("sections", page.sections().stream().filter(s -> !s.introduction()).toList());
        model.put("reviewed", DateView.of(page.reviewed()));
        model.put("nextReview", DateView.of(page.nextReview()));
        model.put("breadcrumbs", List.of(new Link("/", "Home")));
        String base = "/audio/" + page.slug();
        // "the whole of": a section may share the page's title, and link text must still tell the two apart.
        model.put("pageAudio", new AudioView("Listen to the whole page: " + page.title(), "the whole of " + page.title(),
                base + ".mp3", base + ".wav", base + Speed.SLOWER.fileSuffix() + ".mp3",
                base + Speed.FASTER.fileSuffix() + ".mp3", base + ".vtt", base + ".chapters.vtt",
                "/" + page.slug() + ".m3u", describe(narrator.cachedFacts(page, Speed.NORMAL, Format.MP3), Format.MP3),
                "/" + page.slug() + "." + TalkingBook.EXTENSION,
                books.cachedSize(site, page).map(bytes -> "EPUB 3, " + size(bytes)).orElse("EPUB 3")));
        Map<String, AudioView> sectionAudio = new HashMap<>();
        for (Section s : page.sections()) sectionAudio.put(s.id(), sectionAudio(page, s));
        model.put("sectionAudio", sectionAudio);
        return model;
    }

    Map<String, Object> section(Site site, Page page, Section section) {
        Map<String, Object> model = layout(site, section.heading() + " \u2013 " + page.title() + " \u2013 " + site.title());
        int i = page.indexOf(section);
        List<Section> all = page.sections();
        model.put("page", page);
        model.put("section", section);
        model.put("position", i + 1);
        model.put("count", all.size());
        model.put("previous", i > 0 ? sectionLink(page, all.get(i - 1)) : null);
        model.put("next", i + 1 < all.size() ? sectionLink(page, all.get(i + 1)) : null);
        model.put("reviewed", DateView.of(page.reviewed()));
        model.put("nextReview", DateView.of(page.nextReview()));
        model.put("breadcrumbs", List.of(new Link("/", "Home"), new Link("/" + page.slug(), page.title())));
        model.put("audio", sectionAudio(page, section));
        return model;
    }

    Map<String, Object> error(Site site, int status, String heading, String message) {
        Map<String, Object> model = layout(site, heading + " \u2013 " + site.title());
        model.put("status", status);
        model.put("heading", heading);
        model.put("message", message);
        model.put("breadcrumbs", List.of(new Link("/", "Home")));
        return model;
    }

    private AudioView sectionAudio(Page page, Section section) {
        String base = "/audio/" + page.slug() + "/" + section.id();
        String title = section.introduction() ? "Introduction to " + page.title() : section.heading();
        return new AudioView("Listen to: " + title, title, base + ".mp3", base + ".wav",
                base + Speed.SLOWER.fileSuffix() + ".mp3", base + Speed.FASTER.fileSuffix() + ".mp3", base + ".vtt",
                null, null, describe(narrator.cachedFacts(page, section, Speed.NORMAL, Format.MP3), Format.MP3), null, null);
    }

    /** "WAV, 1.2 MB, 38 seconds"; just "WAV" when the clip is not made yet (size and length unknown). */
    static String describe(Optional<Narrator.ClipFacts> facts) {
        return describe(facts, Format.WAV);
    }

    /** "MP3, 120 KB, 38 seconds"; just "MP3" when the clip is not made yet (size and length unknown). */
    static String describe(Optional<Narrator.ClipFacts> facts, Format format) {
        return facts.map(f -> format.label() + ", " + size(f.size()) + ", " + duration(f.seconds())).orElse(format.label());
    }

    static String size(long bytes) {
        if (bytes < 1_000_000) return Math.max(1, Math.round(bytes / 1000.0)) + " KB";
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
    }

    static String duration(double seconds) {
        long total = Math.max(1, Math.round(seconds));
        long minutes = total / 60;
        long rest = total % 60;
        String m = minutes == 1 ? "1 minute" : minutes + " minutes";
        String s = rest == 1 ? "1 second" : rest + " seconds";
        if (minutes == 0) return s;
        return rest == 0 ? m : m + " " + s;
    }

    static Link sectionLink(Page page, Section section) {
        return new Link("/" + page.slug() + "/" + section.id(), section.heading());
    }
}
