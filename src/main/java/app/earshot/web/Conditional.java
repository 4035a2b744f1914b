package app.earshot.web;

import app.earshot.snapshot.Snapshot;
import app.earshot.store.Keys;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one place that answers conditional requests (RFC 9110 §13), for every route: it sets the validators (a strong
 * {@code ETag}, and {@code Last-Modified} when the representation has a real modification time) and decides whether a
 * GET or HEAD is answered 304. {@code If-None-Match} is evaluated first and, when present, {@code If-Modified-Since}
 * is ignored; a malformed date is ignored. A 304 carries the validators and no {@code Content-Length} (§8.6 allows only
 * the 200's length, and the header adds nothing).
 */
final class Conditional {
    private Conditional() {}

    /** A strong entity tag for a generated body: its hash, and a kind ("html", "json", ...) so no two kinds share one. */
    static String etag(String kind, byte[] body) {
        try {
            byte[] sum = java.security.MessageDigest.getInstance("SHA-256").digest(body);
            return Keys.etag(java.util.HexFormat.of().formatHex(sum), kind);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * The earliest time anything derived from {@code snapshot} alone could have changed, as far as a client can tell:
     * the first time this server was asked about it (a reload makes a new snapshot, so an edit always has a later one).
     */
    static Instant since(Snapshot snapshot) {
        return snapshot.memo("web.Conditional.since", () -> Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /**
     * Sets {@code etag} and (unless null) {@code lastModified} on the response; if the request's preconditions say the
     * client's copy is current, answers 304 and returns true, and the caller sends nothing more.
     */
    static boolean answer(Context ctx, String etag, Instant lastModified) {
        ctx.header("ETag", etag);
        if (lastModified != null) ctx.header("Last-Modified", HttpDate.format(lastModified));
        if (!notModified(ctx, etag, lastModified)) return false;
        ctx.status(304);
        try {
            // Committed now, with nothing written: left to the end, Jetty would add "Content-Length: 0" to the 304.
            ctx.res().flushBuffer();
        } catch (java.io.IOException e) {
            // The client has gone; there is nobody to answer.
        }
        return true;
    }

    /** True if a GET or HEAD with these validators is to be answered 304 (RFC 9110 §13.2.2, steps 3 and 4). */
    static boolean notModified(Context ctx, String etag, Instant lastModified) {
        String method = ctx.method().name();
        if (!method.equals("GET") && !method.equals("HEAD")) return false;
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null) return matches(ifNoneMatch, etag);
        if (lastModified == null) return false;
        return HttpDate.parse(ctx.header("If-Modified-Since"))
                .map(since -> !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since))
                .orElse(false);
    }

    /** Weak comparison (§8.8.3.2), as If-None-Match uses: "*" or any listed tag with the same opaque value. */
    private static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) c = c.substring(2);
            if (c.equals("*") || c.equals(etag)) return true;
        }
        return false;
    }
}
