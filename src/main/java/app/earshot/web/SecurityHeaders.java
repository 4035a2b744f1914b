package app.earshot.web;

import io.javalin.http.Context;
import java.util.Map;

/** The headers every response carries: no inline script or style, no third parties, no referrer, no framing. */
final class SecurityHeaders {
    static final String CSP = "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
            + "form-action 'self'; script-src 'none'; style-src 'self'; img-src 'self'; media-src 'self'; font-src 'self'";

    private static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CSP,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
            "X-Frame-Options", "DENY",
            "Cross-Origin-Opener-Policy", "same-origin");

    private SecurityHeaders() {}

    /** The headers and their values. */
    static Map<String, String> all() {
        return HEADERS;
    }

    static void apply(Context ctx) {
        HEADERS.forEach(ctx::header);
    }
}
