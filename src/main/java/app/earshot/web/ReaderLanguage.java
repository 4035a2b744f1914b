package app.earshot.web;

import app.earshot.content.Page;
import app.earshot.content.Site;
import io.javalin.http.Context;
import java.util.Locale;
import java.util.Optional;

/**
 * The language an error answer is written in: that of the page the request names (its path names a page, or a
 * language's pages, such as {@code /audio/acerca-de-la-ketamina.mp3} or {@code /feed.es.xml}); else the {@code lang}
 * parameter a search form sends, if it is one of the site's languages; else the reader's {@code Accept-Language}
 * among the site's languages; else the site's language. Choosing reads the request only: the caller adds
 * {@code Vary: Accept-Language} to the answer when {@link Choice#byAcceptLanguage()} says the header decided it.
 */
final class ReaderLanguage {
    private ReaderLanguage() {}

    /** The language chosen, and whether {@code Accept-Language} was consulted (so the answer varies by it). */
    record Choice(String language, boolean byAcceptLanguage) {}

    static Choice of(Context ctx, Site site) {
        if (site.languages().size() < 2) return new Choice(site.language(), false);
        for (String part : ctx.path().split("[/.]", 64)) {
            if (site.languages().contains(part)) return new Choice(part, false);
            Optional<Page> page = app.earshot.content.Slug.isValid(part) ? site.page(part) : Optional.empty();
            if (page.isPresent()) return new Choice(page.get().language(), false);
        }
        String lang;
        try {
            lang = ctx.queryParam("lang");
        } catch (RuntimeException malformed) {
            lang = null;
        }
        if (lang != null && site.languages().contains(lang.strip().toLowerCase(Locale.ROOT))) {
            return new Choice(lang.strip().toLowerCase(Locale.ROOT), false);
        }
        // From here the header decides, even when it is missing or unreadable: the answer varies by it.
        String accepted = ctx.header("Accept-Language");
        if (accepted == null || accepted.length() > 1000) return new Choice(site.language(), true);
        try {
            String best = Locale.lookupTag(Locale.LanguageRange.parse(accepted), site.languages());
            return new Choice(best != null ? best : site.language(), true);
        } catch (IllegalArgumentException malformed) {
            return new Choice(site.language(), true);
        }
    }

    /** Adds {@code Accept-Language} to the answer's {@code Vary}, keeping what is there. */
    static void varyByAcceptLanguage(Context ctx) {
        String vary = ctx.res().getHeader("Vary");
        if (vary == null || vary.isBlank()) ctx.header("Vary", "Accept-Language");
        else if (!vary.contains("Accept-Language")) ctx.header("Vary", vary + ", Accept-Language");
    }
}
