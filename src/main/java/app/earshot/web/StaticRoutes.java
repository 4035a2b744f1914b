package app.earshot.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;

/** Serves the stylesheet from memory under its versioned path, cacheable for a year. */
final class StaticRoutes {
    private final StaticAssets assets;

    StaticRoutes(StaticAssets assets) {
        this.assets = assets;
    }

    void register(RoutesConfig routes) {
        Routes.getAndHead(routes, "/static/{version}/earshot.css", this::css);
    }

    private void css(Context ctx) {
        if (!assets.version().equals(ctx.pathParam("version"))) {
            throw new NotFoundResponse("No stylesheet has this version.");
        }
        ctx.contentType("text/css; charset=utf-8");
        ctx.header("Cache-Control", "public, max-age=31536000, immutable");
        ctx.result(assets.css());
    }
}
