package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Await;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.Test;

/**
 * A prepared answer is written on the thread that read the request, so it never waits for a worker: with every worker
 * thread held by slow routes, a prepared page or clip asked for on an open connection still answers at once, and the
 * routes are still run by workers (a route run on the selector would block it, and the prepared answer with it).
 * A new connection does need a worker for a moment: Jetty accepts connections on its pool.
 */
class FastPathThreadsTest {
    private static final FastPath.Version VERSION = new FastPath.Version(1, 1);

    @Test
    void preparedAnswersNeedNoWorkerThreadAndRoutesNeverRunOnTheSelector() throws Exception {
        byte[] body = new byte[200_000]; // larger than a socket buffer's first write, as a clip is
        new java.util.Random(7).nextBytes(body);
        QueuedThreadPool pool = new QueuedThreadPool(8, 8);
        pool.setReservedThreads(0);
        Server server = new Server(pool);
        ServerConnector connector = new ServerConnector(server, 1, 1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        FastPath fast = new FastPath(() -> VERSION, new Metrics(null, null));
        fast.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                held.incrementAndGet();
                release.await(30, TimeUnit.SECONDS); // a route stuck on something slow
                Response.writeError(request, response, callback, 503);
                return true;
            }
        });
        server.setHandler(fast);
        server.start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<CompletableFuture<HttpResponse<String>>> stuck = new ArrayList<>();
        Socket socket = null;
        try {
            fast.offer("/ready", "/audio/{slug}/{file}", VERSION, Map.of("Content-Type", "audio/wav"), ByteBuffer.wrap(body), null);
            String base = "http://127.0.0.1:" + connector.getLocalPort();
            socket = new Socket("127.0.0.1", connector.getLocalPort());
            socket.setSoTimeout(5000);
            assertEquals(body.length, getReady(socket).length, "before the routes are held");
            for (int i = 0; i < 16; i++) {
                stuck.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/slow/" + i)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // Every thread of the pool but the acceptor's and the selector's ends up held by a slow route (accepting a
            // connection takes a worker only for a moment), and the rest of the requests wait for one.
            int workers = pool.getMaxThreads() - 2;
            // The client opens its connections one after another, so the last requests may reach the queue after the
            // workers are all held: wait for both, not for the first.
            Await.until(Duration.ofSeconds(10), () -> held.get() >= workers && pool.getQueueSize() > 0, "every worker held and a request queued");
            assertEquals(workers, held.get(), "the slow routes did not take every worker");
            assertEquals(0, pool.getIdleThreads(), "a worker is idle");
            assertTrue(pool.getQueueSize() > 0, "no request is waiting for a worker");

            for (int i = 0; i < 3; i++) {
                assertArrayEquals(body, getReady(socket), "with every worker held, request " + i);
            }
            int answered = 0;
            for (var f : stuck) {
                if (f.isDone()) answered++;
            }
            assertEquals(0, answered, "a held route answered early");
        } finally {
            release.countDown();
            if (socket != null) socket.close();
            for (var f : stuck) assertEquals(503, f.get(30, TimeUnit.SECONDS).statusCode());
            server.stop();
        }
    }

    /** One keep-alive GET of /ready on {@code socket}: its body, after checking the status and length. */
    private static byte[] getReady(Socket socket) throws java.io.IOException {
        var out = socket.getOutputStream();
        out.write("GET /ready HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        var in = new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) head.append((char) in.readUnsignedByte());
        String[] lines = head.toString().split("\r\n");
        assertEquals("HTTP/1.1 200 OK", lines[0]);
        int length = -1;
        for (String line : lines) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) length = Integer.parseInt(line.substring(15).trim());
        }
        byte[] read = new byte[length];
        in.readFully(read);
        return read;
    }
}
