package app.earshot.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code OPTIONS *} (a question about the server as a whole, which no route or context sees) with the methods
 * the server uses and the same security headers as every other response; everything else passes on.
 */
final class ServerOptions extends Handler.Wrapper {
    private final SecurityHeaders security;

    ServerOptions(SecurityHeaders security, Handler next) {
        super(next);
        this.security = security;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (HttpMethod.OPTIONS.is(request.getMethod()) && "*".equals(request.getHttpURI().getPath())) {
            security.all().forEach(response.getHeaders()::put);
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD, POST, OPTIONS");
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
            response.setStatus(200);
            response.write(true, null, callback);
            return true;
        }
        return super.handle(request, response, callback);
    }
}
