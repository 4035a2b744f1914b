package app.earshot.web;

import app.earshot.snapshot.Snapshot;
import app.earshot.content.Page;
import app.earshot.content.Site;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON API, answered at once from the audio that is made ({@link ApiIndex}):
 * {@code /api/pages} (every page with its sections), {@code /api/pages/{slug}} (one page), each also with
 * {@code .json} (the names a static export holds, and the ones the index links), and
 * {@code /api/openapi.json} (an OpenAPI 3 description of the API and the audio routes). URLs in answers are absolute.
 */
final class ApiRoutes {
    static final String JSON_TYPE = "application/json";
    /** Renderings listed in the answer that are not made yet (absent when there are none), like the feed's X-Episodes-Pending. */
    static final String PENDING_HEADER = "X-Renderings-Pending";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ApiIndex index;
    private final ObjectNode openApi;
    private final PronunciationPreview preview;

    ApiRoutes(ApiIndex index) {
        this(index, null);
    }

    /** @param preview the pronunciation report for {@code guessedWords} in a page's entry; null when preview is off */
    ApiRoutes(ApiIndex index, PronunciationPreview preview) {
        this.index = index;
        this.preview = preview;
        try (InputStream in = ApiRoutes.class.getResourceAsStream("/api/openapi.json")) {
            if (in == null) throw new IllegalStateException("api/openapi.json is missing from the classpath");
            this.openApi = (ObjectNode) JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("api/openapi.json", e);
        }
    }

    void register(RoutesConfig routes) {
        // The ".json" forms are what a static export holds; the server answers both.
        Routes.getAndHead(routes, "/api/pages", this::pages);
        Routes.getAndHead(routes, "/api/pages.json", this::pages);
        Routes.getAndHead(routes, "/api/pages/{slug}.json", this::page);
        Routes.getAndHead(routes, "/api/pages/{slug}", this::page);
        Routes.getAndHead(routes, "/api/openapi.json", this::openApi);
    }

    private void pages(Context ctx) throws IOException {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        Links links = Links.absolute(ctx);
        List<ApiIndex.PageEntry> pages = new ArrayList<>();
        int pending = 0;
        for (Page page : site.pages()) {
            ApiIndex.PageEntry entry = index.page(now, page, links);
            pages.add(entry);
            pending += entry.pending();
        }
        pending(ctx, now, site.pages(), pending);
        json(ctx, new ApiIndex.Pages(pending, pages));
    }

    /** Says how many renderings are not made yet ({@code X-Renderings-Pending}), and has them made in the background. */
    private void pending(Context ctx, Snapshot now, List<Page> pages, int pending) {
        if (pending == 0) return;
        ctx.header(PENDING_HEADER, Integer.toString(pending));
        index.completeLater(now, pages);
    }

    private void page(Context ctx) throws IOException {
        Snapshot now = RequestSnapshot.of(ctx);
        Site site = now.site();
        String slug = ctx.pathParam("slug");
        Page page = PageRoutes.page(site, slug);
        ApiIndex.PageEntry entry = index.page(now, page, Links.absolute(ctx));
        pending(ctx, now, List.of(page), entry.pending());
        // A page the preview cannot check (not in English) has no guessedWords, as without --preview: an empty list
        // would say that none were found.
        if (preview == null || !PronunciationPreview.checks(page)) {
            json(ctx, entry);
            return;
        }
        // Only with serve --preview: the authors' report, for a CMS to show beside its editor.
        ObjectNode withReport = JSON.valueToTree(entry);
        withReport.set("guessedWords", JSON.valueToTree(preview.report(now, page).words()));
        json(ctx, withReport);
    }

    private void openApi(Context ctx) throws IOException {
        ObjectNode doc = openApi.deepCopy();
        doc.putArray("servers").addObject().put("url", Links.absolute(ctx).base());
        json(ctx, doc);
    }

    private static void json(Context ctx, Object body) throws IOException {
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(JSON_TYPE);
        byte[] bytes = JSON.writeValueAsBytes(body);
        if (Conditional.answer(ctx, Conditional.etag("json", bytes), null)) return;
        ctx.result(bytes);
    }
}
