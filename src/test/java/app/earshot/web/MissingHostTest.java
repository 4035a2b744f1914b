package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.Fixture;
import app.earshot.TestServer;
import app.earshot.hostile.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A request without a Host header (HTTP/1.0 allows one: {@code curl -0}, old monitors and load balancers' health checks
 * send none) is answered like any other. Its absolute URLs name the configured base URL, else the target URI's
 * authority (RFC 9112 §3.3): an absolute-form target's, or the address and port the connection reached. An HTTP/1.1
 * request without Host stays a 400 (RFC 9112 §3.2).
 */
class MissingHostTest {
    /** about-ketamine has a Spanish translation on this site, so its head carries absolute hreflang links. */
    static final String PAGE = Fixture.PAGE;
    /** Every kind of answer that writes absolute URLs, and a few that write none. */
    static final List<String> PATHS = List.of("/" + PAGE, "/" + PAGE + "/transcript", "/" + PAGE + "/introduction",
            "/acerca-de-la-ketamina", "/feed.xml", "/feed.es.xml", "/" + PAGE + "/feed.xml", "/" + PAGE + ".m3u",
            "/" + PAGE + ".m3u8", "/sitemap.xml", "/ivr/twiml", "/ivr/" + PAGE + "/twiml", "/api/pages", "/api/pages.json",
            "/api/pages/" + PAGE, "/api/openapi.json", "/audio/" + PAGE + "/introduction.chapters.json", "/", "/ivr.vxml",
            "/ivr/" + PAGE + ".vxml", "/healthz", "/search?q=ketamine");
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+");

    @TempDir
    static Path configured;
    static TestServer server;
    static TestServer withBase;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Fixture.BILINGUAL);
        TestServer.copyTree(Fixture.BILINGUAL, configured);
        Path yaml = configured.resolve("site.yaml");
        Files.writeString(yaml, Files.readString(yaml) + "base-url: https://health.example.org/library\n");
        withBase = TestServer.start(configured);
    }

    @AfterAll
    static void stop() {
        server.close();
        withBase.close();
    }

    static int port(TestServer s) {
        return Integer.parseInt(s.url("").replaceAll(".*:(\\d+)$", "$1"));
    }

    /** {@code request} sent byte for byte; the body decoded as the UTF-8 every text answer is. */
    static RawHttp.Answer send(TestServer s, String request) throws Exception {
        RawHttp.Answer raw = RawHttp.send(port(s), request.getBytes(StandardCharsets.ISO_8859_1), 60_000);
        String body = new String(raw.body().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        return new RawHttp.Answer(raw.status(), raw.head(), body, raw.millis());
    }

    static RawHttp.Answer withoutHost(TestServer s, String target) throws Exception {
        return send(s, "GET " + target + " HTTP/1.0\r\n\r\n");
    }

    static List<String> urls(String body) {
        List<String> urls = new ArrayList<>();
        Matcher m = URL.matcher(body);
        while (m.find()) urls.add(m.group());
        return urls;
    }

    @Test
    void aPageWithTranslationsAnswersAnHttp10RequestWithoutHost() throws Exception {
        RawHttp.Answer answer = withoutHost(server, "/" + PAGE);
        assertEquals(200, answer.status(), answer.head() + "\n" + answer.body());
        String origin = server.url("");
        assertEquals(List.of(origin + "/" + PAGE, origin + "/acerca-de-la-ketamina", origin + "/" + PAGE),
                Jsoup.parse(answer.body()).select("head link[rel=alternate][hreflang]").eachAttr("href"));
    }

    /**
     * Every answer is a 200 whose absolute URLs of this site name the address the connection reached, as they do for an
     * HTTP/1.1 request whose Host is that address; other absolute URLs (XML namespaces) are the ones that answer has.
     */
    @Test
    void everyKindOfAnswerNamesTheAddressTheConnectionReached() throws Exception {
        String origin = server.url("");
        for (String path : PATHS) {
            RawHttp.Answer answer = withoutHost(server, path);
            assertEquals(200, answer.status(), path + "\n" + answer.head() + "\n" + answer.body());
            RawHttp.Answer named = send(server, "GET " + path + " HTTP/1.1\r\nHost: " + origin.substring(7) + "\r\nConnection: close\r\n\r\n");
            assertEquals(200, named.status(), path);
            List<String> others = urls(named.body()).stream().filter(u -> !u.startsWith(origin + "/")).distinct().toList();
            for (String url : urls(answer.body())) {
                assertTrue(url.startsWith(origin + "/") || others.contains(url), path + ": " + url);
            }
            assertEquals(urls(named.body()).stream().anyMatch(u -> u.startsWith(origin + "/")),
                    urls(answer.body()).stream().anyMatch(u -> u.startsWith(origin + "/")), path + " names this site as the named answer does");
        }
    }

    @Test
    void theConfiguredBaseUrlStandsForAMissingHost() throws Exception {
        for (String path : List.of("/" + PAGE, "/feed.xml", "/sitemap.xml", "/" + PAGE + ".m3u", "/api/pages/" + PAGE)) {
            RawHttp.Answer answer = withoutHost(withBase, path);
            assertEquals(200, answer.status(), path + "\n" + answer.head());
            assertTrue(answer.body().contains("https://health.example.org/library/"), path + ": " + answer.body());
            assertFalse(answer.body().contains(withBase.url("")), path + " names the server's own address");
        }
    }

    /** An absolute-form target names its authority (RFC 9112 §3.2.2): that is the origin the client asked for. */
    @Test
    void anAbsoluteFormTargetNamesItsOwnAuthority() throws Exception {
        RawHttp.Answer answer = withoutHost(server, "http://clinic.example/" + PAGE);
        assertEquals(200, answer.status(), answer.head());
        assertEquals("http://clinic.example/acerca-de-la-ketamina",
                Jsoup.parse(answer.body()).selectFirst("head link[rel=alternate][hreflang=es]").attr("href"));
    }

    /** HTTP/1.1 requires Host: without one the request is refused before any route, in plain words. */
    @Test
    void anHttp11RequestWithoutHostIsStillA400() throws Exception {
        RawHttp.Answer answer = send(server, "GET /" + PAGE + " HTTP/1.1\r\nConnection: close\r\n\r\n");
        assertEquals(400, answer.status(), answer.head());
        assertTrue(answer.head().contains("Content-Type: text/plain; charset=utf-8"), answer.head());
        assertTrue(answer.body().startsWith("400 Bad Request: "), answer.body());
        assertFalse(answer.body().contains("Exception"), answer.body());
    }
}
