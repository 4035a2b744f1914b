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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/** The HTML routes: home, whole page, one section. */
final class PageRoutes {
    private final Templates templates;
    private final Views views;
    private final PageView pageViews;
    private final TranscriptView transcripts;
    private final LongSupplier audioVersion;
    // Rendered pages by path, reused while neither the content snapshot nor the set of cached audio changes
    // (pages show audio sizes and lengths). Only paths of real pages get in, and at most MAX_RENDERED of them.
    private final ConcurrentHashMap<String, Rendered> rendered = new ConcurrentHashMap<>();

    // base: the absolute origin the body's hreflang links name ("" for a page with no translation, which names none).
    private record Rendered(Site site, long audioVersion, String base, byte[] body) {}

    /** Most rendered pages kept (about 30 MB of HTML at the bundled page's size). */
    static final int MAX_RENDERED = 1024;

    private final FastPath fastPath;

    PageRoutes(Templates templates, Views views, PageView pageViews, TranscriptView transcripts, LongSupplier audioVersion,
               FastPath fastPath) {
        this.fastPath = fastPath;
        this.templates = templates;
        this.views = views;
        this.pageViews = pageViews;
        this.transcripts = transcripts;
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
        send(ctx, home(RequestSnapshot.of(ctx)));
    }

    /** The home page, in the site's language. */
    private byte[] home(Snapshot now) {
        Site site = now.site();
        return site.memos().get(HOME, () -> templates.render("home.ftlh", views.home(site, now.messages(site.language())))
                .getBytes(StandardCharsets.UTF_8));
    }

    private void page(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        String slug = ctx.pathParam("slug");
        // A language the site lists, but its own, has a home page of its own at /{tag}/ (no page may take the address).
        if (site.languages().indexOf(slug) > 0) {
            serve(ctx, site, "/" + slug + "/", Links.relative(), () -> templates.render("home.ftlh",
                    views.home(site, now.messages(slug), slug)));
            return;
        }
        Page page = page(site, slug);
        Links links = links(ctx, site, page);
        serve(ctx, site, "/" + page.slug(), links, () -> templates.render("page.ftlh",
                inLanguage(pageViews.page(now, page), now, page, null, "", links)));
    }

    private void section(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Page page = page(site, ctx.pathParam("slug"));
        // No section may have the id "transcript" (content checks refuse it), so this address is the page's.
        Links links = links(ctx, site, page);
        if (ctx.pathParam("section").equals("transcript")) {
            serve(ctx, site, "/" + page.slug() + "/transcript", links, () -> templates.render("transcript.ftlh",
                    inLanguage(transcripts.transcript(now, page, null), now, page, null, "/transcript", links)));
            return;
        }
        Section section = section(page, ctx.pathParam("section"));
        serve(ctx, site, "/" + page.slug() + "/" + section.id(), links, () -> templates.render("section.ftlh",
                inLanguage(pageViews.section(now, page, section), now, page, section, "", links)));
    }

    private void sectionTranscript(Context ctx) {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Page page = page(site, ctx.pathParam("slug"));
        Section section = section(page, ctx.pathParam("section"));
        Links links = links(ctx, site, page);
        serve(ctx, site, "/" + page.slug() + "/" + section.id() + "/transcript", links, () -> templates.render("transcript.ftlh",
                inLanguage(transcripts.transcript(now, page, section), now, page, section, "/transcript", links)));
    }

    /**
     * The HTML of {@code page} (or of its {@code section}, if not null) as its route renders it for a request whose
     * absolute links are {@code requestLinks}: what the API gives the size of.
     */
    String html(Snapshot now, Page page, Section section, Links requestLinks) {
        Links links = now.site().translations(page).isEmpty() ? Links.relative() : requestLinks;
        return section == null
                ? templates.render("page.ftlh", inLanguage(pageViews.page(now, page), now, page, null, "", links))
                : templates.render("section.ftlh", inLanguage(pageViews.section(now, page, section), now, page, section, "", links));
    }

    /**
     * Absolute links for a page with translations (its hreflang alternates must be absolute URLs, by the one rule of
     * {@link Links#absolute}); a page without any names no URL, so its body does not depend on the request's Host.
     */
    private static Links links(Context ctx, Site site, Page page) {
        return site.translations(page).isEmpty() ? Links.relative() : Links.absolute(ctx);
    }

    /**
     * {@code model} with the hreflang alternates of this view (the page, {@code section}'s page, or either's transcript
     * when {@code suffix} is "/transcript") and the visible links to its translations; for a translation no qualified
     * medical translator has reviewed, the notice saying so in its language, whose link to the original (in the
     * original's language) stands in for that translation's link rather than repeating it.
     */
    Map<String, Object> inLanguage(Map<String, Object> model, Snapshot now, Page page, Section section, String suffix,
                                   Links links) {
        Site site = now.site();
        if (!page.language().equals(site.language())) model.put("pages", Navigation.links(site, page.language()));
        model.put("alternates", Alternates.absolute(Alternates.of(site, page, section, suffix), links));
        List<Alternates.Version> translations = new ArrayList<>(Alternates.translations(site, page, section, suffix));
        Page source = page.unreviewedTranslation() ? site.page(page.translationOf()).orElse(null) : null;
        if (source != null) {
            Alternates.Version original = translations.stream()
                    .filter(v -> v.hreflang().equals(source.language())).findFirst().orElse(null);
            translations.remove(original);
            model.put("notice", Map.of("text", now.messages(page.language()).get("translation.unreviewed"),
                    "href", original == null ? "/" + source.slug() : original.path(), "hreflang", source.language(),
                    "link", now.messages(source.language()).get("translation.original")));
        }
        model.put("translations", translations.stream()
                .map(v -> Map.of("hreflang", v.hreflang(), "href", v.path(), "name", v.name())).toList());
        return model;
    }

    /**
     * Renders one page and one section ahead of the first request, so the templates compile here, then the home page.
     * Nothing more: rendering every page would make start-up grow with the library (seconds at a thousand pages), and
     * the home page, which lists every page, comes last so that it never delays the first page asked for.
     */
    void prime(Snapshot now) {
        Site site = now.site();
        for (Page page : site.pages().subList(0, Math.min(1, site.pages().size()))) {
            // A page with translations is rendered here with root-relative alternates, which compiles its templates;
            // no request matches that entry (its alternates are absolute), so the first one renders it again.
            render(site, "/" + page.slug(), Links.relative(), () -> templates.render("page.ftlh",
                    inLanguage(pageViews.page(now, page), now, page, null, "", Links.relative())));
            for (Section section : page.sections().subList(0, Math.min(1, page.sections().size()))) {
                render(site, "/" + page.slug() + "/" + section.id(), Links.relative(), () -> templates.render("section.ftlh",
                        inLanguage(pageViews.section(now, page, section), now, page, section, "", Links.relative())));
            }
        }
        home(now);
    }

    private Rendered render(Site site, String path, Links links, Supplier<String> render) {
        long version = audioVersion.getAsLong();
        Rendered r = rendered.get(path);
        if (r == null || r.site() != site || r.audioVersion() != version || !r.base().equals(links.base())) {
            r = new Rendered(site, version, links.base(), render.get().getBytes(StandardCharsets.UTF_8));
            // A library has thousands of paths: keep memory bounded by dropping some other entry when full.
            if (rendered.size() >= MAX_RENDERED && !rendered.containsKey(path)) {
                var oldest = rendered.keySet().iterator();
                if (oldest.hasNext()) rendered.remove(oldest.next());
            }
            rendered.put(path, r);
        }
        return r;
    }

    private void serve(Context ctx, Site site, String path, Links links, Supplier<String> render) {
        send(ctx, render(site, path, links, render).body());
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
        if (!Slug.isValid(id)) throw new NoSuchSection(page);
        return page.section(id).orElseThrow(() -> new NoSuchSection(page));
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
            throw new Refusal(404, "errors.no-voice", whatToInstall(why, page.language()), "/" + page.slug());
        });
        return page;
    }

    /** The package a missing voice needs ("espeak-ng", from "... install espeak-ng (apt-get ..."), or the language's tag. */
    static String whatToInstall(String why, String language) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("install ([a-z0-9][a-z0-9.+-]*)").matcher(why);
        return m.find() ? m.group(1) : language;
    }
}
