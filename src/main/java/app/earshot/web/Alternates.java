package app.earshot.web;

import app.earshot.content.Languages;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The other-language versions of one view (a page, a section page or a transcript): for {@code <link rel="alternate"
 * hreflang>} in the head and the sitemap, and for the visible links to the translations.
 *
 * <p>A section page maps to the translation's section in the same position when both pages have the same number of
 * sections (a faithful translation keeps its structure), else to the translation's whole page. A transcript maps to
 * the translation's transcript the same way.
 */
final class Alternates {
    private Alternates() {}

    /** One version: its language tag ({@code x-default} for the default), its path from the root, and its language's own name. */
    record Version(String hreflang, String path, String name) {}

    /**
     * Every version of the view of {@code page} (and of its {@code section}, or null for the whole page) whose
     * address ends in {@code suffix} ("" or "/transcript"): {@code page}'s own first, then its translations in the
     * site's language order, then {@code x-default}, the site-language version. Empty when {@code page} has no
     * translation.
     */
    static List<Version> of(Site site, Page page, Section section, String suffix) {
        List<Page> others = site.translations(page);
        if (others.isEmpty()) return List.of();
        List<Version> versions = new ArrayList<>();
        int at = section == null ? -1 : page.indexOf(section);
        versions.add(version(page, page, at, suffix, page.language()));
        Page fallback = page.language().equals(site.language()) ? page : null;
        for (Page other : others) {
            versions.add(version(page, other, at, suffix, other.language()));
            if (fallback == null && other.language().equals(site.language())) fallback = other;
        }
        // A set written first in another language has no site-language version: its source page stands in.
        if (fallback == null) fallback = page.isTranslation() ? site.page(page.translationOf()).orElse(page) : page;
        versions.add(version(page, fallback, at, suffix, "x-default"));
        return List.copyOf(versions);
    }

    /** The translations alone (not the page itself, not x-default), for the visible links. */
    static List<Version> translations(Site site, Page page, Section section, String suffix) {
        List<Version> all = of(site, page, section, suffix);
        return all.isEmpty() ? List.of() : all.subList(1, all.size() - 1);
    }

    /** {@code versions} with absolute hrefs, for the template: hreflang and href. */
    static List<Map<String, String>> absolute(List<Version> versions, Links links) {
        return versions.stream().map(v -> Map.of("hreflang", v.hreflang(), "href", links.path(v.path()))).toList();
    }

    private static Version version(Page from, Page to, int section, String suffix, String hreflang) {
        String path = "/" + to.slug();
        if (section >= 0 && to.sections().size() == from.sections().size()) path += "/" + to.sections().get(section).id();
        return new Version(hreflang, path + suffix, Languages.selfName(to.language()));
    }
}
