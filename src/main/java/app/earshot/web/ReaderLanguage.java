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
 * among the site's languages (the answer then says {@code Vary: Accept-Language}); else the site's language.
 */
final class ReaderLanguage {
    private ReaderLanguage() {}

    static String of(Context ctx, Site site) {
        if (site.languages().size() < 2) return site.language();
        for (String part : ctx.path().split("[/.]", 64)) {
            if (site.languages().contains(part)) return part;
            Optional<Page> page = app.earshot.content.Slug.isValid(part) ? site.page(part) : Optional.empty();
            if (page.isPresent()) return page.get().language();
        }
        String lang;
        try {
            lang = ctx.queryParam("lang");
        } catch (RuntimeException malformed) {
            lang = null;
        }
        if (lang != null && site.languages().contains(lang.strip().toLowerCase(Locale.ROOT))) return lang.strip().toLowerCase(Locale.ROOT);
        String vary = ctx.res().getHeader("Vary");
        if (vary == null || vary.isBlank()) ctx.header("Vary", "Accept-Language");
        else if (!vary.contains("Accept-Language")) ctx.header("Vary", vary + ", Accept-Language");
        String accepted = ctx.header("Accept-Language");
        if (accepted == null || accepted.length() > 1000) return site.language();
        try {
            String best = Locale.lookupTag(Locale.LanguageRange.parse(accepted), site.languages());
            return best != null ? best : site.language();
        } catch (IllegalArgumentException malformed) {
            return site.language();
        }
    }
}
