package app.earshot.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every request body in full, without holding a thread, before any route sees the request: a body larger
 * than {@code maxBytes} gets 413, one not complete within {@code deadlineMillis} gets 408, a malformed one (a
 * broken chunk size) 400, and a client that hangs up mid-body just loses its connection. So a slow or oversized
 * body costs a connection, never a worker thread, and routes read bodies from memory.
 */
final class BoundedBodies extends Handler.Wrapper {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedBodies.class);

    private final int maxBytes;
    private final long deadlineMillis;

    BoundedBodies(int maxBytes, long deadlineMillis) {
        this.maxBytes = maxBytes;
        this.deadlineMillis = deadlineMillis;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        Handler next = getHandler();
        if (next == null) return false;
        long length = request.getLength();
        boolean chunked = request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
        if (length <= 0 && !chunked) return next.handle(request, response, callback);
        if (length > maxBytes) {
            refuse(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
            return true;
        }
        new Reader(next, request, response, callback, length > 0 ? (int) length : 1024).start();
        return true;
    }

    private static void refuse(Request request, Response response, Callback callback, int status) {
        // The rest of the body is never read, so the connection cannot carry another request.
        response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
        Response.writeError(request, response, callback, status);
    }

    /** Collects one body chunk by chunk as it arrives, then hands the request on with the body replayed from memory. */
    private final class Reader implements Runnable {
        private final Handler next;
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final ByteArrayOutputStream body;
        private final AtomicBoolean finished = new AtomicBoolean();
        private Scheduler.Task timeout;

        Reader(Handler next, Request request, Response response, Callback callback, int expected) {
            this.next = next;
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.body = new ByteArrayOutputStream(Math.min(expected, maxBytes));
        }

        void start() {
            timeout = request.getComponents().getScheduler().schedule(this::expire, deadlineMillis, TimeUnit.MILLISECONDS);
            run();
        }

        private void expire() {
            if (!finished.compareAndSet(false, true)) return;
            LOG.debug("{} {}: body not complete within {} ms", request.getMethod(), request.getHttpURI().getPath(), deadlineMillis);
            refuse(request, response, callback, HttpStatus.REQUEST_TIMEOUT_408);
        }

        /** Reads what has arrived; asks to be called again when more does. */
        @Override
        public void run() {
            while (!finished.get()) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    fail(chunk.getFailure());
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                boolean tooBig = body.size() + bytes.remaining() > maxBytes;
                if (!tooBig) {
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    body.write(copy, 0, copy.length);
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (tooBig) {
                    if (finished.compareAndSet(false, true)) {
                        timeout.cancel();
                        refuse(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
                    }
                    return;
                }
                if (last) {
                    if (finished.compareAndSet(false, true)) {
                        timeout.cancel();
                        dispatch();
                    }
                    return;
                }
            }
        }

        private void fail(Throwable failure) {
            if (!finished.compareAndSet(false, true)) return;
            timeout.cancel();
            if (failure instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                LOG.debug("{} {}: malformed body: {}", request.getMethod(), request.getHttpURI().getPath(), failure.toString());
                refuse(request, response, callback, http.getCode());
            } else {
                // The client hung up mid-body: there is no one to answer.
                LOG.debug("{} {}: body aborted: {}", request.getMethod(), request.getHttpURI().getPath(), failure.toString());
                callback.failed(failure);
            }
        }

        private void dispatch() {
            Request replay = new Replay(request, body.toByteArray());
            try {
                if (!next.handle(replay, response, callback)) Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
            } catch (Throwable t) {
                Response.writeError(request, response, callback, t);
            }
        }
    }

    /** The request with its body, already read, served from memory. */
    private static final class Replay extends Request.Wrapper {
        private final byte[] body;
        private boolean read;

        Replay(Request request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public Content.Chunk read() {
            if (read) return Content.Chunk.EOF;
            read = true;
            return Content.Chunk.from(ByteBuffer.wrap(body), true);
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }

        @Override
        public boolean consumeAvailable() {
            read = true;
            return true;
        }
    }
}
