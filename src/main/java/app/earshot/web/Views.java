package app.earshot.web;

import app.earshot.content.Languages;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import app.earshot.content.Speed;
import app.earshot.epub.ReadAlong;
import app.earshot.epub.TalkingBook;
import app.earshot.narration.Format;
import app.earshot.narration.Captioner;
import app.earshot.narration.ClipFacts;
import app.earshot.narration.Clips;
import app.earshot.narration.Readiness;
import app.earshot.narration.Narrator;
import app.earshot.narration.Voicing;
import app.earshot.snapshot.Snapshot;
import app.earshot.messages.Messages;

/** Builds the models the templates render; templates only print what is prepared here. */
public final class Views {
    /** A link with its text. */
    public record Link(String href, String text) {}

    /** One group of the home page: a topic's heading (with its fragment id) and its pages, by title. */
    public record TopicGroup(String id, String title, List<Page> pages) {}

    /** A date as shown to people and as machine-readable {@code datetime}. */
    public record DateView(String iso, String text) {
        static DateView of(LocalDate date, Messages msg) {
            // English keeps the UK form it always had ("1 December 2026"); others use their own month names.
            Locale locale = msg.language().equals("en") ? Locale.UK : Locale.forLanguageTag(msg.language());
            return new DateView(date.toString(), DateTimeFormatter.ofPattern(msg.get("layout.date.pattern"), locale).format(date));
        }
    }

    /**
     * One way to listen, as a link: plain words first, the format after in smaller type.
     *
     * @param href     where it leads
     * @param text     what it is, in plain words ("Download a slower reading")
     * @param format   the format and size in smaller words ("MP3, 120 KB"), or empty
     * @param download true for files to save rather than pages to open
     */
    public record Way(String href, String text, String format, boolean download) {}

    /**
     * The one player of a page and the ways to listen next to it.
     *
     * @param label    accessible name of the player ("Listen to the whole page"); the page's title is not repeated
     * @param mp3      URL of the clip as MP3, the first source
     * @param wav      URL of the clip as WAV, the fallback source
     * @param captions URL of the WebVTT captions
     * @param chapters URL of WebVTT chapters, or null
     * @param download the download shown next to the player
     * @param more     the other ways, behind "More ways to listen"
     * @param preload  true when the clip is already made, so the player may fetch its length (an idle player then
     *                 shows a duration instead of unavailable controls)
     */
    public record AudioView(String label, String mp3, String wav, String captions, String chapters, Way download,
                            List<Way> more, boolean preload) {}

    /**
     * A section as the whole page lists it.
     *
     * @param section      the section
     * @param number       its number, the same in Contents, on its own page and on the telephone keypad
     * @param contentsText its link text in Contents: the heading, told apart from a page of the same name
     * @param html         its body
     * @param listen       the control's text, with the heading ("Listen to section 3: Sleep by Age")
     * @param length       ", 21 seconds" when the clip is made, else empty
     * @param href         the section's own page, where its player is (the control's target without JavaScript)
     */
    public record SectionView(Section section, int number, String contentsText, String html, String listen,
                              String length, String href, String start, String end) {}

    /** A paragraph of a transcript: when it is said ("1:05", and as a duration for {@code datetime}) and its lines. */
    public record TranscriptLine(String time, String datetime, List<String> lines) {}

    /** A section's part of a transcript: its heading (null on a section's own transcript) and what is said. */
    public record TranscriptPart(String heading, List<TranscriptLine> lines) {}

    private final StaticAssets assets;
    private final Clips clips;
    private final Captioner captions;
    private final Readiness readiness;
    private final TalkingBook books;

    // Says whether a page's language has a voice here: a page without one is served as text alone.
    private final Narrator narrator;

    Views(StaticAssets assets, Clips clips, Captioner captions, Readiness readiness, TalkingBook books, Narrator narrator) {
        this.narrator = narrator;
        this.assets = assets;
        this.clips = clips;
        this.captions = captions;
        this.readiness = readiness;
        this.books = books;
    }

    /**
     * The model every view shares: page title, language, site name, stylesheet, the site's pages, and the interface
     * words ({@code msg}). {@code lang} is the site's language; a view of one page sets its page's.
     */
    Map<String, Object> layout(Site site, Messages msg, String title) {
        Map<String, Object> model = new HashMap<>();
        model.put("title", title);
        model.put("msg", msg);
        model.put("lang", site.language());
        model.put("languageName", Locale.forLanguageTag(site.language()).getDisplayLanguage(Locale.ENGLISH));
        model.put("siteTitle", site.title());
        model.put("organisation", site.organisation());
        model.put("description", site.description());
        model.put("css", assets.cssPath());
        model.put("script", assets.scriptPath());
        // A library of hundreds of pages cannot list them all in every page's navigation: it lists the topics.
        model.put("pages", navigation(site, site.language()));
        model.put("searchQuery", "");
        model.put("feedHref", "/feed.xml");
        return model;
    }

    /**
     * Notes a reader's language on a view: its search form then sends it ({@code lang}, a hidden field) when it is not
     * the site's own, so a search from a Spanish page is read in Spanish, and the view links that language's feed.
     */
    void readerLanguage(Map<String, Object> model, Site site, Messages msg, String language) {
        if (!language.isEmpty() && !language.equals(site.language())) model.put("searchLang", language);
        if (site.languages().contains(language)) {
            model.put("feedHref", FeedRoutes.feedPath(site, language));
            model.put("feedTitle", msg.format("layout.feed.title", FeedRoutes.feedTitle(site, msg, language)));
        }
    }

    Map<String, Object> home(Site site, Messages msg) {
        Map<String, Object> model = layout(site, msg, site.title());
        model.put("topics", inLanguage(site, msg, site.language()));
        model.put("translations", site.languages().subList(1, site.languages().size()).stream()
                .map(tag -> Map.of("href", "/" + tag + "/", "hreflang", tag, "name", Languages.selfName(tag))).toList());
        return model;
    }

    /**
     * The home page of the site's pages in {@code language}, another than the site's own ({@code /es/}): those pages
     * by topic under the topics' titles in that language, and a link to the site's home.
     */
    Map<String, Object> home(Site site, Messages msg, String language) {
        String heading = msg.get("translation.home.heading");
        Map<String, Object> model = layout(site, msg, heading + " \u2013 " + site.title());
        model.put("lang", language);
        readerLanguage(model, site, msg, language);
        model.put("heading", heading);
        model.put("description", "");
        model.put("topics", inLanguage(site, msg, language));
        model.put("pages", navigation(site, language));
        model.put("translations", List.of(Map.of("href", "/", "hreflang", site.language(),
                "name", Languages.selfName(site.language()))));
        return model;
    }

    /**
     * The site navigation for a view in {@code language}: the site's own (set by {@link #layout}) for the site's
     * language; for another, that language's home's topics, in its words, so a Spanish page names no English heading.
     */
    List<Link> navigation(Site site, String language) {
        if (site.topics().isEmpty()) {
            return site.pages().stream().filter(p -> p.language().equals(language)).map(p -> new Link("/" + p.slug(), p.title())).toList();
        }
        String home = language.equals(site.language()) ? "/" : "/" + language + "/";
        return inLanguage(site, null, language).stream().map(t -> new Link(home + "#" + t.id(), t.title())).toList();
    }

    /** The home page's groups with only the pages in {@code language}, each headed by its topic's title in it. */
    private List<TopicGroup> inLanguage(Site site, Messages msg, String language) {
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

    /** The load's topic groups: every page's navigation needs them, and grouping a thousand pages per request would cost more than the rest of the page. */
    static final app.earshot.content.Memos.Key<List<TopicGroup>> GROUPS = new app.earshot.content.Memos.Key<>("topic groups");

    /** {@link #topicGroups(Site)}, made once per content load. */
    List<TopicGroup> groups(Site site) {
        return site.memos().get(GROUPS, () -> topicGroups(site));
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

    Map<String, Object> page(Snapshot now, Page page) {
        Site site = now.site();
        Voicing v = now.voicing();
        Messages msg = now.messages(page.language());
        Map<String, Object> model = layout(site, msg, page.title() + " \u2013 " + site.title());
        model.put("lang", page.language());
        model.put("page", page);
        readerLanguage(model, site, msg, page.language());
        List<Section> all = page.sections();
        Section intro = all.stream().filter(Section::introduction).findFirst().orElse(null);
        model.put("intro", intro);
        Optional<String> noVoice = narrator.noVoice(v, page);
        model.put("hasVoice", noVoice.isEmpty());
        if (noVoice.isPresent()) return textOnly(model, site, msg, page, intro, all);
        // Read-along needs every section's timing in the page audio: offered once all of it is made.
        double[] starts = pageStarts(v, page);
        model.put("introHtml", intro == null ? null : timed(v, page, intro, intro.html(), starts));
        List<SectionView> sections = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Section s = all.get(i);
            // Contents, section pages and the keypad all count every section, the introduction included, so the
            // numbers a listener hears on the phone are the numbers on the screen.
            String length = readiness.section(v, page, s, Speed.NORMAL, Format.MP3)
                    .map(f -> ", " + duration(f.seconds(), msg)).orElse("");
            SectionView view = new SectionView(s, i + 1, contentsText(site, s, msg), timed(v, page, s, s.html(), starts),
                    msg.format("page.section.listen", i + 1, s.heading()), length, "/" + page.slug() + "/" + s.id(),
                    starts == null ? null : String.format(Locale.ROOT, "%.3f", starts[i]),
                    starts == null ? null : String.format(Locale.ROOT, "%.3f", sectionEnd(v, page, s, starts[i])));
            // The page player starts with the introduction; its own page (player and download) is offered under
            // "More ways to listen" rather than as one more Tab stop before the Contents.
            if (!s.introduction()) sections.add(view);
        }
        model.put("sections", sections);
        model.put("reviewed", DateView.of(page.reviewed(), msg));
        model.put("nextReview", DateView.of(page.nextReview(), msg));
        model.put("breadcrumbs", List.of());
        String base = Links.relative().audio(page);
        Optional<ClipFacts> facts = readiness.page(v, page, Speed.NORMAL, Format.MP3);
        List<Way> more = new ArrayList<>();
        more.add(new Way("/" + page.slug() + "/transcript", msg.get("listen.transcript"), msg.get("listen.transcript.format"), false));
        if (intro != null) {
            more.add(new Way("/" + page.slug() + "/" + intro.id(), msg.get("listen.introduction"),
                    msg.get("listen.introduction.format") + readiness.section(v, page, intro, Speed.NORMAL, Format.MP3)
                            .map(f -> ", " + duration(f.seconds(), msg)).orElse(""), false));
        }
        more.add(new Way(base + Speed.SLOWER.fileSuffix() + ".mp3", msg.get("listen.download.slower"),
                sized(readiness.page(v, page, Speed.SLOWER, Format.MP3), msg), true));
        more.add(new Way(base + Speed.FASTER.fileSuffix() + ".mp3", msg.get("listen.download.faster"),
                sized(readiness.page(v, page, Speed.FASTER, Format.MP3), msg), true));
        more.add(new Way("/" + page.slug() + "." + TalkingBook.EXTENSION, msg.get("listen.book"),
                books.cachedSize(v, msg, site, page).map(bytes -> "EPUB, " + size(bytes, msg)).orElse("EPUB"), true));
        more.add(new Way("/" + page.slug() + "/feed.xml", msg.get("listen.podcast"), msg.get("listen.podcast.format"), false));
        more.add(new Way("/" + page.slug() + ".m3u", msg.get("listen.playlist"), msg.get("listen.playlist.format"), false));
        more.add(new Way(base + ".vtt", msg.get("listen.captions"), msg.get("listen.captions.format"), true));
        more.add(new Way(base + ".chapters.vtt", msg.get("listen.chapters"), msg.get("listen.chapters.format"), true));
        model.put("pageAudio", new AudioView(msg.get("listen.page"), base + ".mp3", base + ".wav", base + ".vtt",
                base + ".chapters.vtt", new Way(base + ".mp3", msg.get("listen.download.page"), describe(facts, Format.MP3, msg), true),
                more, facts.isPresent()));
        return model;
    }

    /** The page as text alone, for a language with no voice here: no player, no listen controls, no audio links. */
    private static Map<String, Object> textOnly(Map<String, Object> model, Site site, Messages msg, Page page, Section intro, List<Section> all) {
        model.put("introHtml", intro == null ? null : intro.html());
        List<SectionView> sections = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Section s = all.get(i);
            if (!s.introduction()) sections.add(new SectionView(s, i + 1, contentsText(site, s, msg), s.html(), null, "",
                    "/" + page.slug() + "/" + s.id(), null, null));
        }
        model.put("sections", sections);
        model.put("reviewed", DateView.of(page.reviewed(), msg));
        model.put("nextReview", DateView.of(page.nextReview(), msg));
        model.put("breadcrumbs", List.of());
        return model;
    }

    Map<String, Object> section(Snapshot now, Page page, Section section) {
        Site site = now.site();
        Voicing v = now.voicing();
        // "Sleep Well – Sleep Well – Library" said the page's title twice: a section named like its page says it once,
        // told apart from the page as in Contents ("Sleep Well (section)").
        boolean samePage = section.heading().strip().equalsIgnoreCase(page.title().strip());
        Messages msg = now.messages(page.language());
        Map<String, Object> model = layout(site, msg, contentsText(site, section, msg) + (samePage ? "" : " \u2013 " + page.title())
                + " \u2013 " + site.title());
        model.put("lang", page.language());
        int i = page.indexOf(section);
        List<Section> all = page.sections();
        model.put("page", page);
        readerLanguage(model, site, msg, page.language());
        model.put("section", section);
        model.put("position", i + 1);
        model.put("count", all.size());
        model.put("previous", i > 0 ? sectionLink(page, all.get(i - 1)) : null);
        model.put("next", i + 1 < all.size() ? sectionLink(page, all.get(i + 1)) : null);
        model.put("reviewed", DateView.of(page.reviewed(), msg));
        model.put("nextReview", DateView.of(page.nextReview(), msg));
        model.put("breadcrumbs", List.of(new Link("/" + page.slug(), page.title())));
        if (narrator.noVoice(v, page).isPresent()) {
            model.put("hasVoice", false);
            model.put("sectionHtml", section.standaloneHtml());
            model.put("readAlong", false);
            return model;
        }
        model.put("hasVoice", true);
        model.put("audio", sectionAudio(v, page, section, msg));
        boolean made = readiness.section(v, page, section, Speed.NORMAL, Format.WAV).isPresent();
        model.put("sectionHtml", made ? ReadAlong.html(section.standaloneHtml(), section, v.passages(page, section),
                captions.sectionCues(v, page, section, Speed.NORMAL), 0) : section.standaloneHtml());
        model.put("readAlong", made);
        return model;
    }

    /** Where each section starts in the whole page's audio, or null while any section's audio is not made. */
    private double[] pageStarts(Voicing v, Page page) {
        List<Section> all = page.sections();
        double[] starts = new double[all.size()];
        double at = 0;
        for (int i = 0; i < all.size(); i++) {
            Optional<ClipFacts> facts = readiness.section(v, page, all.get(i), Speed.NORMAL, Format.WAV);
            if (facts.isEmpty()) return null;
            starts[i] = at;
            at += facts.get().seconds() + Clips.SECTION_PAUSE_SECONDS;
        }
        return starts;
    }

    /** Where {@code section}'s own words end in the whole page's audio (its start plus its clip's length). */
    private double sectionEnd(Voicing v, Page page, Section section, double start) {
        return start + readiness.section(v, page, section, Speed.NORMAL, Format.WAV).map(ClipFacts::seconds).orElse(0.0);
    }

    private String timed(Voicing v, Page page, Section section, String html, double[] starts) {
        if (starts == null) return html;
        return ReadAlong.html(html, section, v.passages(page, section), captions.sectionCues(v, page, section, Speed.NORMAL),
                starts[page.indexOf(section)]);
    }

    /**
     * A transcript: what the narration says, in order, with times, in the written words. For the whole page
     * ({@code only} null) times run through the page's audio; for one section, through that section's. Never makes
     * audio: lines whose audio is not made yet have no time (null) until it is.
     */
    Map<String, Object> transcript(Snapshot now, Page page, Section only) {
        Site site = now.site();
        Voicing v = now.voicing();
        Messages msg = now.messages(page.language());
        String what = only == null ? page.title() : only.heading();
        Map<String, Object> model = layout(site, msg, msg.format("transcript.title", what) + " \u2013 " + site.title());
        model.put("lang", page.language());
        model.put("heading", msg.format("transcript.title", what));
        readerLanguage(model, site, msg, page.language());
        List<Link> crumbs = new ArrayList<>(List.of(new Link("/" + page.slug(), page.title())));
        if (only != null) crumbs.add(new Link("/" + page.slug() + "/" + only.id(), contentsText(site, only, msg)));
        model.put("breadcrumbs", crumbs);
        model.put("back", only == null ? new Link("/" + page.slug(), msg.get("transcript.back.page"))
                : new Link("/" + page.slug() + "/" + only.id(), msg.get("transcript.back.section")));
        List<TranscriptPart> parts = new ArrayList<>();
        // Text first: times only where the audio is already made (a transcript never waits for synthesis).
        Double offset = 0.0;
        for (Section s : only == null ? page.sections() : List.of(only)) {
            List<TranscriptLine> lines = new ArrayList<>();
            Optional<List<app.earshot.speech.Captions.Cue>> cues = offset == null ? Optional.empty()
                    : captions.storedSectionCues(v, page, s, Speed.NORMAL);
            if (cues.isPresent()) {
                for (ReadAlong.Passage p : ReadAlong.passages(v.passages(page, s), cues.get(), offset)) {
                    lines.add(new TranscriptLine(clock(p.start()), String.format(Locale.ROOT, "PT%.1fS", p.start()),
                            List.of(p.text().split("\n"))));
                }
            } else {
                for (var p : v.passages(page, s)) lines.add(new TranscriptLine(null, null, List.of(p.text().split("\n"))));
            }
            parts.add(new TranscriptPart(only != null ? null : s.introduction() ? msg.get("page.introduction") : s.heading(), lines));
            if (only == null && offset != null) {
                Optional<ClipFacts> clip = readiness.section(v, page, s, Speed.NORMAL, Format.WAV);
                offset = clip.isPresent() ? offset + clip.get().seconds() + Clips.SECTION_PAUSE_SECONDS : null;
            }
        }
        model.put("parts", parts);
        return model;
    }

    /** "1:05" or "1:02:05". */
    static String clock(double seconds) {
        long t = (long) Math.floor(seconds);
        long h = t / 3600;
        long m = (t % 3600) / 60;
        long sec = t % 60;
        return h > 0 ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, sec) : String.format(Locale.ROOT, "%d:%02d", m, sec);
    }

    Map<String, Object> error(Site site, Messages msg, int status, String heading, String message) {
        Map<String, Object> model = layout(site, msg, heading + " \u2013 " + site.title());
        model.put("status", status);
        model.put("heading", heading);
        model.put("message", message);
        model.put("breadcrumbs", List.of());
        return model;
    }

    private AudioView sectionAudio(Voicing v, Page page, Section section, Messages msg) {
        String base = Links.relative().audio(page, section);
        Optional<ClipFacts> facts = readiness.section(v, page, section, Speed.NORMAL, Format.MP3);
        List<Way> more = List.of(
                new Way("/" + page.slug() + "/" + section.id() + "/transcript", msg.get("listen.transcript"),
                        msg.get("listen.transcript.format"), false),
                new Way(base + Speed.SLOWER.fileSuffix() + ".mp3", msg.get("listen.download.slower"),
                        sized(readiness.section(v, page, section, Speed.SLOWER, Format.MP3), msg), true),
                new Way(base + Speed.FASTER.fileSuffix() + ".mp3", msg.get("listen.download.faster"),
                        sized(readiness.section(v, page, section, Speed.FASTER, Format.MP3), msg), true),
                new Way("/" + page.slug() + "/feed.xml", msg.get("listen.podcast"), msg.get("listen.podcast.format"), false),
                new Way(base + ".vtt", msg.get("listen.captions"), msg.get("listen.captions.format"), true));
        return new AudioView(msg.get("listen.section"), base + ".mp3", base + ".wav", base + ".vtt", null,
                new Way(base + ".mp3", msg.get("listen.download.section"), describe(facts, Format.MP3, msg), true), more, facts.isPresent());
    }

    /**
     * A section's link text in Contents: its heading, unless a page of the site has the same title, in which case
     * the two links would read alike but lead to different places.
     */
    static String contentsText(Site site, Section section, Messages msg) {
        boolean clash = site.pages().stream().anyMatch(p -> p.title().strip().equalsIgnoreCase(section.heading().strip()));
        return clash ? msg.format("page.section-clash", section.heading()) : section.heading();
    }

    /** "MP3, 120 KB, 38 seconds"; just "MP3" when the clip is not made yet (size and length unknown). */
    static String describe(Optional<ClipFacts> facts, Format format, Messages msg) {
        return facts.map(f -> format.label() + ", " + size(f.size(), msg) + ", " + duration(f.seconds(), msg)).orElse(format.label());
    }

    /** "MP3, 1.9 MB" (GOV.UK's style for a download); just "MP3" while the file is not made (its size unknown). */
    static String sized(Optional<ClipFacts> facts, Messages msg) {
        return facts.map(f -> Format.MP3.label() + ", " + size(f.size(), msg)).orElse(Format.MP3.label());
    }

    /** "120 KB", "1.2 MB" ("1,2 MB" in Spanish: the decimal mark is the language's). */
    static String size(long bytes, Messages msg) {
        if (bytes < 1_000_000) return msg.format("listen.size.kb", Math.max(1, Math.round(bytes / 1000.0)));
        return msg.format("listen.size.mb", String.format(Locale.forLanguageTag(msg.language()), "%.1f", bytes / 1_000_000.0));
    }

    /** "38 seconds", "1 minute 5 seconds", in {@code msg}'s words. */
    static String duration(double seconds, Messages msg) {
        long total = Math.max(1, Math.round(seconds));
        long minutes = total / 60;
        long rest = total % 60;
        String m = msg.format(minutes == 1 ? "listen.minutes.one" : "listen.minutes.other", minutes);
        String s = msg.format(rest == 1 ? "listen.seconds.one" : "listen.seconds.other", rest);
        if (minutes == 0) return s;
        return rest == 0 ? m : m + " " + s;
    }

    static Link sectionLink(Page page, Section section) {
        return new Link("/" + page.slug() + "/" + section.id(), section.heading());
    }
}
