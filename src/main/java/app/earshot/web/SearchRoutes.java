package app.earshot.web;

import app.earshot.snapshot.Snapshot;
import app.earshot.content.Site;
import app.earshot.search.Query;
import app.earshot.search.SearchIndex;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code GET /search?q=...}: a results page for a search of every section's heading and text. */
final class SearchRoutes {
    private final Templates templates;
    private final SearchView view;
    // The index of the snapshot being served, built by the first search after a (re)load, never at start-up.
    private volatile SearchIndex index;
    /** Most results pages kept for repeated searches (about 8 MB at the bundled page's size). */
    static final int MAX_REMEMBERED = 256;
    // Recent results pages of the snapshot being served, by cleaned query: popular searches repeat, and a results page
    // depends on nothing else. Bounded, and emptied when the snapshot changes.
    private final java.util.Map<String, String> remembered = new java.util.LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private Site rememberedSite;

    SearchRoutes(Templates templates, Views views) {
        this.templates = templates;
        this.view = new SearchView(views);
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/search", this::search);
    }

    private void search(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        String model;
        try {
            Query query = Query.parse(ctx.queryParam("q"));
            model = remembered(site, query.text());
            if (model == null) {
                model = templates.render("search.ftlh", view.results(site, index(site).search(query)));
                remember(site, query.text(), model);
            }
        } catch (Query.TooLong e) {
            ctx.status(400);
            model = templates.render("search.ftlh", view.tooLong(site, e.length()));
        }
        ctx.header("X-Robots-Tag", "noindex");
        PageRoutes.html(ctx, model);
    }

    private synchronized String remembered(Site site, String query) {
        if (rememberedSite != site) {
            remembered.clear();
            rememberedSite = site;
        }
        return remembered.get(query);
    }

    private synchronized void remember(Site site, String query, String page) {
        if (rememberedSite == site) remembered.put(query, page);
    }

    /** The index of {@code site}: built once per snapshot, by one thread while others wait for it. */
    SearchIndex index(Site site) {
        SearchIndex current = index;
        if (current != null && current.site() == site) return current;
        synchronized (this) {
            current = index;
            if (current == null || current.site() != site) {
                current = SearchIndex.build(site);
                index = current;
            }
            return current;
        }
    }
}
