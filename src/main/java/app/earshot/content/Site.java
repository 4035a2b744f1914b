package app.earshot.content;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An immutable snapshot of all content: site settings and pages, ordered by slug.
 *
 * @param title        site title, last part of every page title
 * @param language     BCP 47 language tag of the content
 * @param organisation who publishes the content
 * @param description  one sentence about the site
 * @param speech       narration settings
 * @param pages        all pages
 * @param baseUrl      absolute URL the site is published at, without a trailing slash, for feeds and
 *                     playlists; empty when not configured (each request's Host is used instead)
 * @param podcast      owner and cover art of the podcast feed
 * @param topics       the headings pages are grouped under, in the order the home page shows them; empty for a
 *                     site that does not group its pages (then pages name no topic)
 * @param languages    BCP 47 tags of every language the site publishes in ({@code languages} in site.yaml), the
 *                     site's own {@code language} first; just that one when site.yaml lists none
 * @param memos        values derived from this load (search index, rendered home page...), made on first use; a new
 *                     load starts with none, so nothing derived outlives the content it came from
 */
public record Site(String title, String language, String organisation, String description,
                   SpeechSettings speech, List<Page> pages, String baseUrl, PodcastSettings podcast, List<Topic> topics,
                   List<String> languages, Memos memos) {
    public Site {
        languages = Languages.withFirst(language, languages);
        pages = List.copyOf(pages);
        baseUrl = baseUrl == null ? "" : baseUrl;
        podcast = podcast == null ? PodcastSettings.defaults(organisation) : podcast;
        topics = topics == null ? List.of() : List.copyOf(topics);
        memos = memos == null ? new Memos() : memos;
    }

    /** A site (one load) with no memos made yet. */
    public Site(String title, String language, String organisation, String description,
                SpeechSettings speech, List<Page> pages, String baseUrl, PodcastSettings podcast, List<Topic> topics) {
        this(title, language, organisation, description, speech, pages, baseUrl, podcast, topics, List.of(), null);
    }

    /** A site (one load) publishing in {@code languages}, with no memos made yet. */
    public Site(String title, String language, String organisation, String description,
                SpeechSettings speech, List<Page> pages, String baseUrl, PodcastSettings podcast, List<Topic> topics,
                List<String> languages) {
        this(title, language, organisation, description, speech, pages, baseUrl, podcast, topics, languages, null);
    }

    /** A site with the default podcast settings whose pages are not grouped by topic. */
    public Site(String title, String language, String organisation, String description,
                SpeechSettings speech, List<Page> pages, String baseUrl) {
        this(title, language, organisation, description, speech, pages, baseUrl, null, List.of());
    }

    /** A site with no configured base URL. */
    public Site(String title, String language, String organisation, String description,
                SpeechSettings speech, List<Page> pages) {
        this(title, language, organisation, description, speech, pages, "");
    }

    /** The page with this slug, if any. */
    public Optional<Page> page(String slug) {
        return pages.stream().filter(p -> p.slug().equals(slug)).findFirst();
    }

    /**
     * The other pages that say the same as {@code page} in another language, in the order of {@link #languages()}:
     * the page it translates and that page's other translations, or the translations of {@code page} itself.
     */
    public List<Page> translations(Page page) {
        String source = page.isTranslation() ? page.translationOf() : page.slug();
        return pages.stream()
                .filter(p -> p != page && !p.slug().equals(page.slug())
                        && (p.slug().equals(source) || p.translationOf().equals(source)))
                .sorted(java.util.Comparator.comparingInt(p -> languageOrder(p.language())))
                .toList();
    }

    private int languageOrder(String tag) {
        int at = languages.indexOf(tag);
        return at < 0 ? languages.size() : at;
    }

    /** Number of sections over all pages. */
    public int sectionCount() {
        return pages.stream().mapToInt(p -> p.sections().size()).sum();
    }

    /** The configured base URL, if any. */
    public Optional<String> configuredBaseUrl() {
        return baseUrl.isEmpty() ? Optional.empty() : Optional.of(baseUrl);
    }

    /** This site published at {@code url} (checked by {@link #checkBaseUrl}). */
    public Site withBaseUrl(String url) {
        return new Site(title, language, organisation, description, speech, pages, checkBaseUrl(url), podcast, topics,
                languages);
    }

    /**
     * {@code url} as a base URL: absolute http or https with a host, no query or fragment, trailing slash removed.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static String checkBaseUrl(String url) {
        String text = url == null ? "" : url.strip();
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("base URL '" + text + "' must start with http:// or https://");
            }
            if (uri.getHost() == null) throw new IllegalArgumentException("base URL '" + text + "' has no host");
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("base URL '" + text + "' must not have a query or fragment");
            }
            return text.replaceAll("/+$", "");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("base URL '" + text + "' is not a URL: " + e.getReason());
        }
    }
}
