package app.earshot.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/** Serves the stylesheet and read-along script from memory under their versioned path, and the favicon. */
final class StaticRoutes {
    private final StaticAssets assets;

    StaticRoutes(StaticAssets assets) {
        this.assets = assets;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/static/{version}/earshot.css", ctx -> versioned(ctx, "text/css; charset=utf-8", assets.css()));
        Routes.getAndHead(routes, "/static/{version}/readalong.js",
                ctx -> versioned(ctx, "text/javascript; charset=utf-8", assets.script()));
        Routes.getAndHead(routes, "/favicon.ico", this::favicon);
    }

    private void versioned(Context ctx, String type, byte[] body) {
        if (!assets.version().equals(ctx.pathParam("version"))) {
            throw new Refusal(404, "errors.static.version");
        }
        ctx.contentType(type);
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        if (Conditional.answer(ctx, Conditional.etag("asset", body), null)) return;
        ctx.result(body);
    }

    private void favicon(Context ctx) {
        ctx.contentType("image/vnd.microsoft.icon");
        ctx.header("Cache-Control", "public, max-age=86400");
        if (Conditional.answer(ctx, Conditional.etag("ico", assets.favicon()), null)) return;
        ctx.result(assets.favicon());
    }
}
