package app.earshot.content;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One page of content, from {@code content/pages/<slug>.md}.
 *
 * @param slug       the file name without {@code .md}; the page's URL path
 * @param title      from front matter
 * @param summary    from front matter (may be empty)
 * @param reviewed   date the content was last reviewed
 * @param nextReview date the next review is due
 * @param sections   introduction (if any) first, then one per level-2 heading, in order
 * @param topic      id of the {@link Topic} the page is listed under; empty when the site has no topics
 * @param language   BCP 47 tag of the page's language (front matter {@code language}); the loader fills in the
 *                   site's language when the page does not say, so a loaded page always has one
 * @param translationOf slug of the page this one translates (front matter {@code translation-of}); empty for a
 *                   page written in its own right
 * @param translationReviewed front matter {@code translation-reviewed}: true once a qualified medical translator has
 *                   reviewed this translation; absent counts as not reviewed (meaningless for a page that translates nothing)
 */
public record Page(String slug, String title, String summary, LocalDate reviewed, LocalDate nextReview,
                   List<Section> sections, String topic, String language, String translationOf,
                   boolean translationReviewed) {
    public Page {
        // Sections the loader makes on first use stay that way (they are immutable too); others are copied.
        sections = sections instanceof LazySections ? sections : List.copyOf(sections);
        topic = topic == null ? "" : topic;
        language = language == null ? "" : language;
        translationOf = translationOf == null ? "" : translationOf;
    }

    /** A page whose translation (if it is one) is not reviewed. */
    public Page(String slug, String title, String summary, LocalDate reviewed, LocalDate nextReview,
                List<Section> sections, String topic, String language, String translationOf) {
        this(slug, title, summary, reviewed, nextReview, sections, topic, language, translationOf, false);
    }

    /** A page in the site's language, translating nothing. */
    public Page(String slug, String title, String summary, LocalDate reviewed, LocalDate nextReview,
                List<Section> sections, String topic) {
        this(slug, title, summary, reviewed, nextReview, sections, topic, "", "");
    }

    /** This page in {@code siteLanguage} when it names no language of its own (the same sections, not copied). */
    public Page inLanguage(String siteLanguage) {
        return language.isEmpty() ? new Page(slug, title, summary, reviewed, nextReview, sections, topic, siteLanguage,
                translationOf, translationReviewed) : this;
    }

    /** True when this page translates another ({@link #translationOf()} names it). */
    public boolean isTranslation() {
        return !translationOf.isEmpty();
    }

    /** True for a translation no qualified medical translator has reviewed yet (readers are told so). */
    public boolean unreviewedTranslation() {
        return isTranslation() && !translationReviewed;
    }

    /** A page under no topic (for sites that do not group their pages). */
    public Page(String slug, String title, String summary, LocalDate reviewed, LocalDate nextReview,
                List<Section> sections) {
        this(slug, title, summary, reviewed, nextReview, sections, "");
    }

    /** The section with this id, if any. */
    public Optional<Section> section(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Zero-based position of {@code section} in this page. */
    public int indexOf(Section section) {
        return sections.indexOf(section);
    }
}
