package app.earshot.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Answers requests that Jetty rejects before they reach a route (ambiguous or malformed paths, NUL
 * bytes, oversized headers) with a short plain-text message and the usual security headers: no
 * server details, no stack trace, no HTML that would need the site's layout.
 */
final class ProtocolErrorHandler extends ErrorHandler {
    private final SecurityHeaders security;

    ProtocolErrorHandler(SecurityHeaders security) {
        this.security = security;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        addSecurityHeaders(headers);
        headers.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body(code).getBytes(StandardCharsets.UTF_8)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        addSecurityHeaders(fields);
        fields.put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        return ByteBuffer.wrap(body(status).getBytes(StandardCharsets.UTF_8));
    }

    private void addSecurityHeaders(HttpFields.Mutable headers) {
        security.all().forEach(headers::put);
    }

    private static String body(int code) {
        String reason = HttpStatus.getMessage(code);
        String explanation = code == 400
                ? "The address or the request could not be understood. Check the address and try again."
                : "The request could not be handled.";
        return code + " " + reason + ": " + explanation + "\n";
    }
}
