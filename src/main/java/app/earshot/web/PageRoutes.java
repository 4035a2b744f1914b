package app.earshot.web;

import app.earshot.snapshot.Snapshot;
import app.earshot.content.Memos;
import app.earshot.content.Page;
import app.earshot.content.Section;
import app.earshot.content.Site;
import app.earshot.content.Slug;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The HTML routes: home, whole page, one section. */
final class PageRoutes {
    private final Templates templates;
    private final Views views;
    private final LongSupplier audioVersion;
    // Rendered pages by path, reused while neither the content snapshot nor the set of cached audio changes
    // (pages show audio sizes and lengths). Only paths of real pages get in, and at most MAX_RENDERED of them.
    private final ConcurrentHashMap<String, Rendered> rendered = new ConcurrentHashMap<>();

    private record Rendered(Site site, long audioVersion, byte[] body) {}

    /** Most rendered pages kept (about 30 MB of HTML at the bundled page's size). */
    static final int MAX_RENDERED = 1024;

    private final FastPath fastPath;

    PageRoutes(Templates templates, Views views, LongSupplier audioVersion, FastPath fastPath) {
        this.fastPath = fastPath;
        this.templates = templates;
        this.views = views;
        this.audioVersion = audioVersion;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/", this::home);
        Routes.getAndHead(routes, "/{slug}", this::page);
        Routes.getAndHead(routes, "/{slug}/{section}", this::section);
        Routes.getAndHead(routes, "/{slug}/{section}/transcript", this::sectionTranscript);
    }

    /**
     * The load's home page, rendered once: it shows no audio facts, so it stays as it is while background warming
     * makes new audio (in a large library, all the time), and a thousand-page list is the costliest page to render.
     */
    static final Memos.Key<byte[]> HOME = new Memos.Key<>("rendered home page");

    private void home(Context ctx) {
        Site site = RequestSnapshot.of(ctx).site();
        send(ctx, home(site));
    }

    private byte[] home(Site site) {
        return site.memos().get(HOME, () -> templates.render("home.ftlh", views.home(site)).getBytes(StandardCharsets.UTF_8));
    }

    private void page(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Page page = page(site, ctx.pathParam("slug"));
        serve(ctx, site, "/" + page.slug(), () -> templates.render("page.ftlh", views.page(now, page)));
    }

    private void section(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Page page = page(site, ctx.pathParam("slug"));
        // No section may have the id "transcript" (content checks refuse it), so this address is the page's.
        if (ctx.pathParam("section").equals("transcript")) {
            serve(ctx, site, "/" + page.slug() + "/transcript",
                    () -> templates.render("transcript.ftlh", views.transcript(now, page, null)));
            return;
        }
        Section section = section(page, ctx.pathParam("section"));
        serve(ctx, site, "/" + page.slug() + "/" + section.id(),
                () -> templates.render("section.ftlh", views.section(now, page, section)));
    }

    private void sectionTranscript(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Page page = page(site, ctx.pathParam("slug"));
        Section section = section(page, ctx.pathParam("section"));
        serve(ctx, site, "/" + page.slug() + "/" + section.id() + "/transcript",
                () -> templates.render("transcript.ftlh", views.transcript(now, page, section)));
    }

    /**
     * Renders one page and one section ahead of the first request, so the templates compile here, then the home page.
     * Nothing more: rendering every page would make start-up grow with the library (seconds at a thousand pages), and
     * the home page, which lists every page, comes last so that it never delays the first page asked for.
     */
    void prime(Snapshot now) {
        Site site = now.site();
        for (Page page : site.pages().subList(0, Math.min(1, site.pages().size()))) {
            render(site, "/" + page.slug(), () -> templates.render("page.ftlh", views.page(now, page)));
            for (Section section : page.sections().subList(0, Math.min(1, page.sections().size()))) {
                render(site, "/" + page.slug() + "/" + section.id(),
                        () -> templates.render("section.ftlh", views.section(now, page, section)));
            }
        }
        home(site);
    }

    private Rendered render(Site site, String path, Supplier<String> render) {
        long version = audioVersion.getAsLong();
        Rendered r = rendered.get(path);
        if (r == null || r.site() != site || r.audioVersion() != version) {
            r = new Rendered(site, version, render.get().getBytes(StandardCharsets.UTF_8));
            // A library has thousands of paths: keep memory bounded by dropping some other entry when full.
            if (rendered.size() >= MAX_RENDERED && !rendered.containsKey(path)) {
                var oldest = rendered.keySet().iterator();
                if (oldest.hasNext()) rendered.remove(oldest.next());
            }
            rendered.put(path, r);
        }
        return r;
    }

    private void serve(Context ctx, Site site, String path, Supplier<String> render) {
        send(ctx, render(site, path, render).body());
    }

    private void send(Context ctx, byte[] body) {
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Cache-Control", "no-cache");
        if (Conditional.answer(ctx, Conditional.etag("html", body), null)) return;
        ctx.header("Content-Length", Integer.toString(body.length));
        if (!ctx.method().name().equals("HEAD")) {
            fastPath.offer(ctx, java.nio.ByteBuffer.wrap(body));
            ctx.result(body);
        }
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
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (Conditional.answer(ctx, Conditional.etag("html", bytes), null)) return;
        ctx.result(bytes);
    }

    /**
     * {@code page} when its language has a voice here; otherwise a 404 naming what to install. A 404, not a 503: the
     * audio does not exist on this server and retrying will not make it (a 503 would have podcast apps, crawlers and
     * the export retry for ever); the page itself is served as text and links to no audio.
     */
    static Page voiced(app.earshot.narration.Narrator narrator, Snapshot now, Page page) {
        narrator.noVoice(now.voicing(), page).ifPresent(why -> {
            throw new NotFoundResponse("This page has no audio on this server (" + why + "); read it at /" + page.slug() + ".");
        });
        return page;
    }
}
