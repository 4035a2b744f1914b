package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every response says who may embed it: pages only this origin, published media any origin. */
class CrossOriginResourcePolicyTest {
    static final String PAGE = "before-your-visit";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Path.of("src/test/resources/library"));
        server.warm(server.site().page(PAGE).orElseThrow());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String corp(HttpResponse<?> r) {
        return r.headers().firstValue("Cross-Origin-Resource-Policy").orElse("(none)");
    }

    @Test
    void pagesErrorsAndTheApiAreSameOrigin() {
        for (String path : List.of("/", "/" + PAGE, "/" + PAGE, "/no-such-page", "/api/pages", "/sitemap.xml", "/ivr/" + PAGE + ".vxml")) {
            assertEquals("same-origin", corp(server.get(path)), path);
        }
        HttpResponse<String> options = server.send(HttpRequest.newBuilder(URI.create(server.url("/"))).method("OPTIONS",
                HttpRequest.BodyPublishers.noBody()).build());
        assertEquals("same-origin", corp(options), "OPTIONS");
    }

    @Test
    void publishedMediaIsCrossOriginEvenWhenNotModified() {
        for (String path : List.of("/audio/" + PAGE + "/what-to-bring.mp3", "/audio/" + PAGE + "/what-to-bring.mp3",
                "/audio/" + PAGE + "/what-to-bring.vtt", "/feed.xml", "/" + PAGE + ".m3u", "/artwork.png")) {
            HttpResponse<byte[]> r = server.getBytes(path);
            assertEquals("cross-origin", corp(r), path);
            String etag = r.headers().firstValue("ETag").orElseThrow();
            assertEquals("cross-origin", corp(server.getBytes(path, "If-None-Match", etag)), path + " 304");
        }
    }

    @Test
    void aRequestJettyRefusesBeforeAnyRouteStillCarriesIt() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", URI.create(server.url("/")).getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: a\r\nNo colon here\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(2000), StandardCharsets.ISO_8859_1);
            assertTrue(head.startsWith("HTTP/1.1 400"), head);
            assertTrue(head.contains("Cross-Origin-Resource-Policy: same-origin"), head);
        }
    }
}
