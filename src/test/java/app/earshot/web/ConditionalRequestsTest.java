package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.App;
import app.earshot.TestServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of route answers If-None-Match and If-Modified-Since by RFC 9110, asked by java.net.http. */
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
}
