package app.earshot.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;

/** Registration shared by the route groups. */
final class Routes {
    private Routes() {}

    /** Serves {@code path} for GET and for HEAD (same headers, no body: Jetty drops the body of a HEAD response). */
    static void getAndHead(RoutesConfig routes, String path, Handler handler) {
        routes.get(path, handler);
        routes.head(path, handler);
    }
}
