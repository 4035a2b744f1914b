package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepared responses must be byte-for-byte what the routes send, and never outlive the content they came from. */
class FastPathTest {
    @Test
    void repeatedRequestsGetIdenticalBodiesAndHeaders() {
        try (TestServer server = TestServer.start()) {
            for (String path : List.of("/what-is-ketamine", "/audio/what-is-ketamine/fda-breakthrough-status.wav")) {
                HttpResponse<String> first = server.get(path);
                HttpResponse<String> second = server.get(path); // answered from the prepared response
                assertEquals(first.body(), second.body(), path);
                for (String h : List.of("Content-Type", "Content-Length", "Content-Security-Policy", "X-Content-Type-Options",
                        "Referrer-Policy", "Permissions-Policy", "Cache-Control")) {
                    assertEquals(first.headers().allValues(h), second.headers().allValues(h), path + " " + h);
                }
            }
        }
    }

    @Test
    void browsersThatAcceptCompressionGetCompleteResponses() {
        try (TestServer server = TestServer.start()) {
            for (int i = 0; i < 3; i++) {
                var r = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/what-is-ketamine")))
                        .header("Accept-Encoding", "gzip, deflate, br").build());
                assertEquals(200, r.statusCode(), "request " + i);
                assertEquals(r.headers().firstValue("Content-Length").orElse(""), String.valueOf(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            }
        }
    }

    @Test
    void anEditIsServedAtOnceDespitePreparedResponses(@TempDir Path content) throws Exception {
        try (Stream<Path> files = Files.walk(TestServer.BUNDLED_CONTENT)) {
            for (Path p : files.toList()) {
                Path target = content.resolve(TestServer.BUNDLED_CONTENT.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        try (TestServer server = TestServer.start(content)) {
            server.get("/what-is-ketamine/fda-breakthrough-status");
            server.get("/what-is-ketamine/fda-breakthrough-status");
            Path md = content.resolve("pages/what-is-ketamine.md");
            Files.writeString(md, Files.readString(md).replace("In 2019, the FDA", "In 2019 the US FDA"));
            server.store().replace(app.earshot.App.load(content).site());
            assertTrue(server.get("/what-is-ketamine/fda-breakthrough-status").body().contains("In 2019 the US FDA"));
        }
    }

    @Test
    void generatedFeedsFollowEachRequestsHostAndAreNeverSharedByPath() throws Exception {
        try (TestServer server = TestServer.start()) {
            int port = Integer.parseInt(server.url("").replaceAll(".*:(\\d+)$", "$1"));
            assertTrue(feed(port, "a.example").contains("http://a.example/audio/"));
            assertTrue(feed(port, "a.example").contains("http://a.example/audio/"));
            String b = feed(port, "b.example");
            assertTrue(b.contains("http://b.example/audio/") && !b.contains("a.example"), b.substring(0, 300));
        }
    }

    private static String feed(int port, String host) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /feed.xml HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void rangeAndConditionalRequestsStillWorkAfterTheResponseIsPrepared() {
        try (TestServer server = TestServer.start()) {
            String clip = "/audio/what-is-ketamine/fda-breakthrough-status.wav";
            server.get(clip);
            server.get(clip);
            var range = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url(clip))).header("Range", "bytes=0-9").build());
            assertEquals(206, range.statusCode());
            String etag = server.get(clip).headers().firstValue("ETag").orElseThrow();
            var conditional = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url(clip))).header("If-None-Match", etag).build());
            assertEquals(304, conditional.statusCode());
        }
    }
}
