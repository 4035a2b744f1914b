package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepared responses must be byte-for-byte what the routes send, and never outlive the content they came from. */
class FastPathTest {
    static final Path FIXTURE = Path.of("src/test/resources/fixtures/store");

    @Test
    void repeatedRequestsAreAnsweredByTheFastPathWithIdenticalBodiesAndHeaders() {
        try (TestServer server = TestServer.start(FIXTURE)) {
            for (String path : List.of("/rest", "/audio/rest/resting.wav")) {
                HttpResponse<String> first = server.get(path);
                long before = fastPathResponses(server);
                HttpResponse<String> second = server.get(path);
                assertEquals(before + 1, fastPathResponses(server), path + " was not answered by the fast path");
                assertEquals(first.body(), second.body(), path);
                for (String h : List.of("Content-Type", "Content-Length", "Content-Security-Policy", "X-Content-Type-Options",
                        "Referrer-Policy", "Permissions-Policy", "Cache-Control")) {
                    assertEquals(first.headers().allValues(h), second.headers().allValues(h), path + " " + h);
                }
            }
        }
    }

    /**
     * HLS segments and phone clips are always linked with their version ({@code ?v=}): those exact URLs are answered by
     * the fast path once prepared, as unversioned paths are (versioned segment links had sent every segment through
     * the routes, 4-5x the time of a prepared answer); any other query still goes to the routes.
     */
    @Test
    void versionedAudioLinksAreAnsweredByTheFastPathAndOtherQueriesAreNot() throws Exception {
        try (TestServer server = TestServer.start(FIXTURE)) {
            server.site().pages().forEach(page -> server.warm(page));
            String segment = server.get("/rest.m3u8").body().lines().filter(l -> l.contains("/hls/1.mp3?v=")).findFirst().orElseThrow();
            // The API once every rendering is made: its telephone links carry their versions.
            String phone = new com.fasterxml.jackson.databind.ObjectMapper().readTree(server.complete("/api/pages/rest").body())
                    .at("/sections/1/telephone/0/formats/ulaw.wav/url").asText();
            assertTrue(phone.contains("?v="), phone);
            for (String url : List.of(segment, phone)) {
                String path = java.net.URI.create(url).getRawPath() + "?" + java.net.URI.create(url).getRawQuery();
                HttpResponse<String> first = server.get(path);
                assertEquals(200, first.statusCode(), path);
                // Audio made meanwhile (the phone line's clips, made in the background on a fresh cache) makes every
                // prepared clip stale, by design: ask again until an answer comes from the fast path.
                java.util.concurrent.atomic.AtomicReference<HttpResponse<String>> second = new java.util.concurrent.atomic.AtomicReference<>();
                app.earshot.Await.until(java.time.Duration.ofSeconds(120), () -> {
                    long before = fastPathResponses(server);
                    second.set(server.get(path));
                    return fastPathResponses(server) == before + 1;
                }, path + " answered by the fast path");
                assertEquals(first.body(), second.get().body(), path);
                long again = fastPathResponses(server);
                assertEquals(200, server.get(path + "&x=1").statusCode(), path);
                assertEquals(again, fastPathResponses(server), path + "&x=1 was answered by the fast path");
            }
            // A page asked with a made-up version is answered by the routes every time, never held (checked while the
            // page itself is answered by the fast path, so nothing made meanwhile explains a miss).
            for (int i = 0; i < 3; i++) assertEquals(200, server.get("/rest?v=0123456789abcdef").statusCode());
            app.earshot.Await.until(java.time.Duration.ofSeconds(120), () -> {
                long before = fastPathResponses(server);
                server.get("/rest");
                if (fastPathResponses(server) != before + 1) return false;
                assertEquals(200, server.get("/rest?v=0123456789abcdef").statusCode());
                server.get("/rest");
                return fastPathResponses(server) == before + 2;
            }, "/rest answered by the fast path, and /rest?v=... by the routes");
        }
    }

    @Test
    void browsersThatAcceptCompressionGetCompleteResponses() {
        try (TestServer server = TestServer.start(FIXTURE)) {
            for (int i = 0; i < 3; i++) {
                var r = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url("/rest")))
                        .header("Accept-Encoding", "gzip, deflate, br").build());
                assertEquals(200, r.statusCode(), "request " + i);
                assertEquals(r.headers().firstValue("Content-Length").orElse(""), String.valueOf(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            }
        }
    }

    @Test
    void anEditIsServedAtOnceDespitePreparedResponses(@TempDir Path content) throws Exception {
        TestServer.copyTree(FIXTURE, content);
        try (TestServer server = TestServer.start(content)) {
            server.get("/rest/driving");
            server.get("/rest/driving");
            Path md = content.resolve("pages/rest.md");
            Files.writeString(md, Files.readString(md).replace("Do not drive until", "Do not drive or cycle until"));
            server.store().replace(app.earshot.App.snapshot(app.earshot.App.load(content)));
            assertTrue(server.get("/rest/driving").body().contains("Do not drive or cycle until"));
        }
    }

    @Test
    void generatedFeedsFollowEachRequestsHostAndAreNeverSharedByPath() throws Exception {
        try (TestServer server = TestServer.start(FIXTURE)) {
            int port = Integer.parseInt(server.url("").replaceAll(".*:(\\d+)$", "$1"));
            // The feed lists only audio that is ready: warm first, as a running server does.
            server.site().pages().forEach(page -> server.warm(page));
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
    void damagedClipIsNotAnsweredByTheFastPath(@TempDir Path cache) throws Exception {
        try (TestServer server = TestServer.start(FIXTURE, cache, TestServer.SYNTHESIZER)) {
            byte[] clip = server.getBytes("/audio/rest/driving.wav").body();
            server.getBytes("/audio/rest/driving.wav");
            try (Stream<Path> files = Files.walk(cache)) {
                for (Path p : files.filter(p -> p.toString().endsWith(".wav")).toList()) Files.write(p, new byte[100]);
            }
            long before = fastPathResponses(server);
            org.junit.jupiter.api.Assertions.assertArrayEquals(clip, server.getBytes("/audio/rest/driving.wav").body());
            assertEquals(before, fastPathResponses(server), "the fast path answered from a file that changed");
        }
    }

    @Test
    void aRepeatedSearchIsAnsweredByTheFastPathUntilTheContentChanges(@TempDir Path content, @TempDir Path cache) throws Exception {
        TestServer.copyTree(FIXTURE, content);
        // An empty cache of its own, so warming below really makes new audio.
        try (TestServer server = TestServer.start(content, cache, TestServer.SYNTHESIZER)) {
            String first = server.get("/search?q=drive").body();
            long before = fastPathResponses(server);
            assertEquals(first, server.get("/search?q=drive").body());
            assertEquals(before + 1, fastPathResponses(server), "a repeated search was not answered by the fast path");
            server.warm(server.site().pages().get(0)); // new audio does not make a results page stale
            assertEquals(first, server.get("/search?q=drive").body());
            assertEquals(before + 2, fastPathResponses(server), "new audio made a results page stale");
            Path md = content.resolve("pages/rest.md");
            Files.writeString(md, Files.readString(md).replace("Do not drive until", "Do not drive or cycle until"));
            server.store().replace(app.earshot.App.snapshot(app.earshot.App.load(content)));
            assertTrue(server.get("/search?q=drive").body().contains("cycle"), "a search after an edit showed the old text");
        }
    }


    /** The server's own count of responses its fast path answered, from /metrics. */
    private static long fastPathResponses(TestServer server) {
        return server.get("/metrics").body().lines().filter(l -> l.startsWith("earshot_fast_path_responses_total "))
                .mapToLong(l -> Long.parseLong(l.substring(l.indexOf(' ') + 1).strip())).findFirst().orElseThrow();
    }

    @Test
    void rangeAndConditionalRequestsStillWorkAfterTheResponseIsPrepared() {
        try (TestServer server = TestServer.start(FIXTURE)) {
            String clip = "/audio/rest/resting.wav";
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
