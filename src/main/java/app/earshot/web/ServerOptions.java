package app.earshot.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers OPTIONS (RFC 9110 §9.3.7). {@code OPTIONS *}, a question about the server as a whole that no route sees: 204
 * with every method the server takes. OPTIONS on an address: the routes are asked exactly what a HEAD would ask them
 * (the same checks of page, section, file name and format, so an address GET answers 404 is a 404 here too, with the
 * same words, and a resource not made yet is made, as for HEAD), without {@code Range} or preconditions, which concern
 * a representation, not the resource; where HEAD would succeed the answer is 204 with {@code Allow} ({@link
 * AllowedMethods}), the resource's security headers (its Cross-Origin-Resource-Policy included), its
 * {@code Access-Control-Allow-Origin} where other sites' scripts may read it (so a CORS preflight for the HLS playlist
 * and segments succeeds) and its {@code Accept-Ranges}; anything else HEAD would answer (404, 503 with
 * {@code Retry-After}, ...) is sent as it is, with its body. Every other request passes on.
 */
final class ServerOptions extends Handler.Wrapper {
    /** Headers of the resource's own answer that a 204 to OPTIONS keeps, besides the security headers. */
    private static final Set<String> RESOURCE_FEATURES = Set.of("Access-Control-Allow-Origin", "Accept-Ranges");
    /** Request headers that ask about a representation, never about the resource: left out of the question. */
    private static final EnumSet<HttpHeader> ABOUT_A_REPRESENTATION = EnumSet.of(HttpHeader.RANGE, HttpHeader.IF_RANGE,
            HttpHeader.IF_MATCH, HttpHeader.IF_NONE_MATCH, HttpHeader.IF_MODIFIED_SINCE, HttpHeader.IF_UNMODIFIED_SINCE);
    /** Most bytes of an error answer kept to be sent on (error pages are a few KB). */
    static final int MAX_ERROR_BYTES = 256 * 1024;

    private final SecurityHeaders security;
    private final AllowedMethods allowed;
    /** Lower-case names of the headers a 204 keeps from the resource's answer. */
    private final Set<String> kept;

    ServerOptions(SecurityHeaders security, AllowedMethods allowed, Handler next) {
        super(next);
        this.security = security;
        this.allowed = allowed;
        Set<String> names = new LinkedHashSet<>();
        for (String name : security.all().keySet()) names.add(name.toLowerCase(java.util.Locale.ROOT));
        for (String name : RESOURCE_FEATURES) names.add(name.toLowerCase(java.util.Locale.ROOT));
        this.kept = Set.copyOf(names);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.OPTIONS.is(request.getMethod())) return super.handle(request, response, callback);
        if ("*".equals(request.getHttpURI().getPath())) {
            security.all().forEach(response.getHeaders()::put);
            noContent(response, allowed.server());
            response.write(true, null, callback);
            return true;
        }
        Answer answer = new Answer(request, response, callback);
        return super.handle(new AsHead(request), answer, answer);
    }

    /** A 204 naming {@code allow}: no body, so no Content-Length (RFC 9110 §8.6); OPTIONS answers are not cached. */
    private static void noContent(Response response, String allow) {
        response.getHeaders().put(HttpHeader.ALLOW, allow);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.setStatus(204);
    }

    /** The OPTIONS request as the HEAD the routes answer. */
    private static final class AsHead extends Request.Wrapper {
        private final HttpFields headers;

        AsHead(Request request) {
            super(request);
            this.headers = HttpFields.build(request.getHeaders(), ABOUT_A_REPRESENTATION).asImmutable();
        }

        @Override
        public String getMethod() {
            return HttpMethod.HEAD.asString();
        }

        @Override
        public HttpFields getHeaders() {
            return headers;
        }
    }

    /**
     * The routes' answer, held back: its status and headers stay unsent on the real response (nothing is written to it
     * until the routes are done), a success's body is dropped and an error's kept (up to {@link #MAX_ERROR_BYTES});
     * once the routes complete, the OPTIONS answer is written from it.
     */
    private final class Answer extends Response.Wrapper implements Callback {
        private final Callback callback;
        private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();
        private boolean tooLong;

        Answer(Request request, Response response, Callback callback) {
            super(request, response);
            this.callback = callback;
        }

        /** True if the routes found the resource: a 2xx (an unset status, 0, is the 200 Jetty would send) or 304. */
        private boolean succeeded(int status) {
            return status == 0 || status >= 200 && status < 300 || status == 304;
        }

        @Override
        public void write(boolean last, ByteBuffer content, Callback written) {
            if (content != null && content.hasRemaining()) {
                if (!succeeded(getStatus()) && !tooLong && errorBody.size() + content.remaining() <= MAX_ERROR_BYTES) {
                    byte[] bytes = new byte[content.remaining()];
                    content.get(bytes);
                    errorBody.write(bytes, 0, bytes.length);
                } else {
                    if (!succeeded(getStatus())) tooLong = true;
                    content.position(content.limit());
                }
            }
            written.succeeded();
        }

        /** The routes are done: the OPTIONS answer goes out. */
        @Override
        public void succeeded() {
            Response response = getWrapped();
            HttpFields.Mutable headers = response.getHeaders();
            if (succeeded(response.getStatus())) {
                HttpFields.Mutable features = HttpFields.build();
                for (var field : headers) if (kept.contains(field.getLowerCaseName())) features.add(field);
                headers.clear();
                headers.add(features);
                noContent(response, allowed.of(getRequest().getHttpURI().getPath()));
                response.write(true, null, callback);
                return;
            }
            headers.remove(HttpHeader.TRANSFER_ENCODING);
            // A body too long to keep is left out entirely: never a body that misses its Content-Length.
            byte[] body = tooLong ? new byte[0] : errorBody.toByteArray();
            headers.put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }

        @Override
        public void failed(Throwable failure) {
            callback.failed(failure);
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }
    }
}
