package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.hostile.RawHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OPTIONS (RFC 9110 §9.3.7): on a resource, 204 with an {@code Allow} of the methods it takes, for every kind of
 * route, exactly where a GET finds the resource; where a GET is a 404, so is OPTIONS. {@code OPTIONS *} is a 204
 * too, naming every method the server takes; a 405 names OPTIONS among the allowed methods.
 */
class OptionsTest {
    static final String PAGE = "/" + Fixture.PAGE;
    static final String READ_ONLY = "GET, HEAD, OPTIONS";
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> options(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) request.headers(headers);
        return server.send(request.build());
    }

    static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("(none)");
    }

    /** One address of every kind of route the server has. */
    static List<String> resources() {
        var html = Jsoup.parse(server.get(PAGE).body());
        String segment = server.get(PAGE + ".m3u8").body().lines().filter(l -> l.startsWith("http")).findFirst().orElseThrow()
                .substring(server.url("").length());
        return List.of("/", PAGE, PAGE + "/introduction", PAGE + "/transcript", PAGE + "/introduction/transcript",
                "/search?q=ketamine", "/feed.xml", PAGE + "/feed.xml", PAGE + ".m3u", PAGE + ".m3u8", PAGE + ".epub",
                "/sitemap.xml", "/artwork.png", "/favicon.ico", html.selectFirst("link[rel=stylesheet]").attr("href"),
                html.selectFirst("script[src]").attr("src"), "/healthz", "/metrics", "/api/pages", "/api/pages.json",
                "/api/pages" + PAGE, "/api/pages" + PAGE + ".json", "/api/openapi.json",
                "/audio" + PAGE + "/introduction.mp3", "/audio" + PAGE + "/introduction.slower.wav",
                "/audio" + PAGE + "/introduction.vtt", "/audio" + PAGE + "/introduction.txt",
                "/audio" + PAGE + "/introduction.chapters.json", "/audio" + PAGE + ".mp3", "/audio" + PAGE + ".chapters.vtt",
                segment, "/telephony" + PAGE + "/introduction.wav", "/telephony" + PAGE + "/introduction.alaw",
                "/telephony" + PAGE + "/prompts/menu.wav", "/telephony/prompts/goodbye.wav", "/ivr.vxml",
                "/ivr" + PAGE + ".vxml", "/ivr" + PAGE + ".grxml", "/ivr/keys.dtmf.grxml");
    }

    @Test
    void everyKindOfResourceAnswers204WithTheMethodsItTakes() {
        List<String> wrong = new ArrayList<>();
        for (String path : resources()) {
            assertEquals(200, server.get(path).statusCode(), "GET " + path);
            HttpResponse<String> r = options(path);
            String seen = r.statusCode() + " " + header(r, "Allow") + " [" + r.body() + "] " + header(r, "Content-Type")
                    + " " + header(r, "Content-Length") + " " + header(r, "Cache-Control");
            if (!seen.equals("204 " + READ_ONLY + " [] (none) (none) no-store")) wrong.add(path + " -> " + seen);
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theWebhooksSayTheyTakePost() {
        for (String path : List.of("/ivr/twiml", "/ivr" + PAGE + "/twiml")) {
            HttpResponse<String> r = options(path);
            assertEquals(204, r.statusCode(), path);
            assertEquals("GET, HEAD, POST, OPTIONS", header(r, "Allow"), path);
        }
    }

    /** Where GET finds nothing, OPTIONS finds nothing either, and says so in the very words of GET's 404. */
    @Test
    void whereGetIsA404SoIsOptions() {
        for (String path : List.of("/no-such-page", PAGE + "/no-such-section", PAGE + "/no-such-section/transcript",
                "/no-such-page/feed.xml", "/no-such-page.m3u", "/audio" + PAGE + "/no-such-section.mp3",
                "/audio" + PAGE + "/introduction.flac", "/audio" + PAGE + "/hls/99999.mp3", "/telephony" + PAGE + "/no-such-section.wav",
                "/telephony" + PAGE + "/prompts/no-such-prompt.wav", "/ivr/no-such-page.vxml", "/api/pages/no-such-page",
                "/feed.xx.xml", "/a/b/c/d/e/f")) {
            HttpResponse<String> get = server.get(path);
            HttpResponse<String> r = options(path);
            assertEquals(404, get.statusCode(), "GET " + path);
            assertEquals(404, r.statusCode(), path);
            assertEquals(header(get, "Content-Type"), header(r, "Content-Type"), path);
            assertEquals(get.body(), r.body(), path);
            assertEquals("(none)", header(r, "Allow"), path);
        }
    }

    /** OPTIONS asks about the resource, not a representation: a Range or a precondition does not change the answer. */
    @Test
    void rangesAndPreconditionsDoNotApplyToOptions() {
        String clip = "/audio" + PAGE + "/introduction.mp3";
        String etag = header(server.get(clip), "ETag");
        for (String[] headers : List.of(new String[] {"Range", "bytes=0-9"}, new String[] {"If-None-Match", etag},
                new String[] {"If-Match", "\"other\""}, new String[] {"Range", "bytes=999999999-"})) {
            HttpResponse<String> r = options(clip, headers);
            assertEquals(204, r.statusCode(), String.join(": ", headers));
            assertEquals(READ_ONLY, header(r, "Allow"), String.join(": ", headers));
        }
    }

    @Test
    void theAnswerCarriesTheSecurityHeadersOfItsResource() {
        HttpResponse<String> page = options(PAGE);
        assertTrue(header(page, "Content-Security-Policy").contains("default-src 'self'"));
        assertEquals("nosniff", header(page, "X-Content-Type-Options"));
        assertEquals("same-origin", header(page, "Cross-Origin-Resource-Policy"));
        assertEquals("cross-origin", header(options("/audio" + PAGE + "/introduction.mp3"), "Cross-Origin-Resource-Policy"));
    }

    /**
     * The HLS playlist and its segments are readable by scripts on other sites (hls.js): a CORS preflight for them gets
     * a 2xx with the same {@code Access-Control-Allow-Origin} their GET has. Pages stay closed to other origins.
     */
    @Test
    void aCorsPreflightForTheHlsPlaylistAndItsSegmentsSucceeds() {
        String segment = server.get(PAGE + ".m3u8").body().lines().filter(l -> l.startsWith("http")).findFirst().orElseThrow()
                .substring(server.url("").length());
        for (String path : List.of(PAGE + ".m3u8", segment)) {
            assertEquals("*", header(server.get(path), "Access-Control-Allow-Origin"), "GET " + path);
            HttpResponse<String> r = options(path, "Origin", "https://player.example", "Access-Control-Request-Method", "GET");
            assertEquals(204, r.statusCode(), path);
            assertEquals("*", header(r, "Access-Control-Allow-Origin"), path);
        }
        HttpResponse<String> page = options(PAGE, "Origin", "https://player.example", "Access-Control-Request-Method", "GET");
        assertEquals("(none)", header(page, "Access-Control-Allow-Origin"));
    }

    @Test
    void optionsStarIsA204NamingEveryMethodTheServerTakes() throws Exception {
        int port = Integer.parseInt(server.url("").replaceAll(".*:(\\d+)$", "$1"));
        RawHttp.Answer answer = RawHttp.send(port,
                "OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 15_000);
        assertEquals(204, answer.status(), answer.head());
        assertTrue(answer.head().contains("\r\nAllow: GET, HEAD, POST, OPTIONS\r\n"), answer.head());
        assertFalse(answer.head().contains("Content-Length"), answer.head());
        assertEquals("", answer.body());
    }

    @Test
    void a405NamesOptionsAmongTheAllowedMethods() {
        assertEquals(READ_ONLY, header(server.request("PUT", PAGE), "Allow"));
        assertEquals(READ_ONLY, header(server.request("DELETE", "/audio" + PAGE + "/introduction.mp3"), "Allow"));
        assertEquals("GET, HEAD, POST, OPTIONS", header(server.request("PUT", "/ivr/twiml"), "Allow"));
    }
}
