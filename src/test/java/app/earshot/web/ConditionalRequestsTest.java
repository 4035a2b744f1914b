package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of route answers If-Match, If-Unmodified-Since, If-None-Match, If-Modified-Since and If-Range by RFC 9110
 * (§13.1, in the order of §13.2.2), asked by java.net.http.
 */
class ConditionalRequestsTest {
    /** IMF-fixdate, fixed width: a one-digit day is written "06". */
    static final Pattern IMF_FIXDATE = Pattern.compile("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d{2} [A-Z][a-z]{2} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
    static final String PAGE = "before-your-visit";
    static final String TEXT = "/audio/" + PAGE + "/what-to-bring.txt";
    /** One URL of each kind: pages, feeds, playlists, media, transcripts, VoiceXML, sitemap, API. */
    static final List<String> KINDS = List.of("/", "/" + PAGE, "/" + PAGE + "/what-to-bring", "/feed.xml",
            "/" + PAGE + "/feed.xml", "/" + PAGE + ".m3u", "/audio/" + PAGE + "/what-to-bring.mp3", TEXT,
            "/audio/" + PAGE + "/what-to-bring.vtt", "/ivr/" + PAGE + ".vxml", "/sitemap.xml", "/api/openapi.json",
            "/" + PAGE + ".m3u8", "/audio/" + PAGE + "/hls/0.mp3");
    /** The JSON index, which changes while renderings are made in the background after the first ask. */
    static final List<String> GROWING = List.of("/api/pages", "/api/pages/" + PAGE);

    @TempDir
    static Path content;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.startWarmOnCopy(Path.of("src/test/resources/library"), content);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyKindRevalidatesByEntityTagTo304WithoutAContentLength() {
        for (String path : KINDS) {
            HttpResponse<byte[]> first = server.getBytes(path);
            assertEquals(200, first.statusCode(), path);
            String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
            HttpResponse<byte[]> again = server.getBytes(path, "If-None-Match", etag);
            assertEquals(304, again.statusCode(), path);
            assertEquals(etag, again.headers().firstValue("ETag").orElse(""), path);
            assertTrue(again.headers().firstValue("Content-Length").isEmpty(), path + " 304 says Content-Length "
                    + again.headers().firstValue("Content-Length").orElse(""));
            assertEquals(200, server.getBytes(path, "If-None-Match", "\"other\"").statusCode(), path);
        }
    }

    @Test
    void theGrowingIndexIs304UnlessItChangedAndThenHasANewEntityTag() {
        for (String path : GROWING) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<byte[]> first = server.getBytes(path);
                String etag = first.headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
                HttpResponse<byte[]> again = server.getBytes(path, "If-None-Match", etag);
                String now = again.headers().firstValue("ETag").orElse("");
                if (again.statusCode() == 200) {
                    assertNotEquals(etag, now, path + ": 200 for the copy the client has");
                } else {
                    assertEquals(304, again.statusCode(), path);
                    assertEquals(etag, now, path);
                    assertTrue(again.headers().firstValue("Content-Length").isEmpty(), path);
                }
            }
        }
    }

    @Test
    void everyLastModifiedIsAnImfFixdateThatRevalidatesTo304() {
        for (String path : KINDS) {
            HttpResponse<byte[]> first = server.getBytes(path);
            var modified = first.headers().firstValue("Last-Modified");
            if (modified.isEmpty()) continue;
            assertTrue(IMF_FIXDATE.matcher(modified.get()).matches(), path + ": " + modified.get());
            assertEquals(304, server.getBytes(path, "If-Modified-Since", modified.get()).statusCode(), path);
        }
    }

    @Test
    void spokenTextHasARealLastModifiedThatAnEditMovesOn() throws Exception {
        HttpResponse<String> before = server.get(TEXT);
        String modified = before.headers().firstValue("Last-Modified").orElseThrow();
        assertNotEquals("Thu, 01 Jan 1970 00:00:00 GMT", modified);
        Thread.sleep(1100);
        Path page = content.resolve("pages/" + PAGE + ".md");
        Files.writeString(page, Files.readString(page).replace("Bring your medicines", "Bring your tablets"));
        server.store().replace(App.snapshot(App.load(content)));
        HttpResponse<byte[]> after = server.getBytes(TEXT, "If-Modified-Since", modified);
        assertEquals(200, after.statusCode());
        assertTrue(new String(after.body(), java.nio.charset.StandardCharsets.UTF_8).contains("tablets"));
    }

    /** {@code path}'s 200, asked twice so that the fast path holds it where it holds anything. */
    static HttpResponse<byte[]> prepared(String path) {
        server.getBytes(path);
        HttpResponse<byte[]> response = server.getBytes(path);
        assertEquals(200, response.statusCode(), path);
        return response;
    }

    static HttpResponse<byte[]> head(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).method("HEAD", HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) request.headers(headers);
        return server.getBytes(request);
    }

    /** A 412 as the server's other refusals are: a short plain message, never stored, with the security headers. */
    static void assertPreconditionFailed(HttpResponse<byte[]> response, String what) {
        assertEquals(412, response.statusCode(), what);
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""), what);
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""), what);
        assertTrue(response.headers().firstValue("Content-Range").isEmpty(), what);
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (!response.request().method().equals("HEAD")) {
            assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), what);
            assertTrue(body.startsWith("Precondition failed") && body.length() < 200, what + ": " + body);
        }
    }

    @Test
    void everyKindFailsAnIfMatchForAnotherVersionWith412AndPassesItsOwnTag() {
        for (String path : KINDS) {
            String etag = prepared(path).headers().firstValue("ETag").orElseThrow(() -> new AssertionError(path + " has no ETag"));
            assertPreconditionFailed(server.getBytes(path, "If-Match", "\"nope\""), path);
            assertPreconditionFailed(head(path, "If-Match", "\"nope\""), "HEAD " + path);
            // Strong comparison (§8.8.3.2): the same tag marked weak does not match.
            assertPreconditionFailed(server.getBytes(path, "If-Match", "W/" + etag), path + " W/");
            // If-Match is evaluated before If-None-Match and Range: a failing one wins over both.
            assertPreconditionFailed(server.getBytes(path, "If-Match", "\"nope\"", "If-None-Match", etag), path + " with If-None-Match");
            assertPreconditionFailed(server.getBytes(path, "If-Match", "\"nope\"", "Range", "bytes=0-9"), path + " with Range");
            for (String passing : List.of(etag, "*", "\"nope\", " + etag)) {
                HttpResponse<byte[]> response = server.getBytes(path, "If-Match", passing);
                assertEquals(200, response.statusCode(), path + " If-Match: " + passing);
                assertEquals(etag, response.headers().firstValue("ETag").orElse(""), path);
            }
            assertEquals(304, server.getBytes(path, "If-Match", etag, "If-None-Match", etag).statusCode(), path);
        }
    }

    @Test
    void everyKindWithALastModifiedFailsAnEarlierIfUnmodifiedSinceWith412() {
        String past = "Mon, 01 Jan 2001 00:00:00 GMT";
        int dated = 0;
        for (String path : KINDS) {
            HttpResponse<byte[]> first = prepared(path);
            var modified = first.headers().firstValue("Last-Modified");
            if (modified.isEmpty()) {
                // No modification date: the header is ignored (§13.1.4).
                assertEquals(200, server.getBytes(path, "If-Unmodified-Since", past).statusCode(), path);
                continue;
            }
            dated++;
            assertPreconditionFailed(server.getBytes(path, "If-Unmodified-Since", past), path);
            assertPreconditionFailed(head(path, "If-Unmodified-Since", past), "HEAD " + path);
            assertPreconditionFailed(server.getBytes(path, "If-Unmodified-Since", past, "Range", "bytes=0-9"), path + " with Range");
            assertEquals(200, server.getBytes(path, "If-Unmodified-Since", modified.get()).statusCode(), path);
            assertEquals(200, server.getBytes(path, "If-Unmodified-Since", "yesterday").statusCode(), path + ": a malformed date is ignored");
            // With If-Match present, If-Unmodified-Since is not evaluated (§13.2.2 step 2).
            String etag = first.headers().firstValue("ETag").orElseThrow();
            assertEquals(200, server.getBytes(path, "If-Match", etag, "If-Unmodified-Since", past).statusCode(), path);
        }
        assertTrue(dated >= 4, dated + " kinds have a Last-Modified");
    }

    @Test
    void anIfRangeDateEqualToLastModifiedGetsTheRangeAndAnyOtherDateTheWholeBody() throws Exception {
        for (String path : List.of("/audio/" + PAGE + "/what-to-bring.mp3", TEXT, "/audio/" + PAGE + "/hls/0.mp3", "/feed.xml")) {
            HttpResponse<byte[]> whole = prepared(path);
            String modified = whole.headers().firstValue("Last-Modified").orElseThrow(() -> new AssertionError(path + " has no Last-Modified"));
            // A date is a strong validator only once it is at least a second older than the response's Date (§8.8.2.2).
            long wait = HttpDate.parse(modified).orElseThrow().plusSeconds(1).toEpochMilli() - System.currentTimeMillis();
            if (wait > 0) Thread.sleep(wait + 50);
            HttpResponse<byte[]> part = server.getBytes(path, "Range", "bytes=0-9", "If-Range", modified);
            assertEquals(206, part.statusCode(), path);
            assertEquals("bytes 0-9/" + whole.body().length, part.headers().firstValue("Content-Range").orElse(""), path);
            assertArrayEquals(Arrays.copyOfRange(whole.body(), 0, 10), part.body(), path);
            String earlier = HttpDate.format(HttpDate.parse(modified).orElseThrow().minusSeconds(1));
            for (String other : List.of(earlier, "Mon, 01 Jan 2001 00:00:00 GMT", "W/" + whole.headers().firstValue("ETag").orElseThrow(), "nonsense")) {
                HttpResponse<byte[]> response = server.getBytes(path, "Range", "bytes=0-9", "If-Range", other);
                assertEquals(200, response.statusCode(), path + " If-Range: " + other);
                assertArrayEquals(whole.body(), response.body(), path + " If-Range: " + other);
            }
        }
    }
}
