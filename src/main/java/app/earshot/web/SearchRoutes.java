package app.earshot.web;

import app.earshot.snapshot.Snapshot;
import app.earshot.content.Memos;
import app.earshot.store.BoundedMap;
import app.earshot.content.Site;
import app.earshot.search.Query;
import app.earshot.search.SearchIndex;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /search?q=...&lang=...}: a results page for a search of every section's heading and text, read in the
 * reader's language ({@code lang}, one of the site's languages; the site's language when absent or empty), which the
 * search form of every page in another language than the site's sends as a hidden field. Accept-Language is not
 * used: the page a reader searches from says their language better than a browser setting, and an answer that
 * depended on a header would need {@code Vary} and could not be remembered by URL (here, in the fast path, in
 * caching proxies, in a static export).
 */
final class SearchRoutes {
    /** Most results pages kept per content load for repeated searches (about 6 MB at 1,000 pages). */
    static final int MAX_REMEMBERED = 256;

    /** The load's index: built by the first search after each (re)load, never at start-up. */
    static final Memos.Key<SearchIndex> INDEX = new Memos.Key<>("search index");
    /** The load's recent results pages, rendered to bytes, by the query as typed ({@code q}; "" when absent). */
    static final Memos.Key<RecentResults> RECENT = new Memos.Key<>("recent search results");

    private final Templates templates;
    private final SearchView view;

    private final FastPath fastPath;

    SearchRoutes(Templates templates, Views views, FastPath fastPath) {
        this.fastPath = fastPath;
        this.templates = templates;
        this.view = new SearchView(views);
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/search", this::search);
    }

    private void search(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        String raw = ctx.queryParam("q");
        String language = readerLanguage(site, ctx.queryParam("lang"));
        // Popular searches repeat, and a results page depends on nothing but the load, the language and what was
        // typed: a repeated search is one lookup, before any parsing. Every search has a results page, however long.
        byte[] body = recent(site).get(language + "\n" + (raw == null ? "" : raw), () -> bytes(templates.render("search.ftlh",
                view.results(now, index(site).search(Query.parse(raw), language)))));
        ctx.header("X-Robots-Tag", "noindex");
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        if (ctx.status().getCode() == 200 && Conditional.answer(ctx, Conditional.etag("html", body), null)) return;
        ctx.header("Content-Length", Integer.toString(body.length));
        if (!ctx.method().name().equals("HEAD")) {
            // A repeated search is then answered before the routes, like a page, until the content changes.
            fastPath.offerForQuery(ctx, java.nio.ByteBuffer.wrap(body));
            ctx.result(body);
        }
    }

    /** The site's language tag {@code lang} names (in any case); the site's language for none; 400 for another. */
    static String readerLanguage(Site site, String lang) {
        if (lang == null || lang.isBlank()) return site.language();
        for (String tag : site.languages()) if (tag.equalsIgnoreCase(lang.strip())) return tag;
        throw new Refusal(400, "errors.lang", String.join(", ", site.languages()));
    }

    private static byte[] bytes(String html) {
        return html.getBytes(StandardCharsets.UTF_8);
    }

    /** The index of {@code site}: built once per load, by one thread while others wait for it. */
    static SearchIndex index(Site site) {
        return site.memos().get(INDEX, () -> SearchIndex.build(site));
    }

    static RecentResults recent(Site site) {
        return site.memos().get(RECENT, RecentResults::new);
    }

    /** The last {@link #MAX_REMEMBERED} results pages of one load, least recently used dropped first. */
    static final class RecentResults {
        private final BoundedMap<String, byte[]> pages = BoundedMap.ofEntries(MAX_REMEMBERED);

        /** The page for {@code query}, rendered by {@code render} (outside the lock) when not remembered. */
        byte[] get(String query, java.util.function.Supplier<byte[]> render) {
            byte[] page = pages.get(query);
            if (page != null) return page;
            page = render.get();
            pages.put(query, page);
            return page;
        }

        int size() {
            return pages.size();
        }
    }
}
