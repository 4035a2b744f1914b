package app.earshot.web;

import app.earshot.messages.Messages;
import app.earshot.snapshot.Snapshot;

import app.earshot.snapshot.SnapshotStore;
import app.earshot.speech.SynthesisException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error a client can cause gets a real page in the site's layout (or plain text where the
 * client asked for media), the right status and no stack trace; unexpected failures are logged.
 */
final class ErrorPages {
    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    private final app.earshot.store.BoundedMap<String, Boolean> loggedCauses = app.earshot.store.BoundedMap.ofEntries(1000);
    private final SnapshotStore content;
    private final Templates templates;
    private final Views views;

    private final SecurityHeaders security;
    private final AllowedMethods allowed;

    ErrorPages(SnapshotStore content, Templates templates, Views views, SecurityHeaders security, AllowedMethods allowed) {
        this.security = security;
        this.allowed = allowed;
        this.content = content;
        this.templates = templates;
        this.views = views;
    }

    void register(RoutesConfig routes) {
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            String message = e instanceof Refusal refusal ? refusal.text(msg(ctx))
                    : e instanceof NoSuchSection missing ? missing.text(msg(ctx)) : e.getMessage();
            // Javalin's own words for an address no route answers are English and name its internals: say ours.
            if (e.getStatus() == 404 && javalinNotFound(ctx, message)) message = null;
            respond(ctx, e.getStatus(), message, e instanceof NoSuchSection missing ? missing.page() : null);
        });
        routes.exception(SynthesisException.class, (e, ctx) -> {
            // Logged once per distinct cause, not once per request, so a dead engine cannot flood the log.
            if (firstTime(e)) {
                log.error("Synthesis failed for {}: {}", ctx.path(), e.getMessage(), e);
            }
            ctx.header("Retry-After", "30");
            respond(ctx, 503, msg(ctx).get("errors.synthesis"));
        });
        routes.exception(app.earshot.making.Busy.class, (e, ctx) -> {
            // Load shedding, not a failure: one debug line, and the client is told when to come back.
            log.debug("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
            respond(ctx, 503, msg(ctx).format(e.retryAfterSeconds() == 1 ? "errors.busy.one" : "errors.busy.other", e.retryAfterSeconds()));
        });
        routes.exception(Exception.class, (e, ctx) -> {
            int status = clientFault(e);
            if (status == 415) {
                log.debug("{} {}: unsupported body: {}", ctx.method(), ctx.path(), e.toString());
                respond(ctx, status, msg(ctx).get("errors.body"));
            } else if (status > 0) {
                log.debug("{} {}: malformed request: {}", ctx.method(), ctx.path(), e.toString());
                respond(ctx, status, msg(ctx).get("errors.malformed"));
            } else if (diskFault(e)) {
                // A cached file that could not be read or written (unreadable, disk full): the store makes it again or
                // holds it in memory, so this is temporary; logged once per distinct cause.
                // A file that can be neither read nor replaced was logged once by the store, by its place in the cache.
                if (e instanceof app.earshot.store.Unreadable) {
                    log.debug("{} {}: {}", ctx.method(), ctx.path(), e.getMessage());
                } else if (firstTime(e)) {
                    log.warn("{} {}: the disk failed: {}", ctx.method(), ctx.path(), e.toString());
                }
                ctx.header("Retry-After", Integer.toString(DISK_RETRY_AFTER_SECONDS));
                respond(ctx, 503, msg(ctx).get("errors.disk"));
            } else {
                log.error("{} {} failed", ctx.method(), ctx.path(), e);
                respond(ctx, 500, msg(ctx).get("errors.internal"));
            }
        });
        routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty() || javalinNotFound(ctx, ctx.result())) {
                respond(ctx, 404, null);
            }
        });
        routes.error(405, ctx -> respond(ctx, 405, null));
    }

    private static boolean javalinNotFound(Context ctx, String message) {
        return ("Endpoint " + ctx.method() + " " + ctx.path() + " not found").equals(message);
    }

    private void respond(Context ctx, int status, String message) {
        respond(ctx, status, message, null);
    }

    /** {@code page}: the page an address for a section it lacks named, linked from the error page; else null. */
    private void respond(Context ctx, int status, String message, Views.Link page) {
        security.apply(ctx);
        ctx.status(status);
        // The methods the path does answer (GET, HEAD, POST for TwiML, and OPTIONS for all), as OPTIONS names them.
        if (status == 405) {
            String allow = allowed.of(ctx.path());
            ctx.header("Allow", allow.isEmpty() ? "GET, HEAD, OPTIONS" : allow);
        }
        ctx.header("Cache-Control", "no-store");
        Snapshot now = RequestSnapshot.orCurrent(ctx, content);
        Messages msg = msg(ctx);
        String heading = switch (status) {
            case 400, 404, 405, 413, 415, 416, 503 -> msg.get("errors." + status);
            default -> status >= 500 ? msg.get("errors.5xx") : HttpStatus.forStatus(status).getMessage();
        };
        String text = message == null || message.isBlank() || message.equals(HttpStatus.forStatus(status).getMessage())
                ? defaultMessage(status, msg) : msg.translated(message);
        if (wantsHtml(ctx)) {
            try {
                java.util.Map<String, Object> model = views.error(now.site(), msg, status, heading, text);
                if (page != null) model.put("pageLink", page);
                ctx.contentType("text/html; charset=utf-8");
                ctx.result(templates.render("error.ftlh", model));
                return;
            } catch (RuntimeException e) {
                log.error("error page for {} failed", status, e);
            }
        }
        {
            ctx.contentType("text/plain; charset=utf-8");
            ctx.result(heading + ": " + text + "\n");
        }
    }

    /**
     * True the first time a failure with this message is seen, so each distinct cause is logged once. The last 1,000
     * causes are remembered (a {@link app.earshot.store.BoundedMap}): a new cause is always logged, and one forgotten
     * long ago may be logged again.
     */
    private boolean firstTime(Throwable e) {
        return loggedCauses.putIfAbsent(String.valueOf(e.getMessage()), true);
    }

    /** Seconds a client waits after a disk fault: by then the file is made again or the fault has been noticed. */
    static final int DISK_RETRY_AFTER_SECONDS = 5;

    /** True if an I/O failure (a file that could not be read, a disk with no space left) is anywhere in the cause chain. */
    static boolean diskFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.io.IOException || t instanceof java.io.UncheckedIOException) return true;
        }
        return false;
    }

    /**
     * The 4xx status for a failure the client caused (a malformed escape in a path parameter, an unknown charset,
     * a malformed multipart body, anything Jetty itself calls a bad message), found anywhere in the cause chain;
     * 0 if the fault is ours.
     */
    static int clientFault(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.eclipse.jetty.http.HttpException http && http.getCode() >= 400 && http.getCode() < 500) return http.getCode();
            if (t instanceof java.nio.charset.UnsupportedCharsetException || t instanceof java.nio.charset.IllegalCharsetNameException) return 415;
            if (t instanceof IllegalArgumentException && String.valueOf(t.getMessage()).startsWith("URLDecoder:")) return 400;
        }
        return 0;
    }

    private static String defaultMessage(int status, Messages msg) {
        return switch (status) {
            case 404 -> msg.get("errors.404.text");
            case 405 -> msg.get("errors.405.text");
            default -> msg.get("errors.other.text");
        };
    }

    /** Error answers are in the reader's language ({@link ReaderLanguage}), varying by the header when it chose. */
    private Messages msg(Context ctx) {
        Snapshot now = RequestSnapshot.orCurrent(ctx, content);
        ReaderLanguage.Choice choice = ReaderLanguage.of(ctx, now.site());
        if (choice.byAcceptLanguage()) ReaderLanguage.varyByAcceptLanguage(ctx);
        return now.messages(choice.language());
    }

    /** Media and data routes answer errors in plain text; everything else gets the HTML error page. */
    private static boolean wantsHtml(Context ctx) {
        String path = ctx.path();
        return !(path.startsWith("/audio/") || path.startsWith("/telephony/") || path.startsWith("/api/")
                || path.startsWith("/ivr/") || path.equals("/healthz") || path.equals("/metrics")
                || path.endsWith(".wav") || path.endsWith(".vtt") || path.endsWith(".txt") || path.endsWith(".json"));
    }
}
