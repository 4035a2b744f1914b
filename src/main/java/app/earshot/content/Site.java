package app.earshot.content;

import java.util.List;
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
 */
public record Site(String title, String language, String organisation, String description,
                   SpeechSettings speech, List<Page> pages) {
    public Site {
        pages = List.copyOf(pages);
    }

    /** The page with this slug, if any. */
    public Optional<Page> page(String slug) {
        return pages.stream().filter(p -> p.slug().equals(slug)).findFirst();
    }

    /** Number of sections over all pages. */
    public int sectionCount() {
        return pages.stream().mapToInt(p -> p.sections().size()).sum();
    }
}
