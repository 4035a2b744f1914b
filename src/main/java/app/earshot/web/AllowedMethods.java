package app.earshot.web;

import io.javalin.http.HandlerType;
import io.javalin.router.InternalRouter;
import io.javalin.router.ParsedEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The methods an address takes, for {@code Allow}: read from Javalin's router, the one record of the routes (GET and
 * HEAD for every route, POST where a route takes one: the TwiML webhooks), and OPTIONS, which {@link ServerOptions}
 * answers for every resource before the router sees the request. Javalin's own 405 lists the router's methods without
 * OPTIONS, so 405s and OPTIONS both take their {@code Allow} from here and cannot disagree.
 */
final class AllowedMethods {
    /** The order the methods are listed in, then OPTIONS. */
    private static final List<HandlerType> ORDER = List.of(HandlerType.GET, HandlerType.HEAD, HandlerType.POST,
            HandlerType.QUERY, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    /** Javalin's router is made with the server; it is read when a request asks, by then it holds every route. */
    private final Supplier<InternalRouter> router;

    AllowedMethods(Supplier<InternalRouter> router) {
        this.router = router;
    }

    /**
     * {@code Allow} for the request path {@code path} as Javalin matches it (the raw path, as {@code ctx.path()}):
     * e.g. "GET, HEAD, OPTIONS"; "" when no route answers it.
     */
    String of(String path) {
        InternalRouter routes = router.get();
        List<String> methods = new ArrayList<>();
        for (HandlerType method : ORDER) {
            if (!routes.findHttpHandlerEntries(method, path).isEmpty()) methods.add(method.name());
        }
        if (methods.isEmpty()) return "";
        methods.add(HandlerType.OPTIONS.name());
        return String.join(", ", methods);
    }

    /** {@code Allow} for the server as a whole ({@code OPTIONS *}): every method some route takes, and OPTIONS. */
    String server() {
        Set<HandlerType> used = new LinkedHashSet<>();
        for (ParsedEndpoint route : router.get().allHttpHandlers()) used.add(route.endpoint.method);
        List<String> methods = new ArrayList<>();
        for (HandlerType method : ORDER) if (used.contains(method)) methods.add(method.name());
        methods.add(HandlerType.OPTIONS.name());
        return String.join(", ", methods);
    }
}
