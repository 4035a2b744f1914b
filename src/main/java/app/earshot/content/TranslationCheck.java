package app.earshot.content;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code check} warns about translations that load but that a reader should not yet rely on as much as the page
 * they translate: one no qualified medical translator has reviewed, and one whose source was reviewed after it (stale).
 * Warnings, not problems: an unreviewed translation still serves, with a notice saying so.
 */
public final class TranslationCheck {
    private TranslationCheck() {}

    /**
     * One line per warning, {@code file:line: warning: ...}, for the translations in {@code site} loaded from
     * {@code contentDir}, in slug order; empty when every translation is reviewed and up to date.
     */
    public static List<String> warnings(Path contentDir, Site site) {
        List<String> warnings = new ArrayList<>();
        Path pages = contentDir.normalize().resolve("pages");
        for (Page page : site.pages()) {
            if (!page.isTranslation()) continue;
            Path file = pages.resolve(page.slug() + ".md");
            if (!page.translationReviewed()) {
                int line = ContentLoader.frontMatterLine(file, "translation-reviewed");
                if (line == 1) line = ContentLoader.frontMatterLine(file, "translation-of");
                warnings.add(file + ":" + line + ": warning: the translation '" + page.slug()
                        + "' has not been reviewed by a qualified medical translator; readers see a notice saying so"
                        + " until its front matter says translation-reviewed: true");
            }
            site.page(page.translationOf())
                    .filter(source -> source.reviewed() != null && page.reviewed() != null
                            && source.reviewed().isAfter(page.reviewed()))
                    .ifPresent(source -> warnings.add(file + ":" + ContentLoader.frontMatterLine(file, "reviewed")
                            + ": warning: the translation '" + page.slug() + "' may be out of date: '" + source.slug()
                            + "' was reviewed " + source.reviewed() + ", after this translation (" + page.reviewed()
                            + "); bring the translation up to date and set its reviewed date"));
        }
        warnings.addAll(topicTitles(contentDir.normalize().resolve("site.yaml"), site));
        return List.copyOf(warnings);
    }

    /** A topic with pages in a language the site lists but no title in it: the language's home would show the site's. */
    private static List<String> topicTitles(Path file, Site site) {
        List<String> warnings = new ArrayList<>();
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | RuntimeException e) {
            lines = List.of();
        }
        for (Topic topic : site.topics()) {
            for (String language : site.languages()) {
                boolean used = site.pages().stream().anyMatch(p -> p.topic().equals(topic.id()) && p.language().equals(language));
                if (!used || topic.hasTitle(language, site.language())) continue;
                int line = 1;
                for (int i = 0; i < lines.size(); i++) {
                    String at = lines.get(i).strip();
                    if (at.startsWith("- ")) at = at.substring(2).strip();
                    if (at.equals("id: " + topic.id())) line = i + 1;
                }
                warnings.add(file + ":" + line + ": warning: topic '" + topic.id() + "' has pages in '" + language
                        + "' but no title in '" + language + "'; its home page shows '" + topic.title()
                        + "' until the title is a map such as {" + site.language() + ": " + topic.title() + ", "
                        + language + ": ...}");
            }
        }
        return warnings;
    }
}
