package app.earshot.web;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every response carries: no inline script or style, no third parties, no referrer, no
 * framing, a Cross-Origin-Resource-Policy; and, when the server sits behind TLS and is configured for it, HSTS.
 */
public final class SecurityHeaders {
    static final String CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self'; font-src 'self'";

    private final Map<String, String> headers;

    /** @param hstsSeconds max-age of Strict-Transport-Security, or 0 to send none (plain-HTTP deployments) */
    public SecurityHeaders(long hstsSeconds) {
        if (hstsSeconds < 0) throw new IllegalArgumentException("HSTS max-age must not be negative: " + hstsSeconds);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Security-Policy", CSP);
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Referrer-Policy", "no-referrer");
        h.put("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
        h.put("X-Frame-Options", "DENY");
        h.put("Cross-Origin-Opener-Policy", "same-origin");
        // Pages and everything else only for this origin; media opens itself to other sites (see shareable).
        h.put("Cross-Origin-Resource-Policy", "same-origin");
        if (hstsSeconds > 0) h.put("Strict-Transport-Security", "max-age=" + hstsSeconds + "; includeSubDomains");
        this.headers = Map.copyOf(h);
    }

    /** The headers and their values. */
    Map<String, String> all() {
        return headers;
    }

    /**
     * Marks a response as published for other sites: audio, captions, feeds, playlists, cover art and books are played
     * and shown by web podcast players and IVR consoles on their own origins, which a same-origin policy would block.
     */
    static void shareable(Context ctx) {
        ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
    }

    /**
     * Lets scripts on other sites read a response, not only play it: web HLS players (hls.js and the like) fetch the
     * playlist and its segments by XHR or fetch, which CORS guards; every listener's answer is the same public bytes
     * and no credentials are involved, so any origin may read them.
     */
    static void readableByOtherSites(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
    }

    void apply(Context ctx) {
        headers.forEach(ctx::header);
    }
}
