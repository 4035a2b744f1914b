package app.earshot.web;

import app.earshot.content.ContentStore;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.content.Slug;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/** The HTML routes: home, whole page, one section. */
final class PageRoutes {
    private final ContentStore content;
    private final Templates templates;
    private final Views views;

    PageRoutes(ContentStore content, Templates templates, Views views) {
        this.content = content;
        this.templates = templates;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/", this::home);
        Routes.getAndHead(routes, "/{slug}", this::page);
        Routes.getAndHead(routes, "/{slug}/{section}", this::section);
    }

    private void home(Context ctx) {
        html(ctx, templates.render("home.ftlh", views.home(content.current())));
    }

    private void page(Context ctx) {
        Site site = content.current();
        Page page = page(site, ctx.pathParam("slug"));
        html(ctx, templates.render("page.ftlh", views.page(site, page)));
    }

    private void section(Context ctx) {
        Site site = content.current();
        Page page = page(site, ctx.pathParam("slug"));
        Section section = section(page, ctx.pathParam("section"));
        html(ctx, templates.render("section.ftlh", views.section(site, page, section)));
    }

    /** The page named in a request; anything that is not a known slug is a 404. */
    static Page page(Site site, String slug) {
        if (!Slug.isValid(slug)) throw new NotFoundResponse("No page has this address.");
        return site.page(slug).orElseThrow(() -> new NotFoundResponse("No page has this address."));
    }

    /** The section named in a request; anything that is not a known id of this page is a 404. */
    static Section section(Page page, String id) {
        if (!Slug.isValid(id)) throw new NotFoundResponse("This page has no section with that name.");
        return page.section(id).orElseThrow(() -> new NotFoundResponse("This page has no section with that name."));
    }

    static void html(Context ctx, String body) {
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        ctx.result(body);
    }
}
