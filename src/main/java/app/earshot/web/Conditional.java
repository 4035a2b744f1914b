package app.earshot.web;

import app.earshot.snapshot.Snapshot;
import app.earshot.store.Keys;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The one place that answers conditional requests (RFC 9110 §13), for every route: it sets the validators (a strong
 * {@code ETag}, and {@code Last-Modified} when the representation has a real modification time) and decides, in the
 * order of §13.2.2, whether a request is answered 412 ({@code If-Match} by strong comparison, or, without it,
 * {@code If-Unmodified-Since}), then whether a GET or HEAD is answered 304 ({@code If-None-Match} by weak comparison,
 * or, without it, {@code If-Modified-Since}), and whether an {@code If-Range} lets a Range apply. A malformed date is
 * ignored, as is a date condition on a representation without a modification time. A 304 carries the validators and no
 * {@code Content-Length} (§8.6 allows only the 200's length, and the header adds nothing); a 412 carries a one-line
 * plain message naming the current validators, and no cache may keep it.
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

    /** What a request's preconditions call for (RFC 9110 §13.2.2). */
    enum Outcome {
        /** Send the representation (or the part a Range asks for). */
        SEND,
        /** 304: the client's copy is current. */
        NOT_MODIFIED,
        /** 412: the request is only for a version other than the current one. */
        PRECONDITION_FAILED
    }

    /**
     * Sets {@code etag} and (unless null) {@code lastModified} on the response; if the request's preconditions fail,
     * answers 412, or if they say the client's copy is current, answers 304; in both cases returns true, and the caller
     * sends nothing more.
     */
    static boolean answer(Context ctx, String etag, Instant lastModified) {
        ctx.header("ETag", etag);
        if (lastModified != null) ctx.header("Last-Modified", HttpDate.format(lastModified));
        Outcome outcome = evaluate(ctx, etag, lastModified);
        if (outcome == Outcome.SEND) return false;
        if (outcome == Outcome.PRECONDITION_FAILED) {
            preconditionFailed(ctx, etag, lastModified);
            return true;
        }
        ctx.status(304);
        try {
            // Committed now, with nothing written: left to the end, Jetty would add "Content-Length: 0" to the 304.
            ctx.res().flushBuffer();
        } catch (java.io.IOException e) {
            // The client has gone; there is nobody to answer.
        }
        return true;
    }

    /** The request's preconditions against the current representation's validators ({@code lastModified} may be null). */
    static Outcome evaluate(Context ctx, String etag, Instant lastModified) {
        String ifMatch = ctx.header("If-Match");
        if (ifMatch != null) {
            if (!strongMatch(ifMatch, etag)) return Outcome.PRECONDITION_FAILED;
        } else if (lastModified != null) {
            boolean changedSince = HttpDate.parse(ctx.header("If-Unmodified-Since"))
                    .map(since -> lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since))
                    .orElse(false);
            if (changedSince) return Outcome.PRECONDITION_FAILED;
        }
        return notModified(ctx, etag, lastModified) ? Outcome.NOT_MODIFIED : Outcome.SEND;
    }

    /** True if a GET or HEAD with these validators is to be answered 304 (RFC 9110 §13.2.2, steps 3 and 4). */
    static boolean notModified(Context ctx, String etag, Instant lastModified) {
        String method = ctx.method().name();
        if (!method.equals("GET") && !method.equals("HEAD")) return false;
        String ifNoneMatch = ctx.header("If-None-Match");
        if (ifNoneMatch != null) return weakMatch(ifNoneMatch, etag);
        if (lastModified == null) return false;
        return HttpDate.parse(ctx.header("If-Modified-Since"))
                .map(since -> !lastModified.truncatedTo(ChronoUnit.SECONDS).isAfter(since))
                .orElse(false);
    }

    /**
     * True if a Range may apply (§13.1.5): there is no {@code If-Range}, or it names this very representation, by its
     * entity tag (strong comparison: a weak tag never matches) or by a date that is exactly its {@code Last-Modified}
     * and a strong validator, that is at least one second before this response's {@code Date} (§8.8.2.2: within the
     * second it was made, the representation might have changed again under the same date). Anything else, a malformed
     * value included, means the client's part belongs to another version, and it gets the whole representation.
     */
    static boolean rangeApplies(Context ctx, String etag, Instant lastModified) {
        String ifRange = ctx.header("If-Range");
        if (ifRange == null) return true;
        String validator = ifRange.strip();
        if (validator.startsWith("\"") || validator.startsWith("W/")) return validator.equals(etag);
        if (lastModified == null) return false;
        Instant modified = lastModified.truncatedTo(ChronoUnit.SECONDS);
        Instant date = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return HttpDate.parse(validator).map(d -> d.equals(modified) && !modified.plusSeconds(1).isAfter(date)).orElse(false);
    }

    /**
     * 412: the refusal is about this request's preconditions, not the resource, so no cache may keep it. The current
     * validators are named in the message, not sent as headers: Javalin answers 304 to any response whose ETag header
     * equals the request's If-None-Match, which would turn the 412 of "If-Match: x, If-None-Match: current" into a 304.
     */
    private static void preconditionFailed(Context ctx, String etag, Instant lastModified) {
        ctx.res().setHeader("ETag", null);
        ctx.res().setHeader("Last-Modified", null);
        ctx.status(412);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; charset=utf-8");
        ctx.result("Precondition failed: the current version is " + etag
                + (lastModified == null ? "" : ", last modified " + HttpDate.format(lastModified)) + ".\n");
    }

    /** Weak comparison (§8.8.3.2), as If-None-Match uses: "*" or any listed tag with the same opaque value. */
    private static boolean weakMatch(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.strip();
            if (c.startsWith("W/")) c = c.substring(2);
            if (c.equals("*") || c.equals(etag)) return true;
        }
        return false;
    }

    /** Strong comparison (§8.8.3.2), as If-Match uses: "*" (a current representation exists) or this very tag, not weak. */
    private static boolean strongMatch(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || c.equals(etag)) return true;
        }
        return false;
    }
}
