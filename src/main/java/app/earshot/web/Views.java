package app.earshot.web;

import app.earshot.content.Languages;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.messages.Messages;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model every view shares ({@link #layout}), the home pages and error pages, and the records templates print;
 * a page's and a section's models are {@link PageView}'s, a transcript's {@link TranscriptView}'s, the search page's
 * {@link SearchView}'s. Templates only print what is prepared here.
 */
public final class Views {
    /** A link with its text. */
    public record Link(String href, String text) {}

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

    Views(StaticAssets assets) {
        this.assets = assets;
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
        model.put("siteLanguage", site.language());
        model.put("organisation", site.organisation());
        model.put("description", site.description());
        model.put("css", assets.cssPath());
        model.put("script", assets.scriptPath());
        // A library of hundreds of pages cannot list them all in every page's navigation: it lists the topics.
        model.put("pages", Navigation.links(site, site.language()));
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
            // The navigation leads to the topics of this language's home, in its words.
            model.put("pages", Navigation.links(site, language));
            model.put("homeHref", Navigation.home(site, language));
            model.put("feedHref", FeedRoutes.feedPath(site, language));
            model.put("feedTitle", msg.format("layout.feed.title", FeedRoutes.feedTitle(site, msg, language)));
        }
    }

    Map<String, Object> home(Site site, Messages msg) {
        Map<String, Object> model = layout(site, msg, site.title());
        model.put("topics", Navigation.inLanguage(site, msg, site.language()));
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
        // Not the site's home: the header's home link ("/") is not the current page here.
        model.put("current", "");
        model.put("description", "");
        model.put("topics", Navigation.inLanguage(site, msg, language));
        model.put("pages", Navigation.links(site, language));
        model.put("translations", List.of(Map.of("href", "/", "hreflang", site.language(),
                "name", Languages.selfName(site.language()))));
        return model;
    }

    Map<String, Object> error(Site site, Messages msg, int status, String heading, String message) {
        Map<String, Object> model = layout(site, msg, heading + " \u2013 " + site.title());
        if (!msg.language().equals(site.language()) && site.languages().contains(msg.language())) {
            // An error on a page in another language than the site's is in that language, and so is its page.
            model.put("lang", msg.language());
            readerLanguage(model, site, msg, msg.language());
        }
        model.put("status", status);
        model.put("heading", heading);
        model.put("message", message);
        model.put("breadcrumbs", List.of());
        return model;
    }

    /**
     * A section's link text in Contents: its heading, unless a page of the site has the same title, in which case
     * the two links would read alike but lead to different places.
     */
    static String contentsText(Site site, Section section, Messages msg) {
        boolean clash = site.pages().stream().anyMatch(p -> p.title().strip().equalsIgnoreCase(section.heading().strip()));
        return clash ? msg.format("page.section-clash", section.heading()) : section.heading();
    }

    static Link sectionLink(Page page, Section section) {
        return new Link("/" + page.slug() + "/" + section.id(), section.heading());
    }
}
