package app.earshot.web;

import app.earshot.store.BoundedMap;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * Answers plain GET and HEAD requests for responses already prepared once (rendered pages, cached
 * clips) straight from Jetty, before the request reaches Javalin: the headers are built once and the
 * body is a ready direct buffer holding a copy of verified bytes (never a mapping of a file that may be
 * damaged or deleted), so nothing slow stays on the request path. Anything else (a query string other than a remembered search's, Range,
 * a precondition (If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since, If-Range: the routes answer every
 * one, so a 412 or 304 is the same on both paths), an unknown path, an entry whose content or audio has changed since
 * it was prepared, or whose file on disk no longer is the one verified) goes on to the routes, which check the
 * store and prepare it again. The bodies held are bounded in number and in total bytes (from the heap size); past
 * either bound the least recently used go.
 */
final class FastPath extends Handler.Wrapper {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FastPath.class);
    /** What makes an entry stale: the content generation and the audio cache's production count when prepared. */
    record Version(long content, long audio) {}

    /** {@code contentOnly}: the response depends on the content alone (a search), so new audio does not make it stale. */
    private record Prepared(Version version, HttpFields headers, ByteBuffer body, String route, BooleanSupplier stillValid,
                            boolean contentOnly) {}

    /** Most answers held for paths without a query string. */
    static final int MAX_ENTRIES = 2048;
    /** Most entries keyed by a query string (searches): any number of queries can be asked, so they are kept apart. */
    static final int MAX_QUERIED = 256;
    /** Most bytes of bodies held at once: a quarter of the heap limit, at most 64 MB (direct memory is sized like the heap). */
    static final long MAX_BYTES = Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 4);

    /** Least recently used first out past {@link #MAX_ENTRIES} or three quarters of {@link #MAX_BYTES}. */
    private final BoundedMap<String, Prepared> prepared =
            new BoundedMap<>(MAX_ENTRIES, MAX_BYTES - MAX_BYTES / 4, p -> p.body().capacity());
    /** Any number of queries can be asked: they are kept apart, in at most a quarter of the bytes. */
    private final BoundedMap<String, Prepared> queried =
            new BoundedMap<>(MAX_QUERIED, MAX_BYTES / 4, p -> p.body().capacity());
    private final Supplier<Version> current;
    private final Metrics metrics;

    FastPath(Supplier<Version> current, Metrics metrics) {
        this.current = current;
        this.metrics = metrics;
    }

    private static final String VERSION_ATTRIBUTE = "earshot.fastPathVersion";

    /**
     * Notes the version at the very start of a request, before any handler reads the content: whatever the
     * handler then prepares is at least this new, so an edit landing mid-request can only make the entry stale.
     */
    void stamp(io.javalin.http.Context ctx) {
        ctx.attribute(VERSION_ATTRIBUTE, current.get());
    }

    /** True if a body of {@code size} bytes may be held (a large one is streamed from its file instead). */
    boolean wants(long size) {
        return size <= MAX_BYTES / 4;
    }

    /** Remembers what {@code ctx} is about to send (headers already set) as a complete 200 response for its path. */
    void offer(io.javalin.http.Context ctx, ByteBuffer body) {
        offer(ctx, body, null);
    }

    /**
     * As {@link #offer(io.javalin.http.Context, ByteBuffer)}, for a body copied from a stored file: {@code stillValid}
     * is asked on every request (one stat), and the entry is dropped once the file is no longer the one verified.
     */
    void offer(io.javalin.http.Context ctx, ByteBuffer body, BooleanSupplier stillValid) {
        Version version = ctx.attribute(VERSION_ATTRIBUTE);
        String query = ctx.queryString();
        // Only canonical paths: an encoded alias of a page is answered by the routes, never stored.
        if (version == null || ctx.statusCode() != 200 || ctx.path().indexOf('%') >= 0) return;
        // A body that names the request's origin (Vary: Host, from Links.absolute) differs per Host; entries are per path.
        if (ctx.res().getHeader("Vary") != null) return;
        if (query == null) {
            offer(ctx.path(), route(ctx), version, headers(ctx), body, stillValid);
        } else if (stillValid != null && VERSION_QUERY.matcher(query).matches() && wants(body.remaining())) {
            // A stored clip at a published version's link (phone clips and HLS segments always carry ?v=): kept apart
            // with the searches, so versions made up by a client can never push pages and clips out.
            queried.put(ctx.path() + "?" + query, prepared(version, headers(ctx), body, route(ctx), stillValid, false));
        }
    }

    /**
     * Remembers what {@code ctx} is about to send as a complete 200 response for its path and query string as sent,
     * valid until the content changes (new audio does not change it): for results pages, which depend on nothing but
     * the content and what was asked. At most {@link #MAX_QUERIED} are held, apart from the pages and clips.
     */
    void offerForQuery(io.javalin.http.Context ctx, ByteBuffer body) {
        Version version = ctx.attribute(VERSION_ATTRIBUTE);
        String query = ctx.queryString();
        if (version == null || query == null || ctx.statusCode() != 200 || !wants(body.remaining())) return;
        queried.put(ctx.path() + "?" + query, prepared(version, headers(ctx), body, route(ctx), null, true));
    }

    /** The query of a published version's link ({@code v=...}: phone clips and HLS segments always carry one). */
    private static final java.util.regex.Pattern VERSION_QUERY = java.util.regex.Pattern.compile("v=[0-9a-f]{16,64}");

    /** Remembers a complete 200 response for {@code path} (no query string), valid while {@link Version} holds. */
    void offer(String path, String route, Version version, Map<String, String> headers, ByteBuffer body,
               BooleanSupplier stillValid) {
        if (!wants(body.remaining())) return;
        prepared.put(path, prepared(version, headers, body, route, stillValid, false));
    }

    private static Prepared prepared(Version version, Map<String, String> headers, ByteBuffer body, String route,
                                     BooleanSupplier stillValid, boolean contentOnly) {
        HttpFields.Mutable fields = HttpFields.build(headers.size() + 1);
        headers.forEach(fields::put);
        fields.put(HttpHeader.CONTENT_LENGTH, Long.toString(body.remaining()));
        // Direct memory goes to the socket without the JDK's extra copy into a temporary direct buffer.
        ByteBuffer ready = body;
        if (!body.isDirect()) {
            ready = ByteBuffer.allocateDirect(body.remaining());
            ready.put(body.duplicate()).flip();
        }
        return new Prepared(version, fields.asImmutable(), ready.asReadOnlyBuffer(), route, stillValid, contentOnly);
    }

    /** The response headers {@code ctx} has set, but those that are per response (length, date). */
    private static Map<String, String> headers(io.javalin.http.Context ctx) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (String name : ctx.res().getHeaderNames()) {
            if (!name.equalsIgnoreCase("Content-Length") && !name.equalsIgnoreCase("Date")) headers.put(name, ctx.res().getHeader(name));
        }
        return headers;
    }

    private static String route(io.javalin.http.Context ctx) {
        var endpoint = ctx.endpoints().lastHttpEndpoint();
        return endpoint == null ? "unmatched" : endpoint.path;
    }

    /** Bytes of prepared bodies held now. */
    long heldBytes() {
        return prepared.weight() + queried.weight();
    }

    /**
     * Non-blocking, so Jetty runs it on the selector thread that read the request, with no hand-off to a worker: a
     * prepared answer is written there at once (the write is asynchronous, so a slow reader costs its connection,
     * never the thread), and everything else is passed to a worker thread, where the routes may block.
     */
    @Override
    public Invocable.InvocationType getInvocationType() {
        return Invocable.InvocationType.NON_BLOCKING;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Prepared p = lookup(request);
        if (p == null) return dispatch(request, response, callback);
        response.setStatus(200);
        response.getHeaders().add(p.headers());
        metrics.request(p.route(), 200);
        metrics.fastPathAnswered();
        if (request.getMethod().equals("HEAD")) {
            response.write(true, null, callback);
        } else {
            ByteBuffer body = p.body().duplicate();
            if (p.route().startsWith("/audio") || p.route().startsWith("/telephony")) metrics.audioServed(body.remaining());
            response.write(true, body, callback);
        }
        return true;
    }

    /**
     * The rest of the handlers, on a worker thread. Their completion is held until they return, as it is when Jetty
     * runs a blocking handler itself: otherwise the connection could be closed or reused (the client hung up, or asked
     * for "Connection: close") while the servlet layer is still unwinding, which it reports as an error with a stack.
     */
    private boolean dispatch(Request request, Response response, Callback callback) {
        Handler next = getHandler();
        if (next == null) return false;
        try {
            request.getComponents().getThreadPool().execute(() -> {
                AfterReturn completion = new AfterReturn(callback);
                try {
                    if (!next.handle(request, response, completion)) Response.writeError(request, response, completion, HttpStatus.NOT_FOUND_404);
                } catch (Throwable t) {
                    completion.failed(t); // as Jetty does for a handler that throws: an error page if still possible, else a close
                } finally {
                    try {
                        completion.returned();
                    } catch (Throwable t) {
                        // Thrown while Jetty completed the exchange (a body part left unparseable): Jetty closes the
                        // connection quietly when this happens on its own thread, and so does this.
                        LOG.debug("{} {}: completion failed: {}", request.getMethod(), request.getHttpURI().getPath(), t.toString());
                        request.getConnectionMetaData().getConnection().getEndPoint().close(t);
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503);
        }
        return true;
    }

    /** A request's callback whose completion, if it comes while the handlers are still running, waits until they return. */
    private static final class AfterReturn implements Callback {
        private static final Object HANDLING = new Object();
        private static final Object RETURNED = new Object();
        private static final Object SUCCEEDED = new Object();
        private final Callback target;
        private final java.util.concurrent.atomic.AtomicReference<Object> state = new java.util.concurrent.atomic.AtomicReference<>(HANDLING);

        AfterReturn(Callback target) {
            this.target = target;
        }

        @Override
        public void succeeded() {
            complete(SUCCEEDED);
        }

        @Override
        public void failed(Throwable failure) {
            complete(failure);
        }

        private void complete(Object result) {
            if (!state.compareAndSet(HANDLING, result)) deliver(result);
        }

        void returned() {
            Object result = state.getAndSet(RETURNED);
            if (result != HANDLING && result != RETURNED) deliver(result);
        }

        private void deliver(Object result) {
            if (result == SUCCEEDED) target.succeeded();
            else target.failed((Throwable) result);
        }

        @Override
        public InvocationType getInvocationType() {
            return target.getInvocationType();
        }
    }

    private Prepared lookup(Request request) {
        String method = request.getMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) return null;
        HttpFields h = request.getHeaders();
        // Every precondition and Range goes to the routes, which evaluate them in one place (Conditional).
        if (h.contains(HttpHeader.RANGE) || h.contains(HttpHeader.IF_NONE_MATCH) || h.contains(HttpHeader.IF_MODIFIED_SINCE)
                || h.contains(HttpHeader.IF_RANGE) || h.contains(HttpHeader.IF_MATCH) || h.contains(HttpHeader.IF_UNMODIFIED_SINCE)) {
            return null;
        }
        String path = Request.getPathInContext(request);
        String query = request.getHttpURI().getQuery();
        BoundedMap<String, Prepared> held = query == null ? prepared : queried;
        String key = query == null ? path : path + "?" + query;
        Prepared p = held.get(key);
        if (p == null) return null;
        Version now = current.get();
        if (p.contentOnly() ? p.version().content() != now.content() : !p.version().equals(now)) return null;
        if (p.stillValid() != null && !p.stillValid().getAsBoolean()) {
            held.remove(key, p); // the file changed or vanished: the routes check it and rebuild it
            return null;
        }
        return p;
    }
}
