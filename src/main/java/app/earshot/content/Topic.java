package app.earshot.content;

import java.util.Map;

/**
 * One heading the library's pages are grouped under, as listed in {@code site.yaml}'s {@code topics}.
 *
 * @param id     slug that pages name in their front matter ({@code topic: aftercare})
 * @param title  what people see and hear as the topic's heading in the site's language ("Aftercare")
 * @param titles the heading per language tag, when site.yaml gives a map ({@code title: {en: Treatments, es:
 *               Tratamientos}}); empty when it gives one title
 */
public record Topic(String id, String title, Map<String, String> titles) {
    public Topic {
        titles = titles == null ? Map.of() : Map.copyOf(titles);
    }

    /** A topic with one title, in the site's language. */
    public Topic(String id, String title) {
        this(id, title, Map.of());
    }

    /** The heading in {@code language}, or the site-language title when site.yaml gives none in it. */
    public String title(String language) {
        return titles.getOrDefault(language, title);
    }

    /** True when site.yaml gives this topic a heading in {@code language} (the site's own always has one). */
    public boolean hasTitle(String language, String siteLanguage) {
        return language.equals(siteLanguage) || titles.containsKey(language);
    }
}
