package app.earshot.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.earshot.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every absolute URL (feed, sitemap, .m3u, TwiML, API) follows one rule: base URL, else X-Forwarded-Proto/Host, else the request. */
class AbsoluteUrlsTest {
    static final String PAGE = "before-your-visit";
    static final String[] PROXIED = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "clinic.example"};

    @TempDir
    static Path configured;
    static TestServer server;
    static TestServer withBase;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Path.of("src/test/resources/library"));
        TestServer.copyTree(Path.of("src/test/resources/library"), configured);
        Path yaml = configured.resolve("site.yaml");
        Files.writeString(yaml, Files.readString(yaml) + "base-url: https://health.example.org/library\n");
        withBase = TestServer.start(configured);
    }

    @AfterAll
    static void stop() {
        server.close();
        withBase.close();
    }

    /** Every absolute URL the kinds of output publish, asked with {@code headers}. */
    static List<String> urls(TestServer s, String... headers) throws Exception {
        List<String> urls = new ArrayList<>();
        for (String path : List.of("/feed.xml", "/" + PAGE + "/feed.xml", "/sitemap.xml")) {
            Document xml = Jsoup.parse(body(s, path, headers), "", Parser.xmlParser());
            xml.select("link, loc, guid[isPermaLink=true], enclosure, atom|link, itunes|image").forEach(e -> {
                for (String a : List.of("href", "url")) if (e.hasAttr(a)) urls.add(e.attr(a));
                if (!e.ownText().isBlank()) urls.add(e.ownText().strip());
            });
        }
        body(s, "/" + PAGE + ".m3u", headers).lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(urls::add);
        Document twiml = Jsoup.parse(body(s, "/ivr/" + PAGE + "/twiml", headers), "", Parser.xmlParser());
        twiml.select("Play, Redirect").forEach(e -> urls.add(e.ownText().strip()));
        twiml.select("Gather[action]").forEach(e -> urls.add(e.attr("action")));
        JsonNode api = new ObjectMapper().readTree(body(s, "/api/pages/" + PAGE, headers));
        api.findValues("url").forEach(u -> urls.add(u.asText()));
        urls.add(new ObjectMapper().readTree(body(s, "/api/openapi.json", headers)).path("servers").path(0).path("url").asText() + "/");
        assertTrue(urls.size() > 20, urls.toString());
        return urls;
    }

    static String body(TestServer s, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(s.url(path)));
        if (headers.length > 0) request.headers(headers);
        HttpResponse<String> r = s.send(request.build());
        assertEquals(200, r.statusCode(), path);
        return r.body();
    }

    @Test
    void behindATlsProxyEveryAbsoluteUrlIsTheOneTheClientUsed() throws Exception {
        for (String url : urls(server, PROXIED)) assertTrue(url.startsWith("https://clinic.example/"), url);
    }

    @Test
    void withoutAProxyEveryAbsoluteUrlIsTheRequestsHost() throws Exception {
        for (String url : urls(server)) assertTrue(url.startsWith(server.url("/")), url);
    }

    @Test
    void aConfiguredBaseUrlStandsAboveTheForwardedHeaders() throws Exception {
        for (String url : urls(withBase, PROXIED)) assertTrue(url.startsWith("https://health.example.org/library/"), url);
    }

    @Test
    void answersBuiltFromTheRequestSayWhichHeadersTheyVaryOn() {
        HttpResponse<String> feed = server.get("/feed.xml");
        String vary = feed.headers().allValues("Vary").toString();
        assertTrue(vary.contains("X-Forwarded-Proto") && vary.contains("X-Forwarded-Host") && vary.contains("Host"), vary);
        assertFalse(withBase.get("/feed.xml").headers().allValues("Vary").toString().contains("X-Forwarded"));
    }

    /** A scheme is case-insensitive (RFC 3986 §3.1): a proxy that writes "HTTPS" gets https links, written in lower case. */
    @Test
    void theForwardedSchemeIsReadWhateverItsCase() {
        for (String proto : new String[] {"HTTPS", "Https"}) {
            HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/feed.xml")))
                    .header("X-Forwarded-Proto", proto).header("X-Forwarded-Host", "clinic.example").build());
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("https://clinic.example/"), proto + ": " + r.body());
            assertFalse(r.body().contains("http://clinic.example/") || r.body().contains(proto + "://"), proto + ": " + r.body());
        }
    }

    @Test
    void aMalformedForwardedHostIsA400WithAMessage() {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(URI.create(server.url("/feed.xml")))
                .header("X-Forwarded-Host", "evil.example/<x>").build());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("X-Forwarded-Host"), r.body());
    }
}
