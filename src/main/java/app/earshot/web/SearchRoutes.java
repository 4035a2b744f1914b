package app.earshot.web;

import app.earshot.content.ContentStore;
import app.earshot.content.Site;
import app.earshot.search.Query;
import app.earshot.search.SearchIndex;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** {@code GET /search?q=...}: a results page for a search of every section's heading and text. */
final class SearchRoutes {
    private final ContentStore content;
    private final Templates templates;
    private final SearchView view;
    // The index of the snapshot being served, built by the first search after a (re)load, never at start-up.
    private volatile SearchIndex index;

    SearchRoutes(ContentStore content, Templates templates, Views views) {
        this.content = content;
        this.templates = templates;
        this.view = new SearchView(views);
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/search", this::search);
    }

    private void search(Context ctx) {
        Site site = content.current();
        String model;
        try {
            Query query = Query.parse(ctx.queryParam("q"));
            model = templates.render("search.ftlh", view.results(site, index(site).search(query)));
        } catch (Query.TooLong e) {
            ctx.status(400);
            model = templates.render("search.ftlh", view.tooLong(site, e.length()));
        }
        ctx.header("X-Robots-Tag", "noindex");
        PageRoutes.html(ctx, model);
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
